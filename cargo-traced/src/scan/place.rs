//! Where a token is, as rustc shows it.

use proc_macro2::Span;
use serde::Serialize;

/// A token's position: 1-based line and column (counted in characters, as rustc shows them),
/// and how many characters it spans on its first line (at least 1), for the caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters under the caret, on the first line only.
    pub width: usize,
}

impl Place {
    /// The place of a parsed token or node's span (`proc-macro2`'s `span-locations`).
    pub fn of(span: Span) -> Place {
        let (start, end) = (span.start(), span.end());
        let width = if end.line == start.line && end.column > start.column {
            end.column - start.column
        } else {
            1
        };
        Place {
            line: start.line.max(1),
            column: start.column + 1,
            width,
        }
    }

    /// The place of a syntax node, from its first token to its last.
    pub fn spanned(node: &impl syn::spanned::Spanned) -> Place {
        Place::of(node.span())
    }
}
