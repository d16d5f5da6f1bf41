//! `cargo traced`: hand-written OpenTelemetry and `tracing` spans checked against the
//! attribute registry, from the syntax.
//!
//! The binary is the product; the library holds its parts so the subcommands (and their
//! tests) share them: [`workspace`] finds the members, their files and registries,
//! [`sources`] reads and scans a member's files, [`scan`] finds the sites of one file, [`lint`]
//! checks sites against a member's registry, [`report`] writes the findings, [`inventory`]
//! lists every span (`cargo traced spans`), [`draft`] writes a starter registry (`cargo traced
//! registry --draft`).

#![warn(missing_docs)]

pub mod draft;
pub mod inventory;
pub mod lint;
pub mod report;
pub mod scan;
pub mod sources;
pub mod stdout;
pub mod workspace;
