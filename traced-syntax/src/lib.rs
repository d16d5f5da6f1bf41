//! The grammar of traced's macros, `#[traced(...)]`, `record!` and `event!`, and the rules
//! that need nothing but the syntax: which span and event names are accepted, and what a value
//! records as.
//!
//! It exists for `traced-macros` (the macros) and `cargo-traced` (the linter and span
//! inventory), so that both read the same code exactly the same way; it is not a stable API for
//! other crates. The results are structured: `traced-macros` words its diagnostics, and
//! `cargo-traced` its own, from them.

#![warn(missing_docs)]

mod allow_sensitive;
mod args;
mod attr;
mod calls;
mod kind;
mod name;
mod parse;
mod records;
pub mod value_syntax;

pub use allow_sensitive::Allow;
pub use args::{Args, OPTIONS};
pub use attr::Attr;
pub use calls::{EventInput, FromRuntime, RecordInput};
pub use kind::Kind;
pub use name::{Name, NameOf, NameProblem, route_template};
pub use parse::parse_all;
pub use records::records_in;

/// "`a`, `b`, `c`": names as error messages list them.
pub fn listed(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
