//! `cargo traced`: hand-written OpenTelemetry and `tracing` spans checked against the
//! attribute registry, from the syntax.
//!
//! The binary is the product; the library holds its parts so the subcommands (and their
//! tests) share them: [`scan`] reads the sites of a file, [`workspace`] finds the members and
//! their sources, [`lint`] checks sites against a member's registry, [`report`] writes the
//! findings.

pub mod lint;
pub mod report;
pub mod scan;
pub mod workspace;
