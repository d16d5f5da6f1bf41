//! What reading any field needs: its error, the unknown-field message, trimmed text.

use crate::node::Entry;
use crate::position::Pos;
use crate::suggest;

/// A problem in a field's value (`type:`, `deprecated:`), and where it is.
#[derive(Debug, PartialEq)]
pub(crate) struct FieldError {
    pub(crate) message: String,
    /// The YAML token to point at; `None` points at the field's own key.
    pub(crate) at: Option<Pos>,
}

impl FieldError {
    pub(crate) fn at_field(message: String) -> FieldError {
        FieldError { message, at: None }
    }

    pub(crate) fn at(at: Pos, message: String) -> FieldError {
        FieldError {
            message,
            at: Some(at),
        }
    }
}

/// The first field of `entries` not in `known`, with strict reading on.
pub(crate) fn unknown_in<'n>(
    entries: &'n [Entry],
    known: &[&str],
    strict: bool,
) -> Option<&'n Entry> {
    if !strict {
        return None;
    }
    entries.iter().find(|e| !known.contains(&e.key.as_str()))
}

/// "unknown field `x` in <what>; expected one of a, b, c" (with a suggestion when one is close).
pub(crate) fn unknown_field(field: &str, what: &str, known: &[&str]) -> String {
    format!(
        "unknown field `{field}` in {what}; expected one of {}{}",
        known.join(", "),
        suggest::hint(field, known)
    )
}

pub(crate) fn trimmed(s: String) -> String {
    let t = s.trim();
    if t.len() == s.len() {
        s
    } else {
        t.to_string()
    }
}

/// `s` trimmed, unless that leaves nothing.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}
