//! What `valid` hands `expand`: the checked input, typed. No tokens are made here; `expand`
//! alone decides what the runtime is called with.

use proc_macro2::Span;
use std::path::PathBuf;
use syn::{Expr, LitStr, Pat, Path};
pub use traced_registry::Primitive;
pub use traced_syntax::Kind;

/// One checked `"key" = value`, with the type the key is registered with.
pub struct Attribute {
    pub key: LitStr,
    pub ty: Primitive,
    pub value: Expr,
    /// Set when the key is `pii` and the value must be a redacted one.
    pub sensitive: Option<crate::sensitive::Guard>,
}

/// The checked `ret = "key"`.
pub struct Ret {
    pub key: LitStr,
    pub ty: Primitive,
    /// Set when the key is `pii` and the value must be a redacted one.
    pub sensitive: Option<crate::sensitive::Guard>,
}

/// What the fn returns, as far as the span is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// `()`: nothing to read.
    Unit,
    /// `!`: it never returns; the span ends as a panic unwinds, or not at all.
    Never,
    /// A value: its status (if a `Result`) and `ret` are read.
    Value,
}

/// Where the span's parent comes from.
pub enum Parent {
    Current,
    Explicit(Box<Expr>),
    Root,
}

/// Things the expansion must emit besides the span: deprecation warnings, and the registry
/// files (once per crate) so that editing them rebuilds the crate.
#[derive(Default)]
pub struct Extras {
    pub deprecated: Vec<(Span, String)>,
    /// Keys a declared span does not list (a warning, as stable proc macros have none).
    pub unlisted: Vec<(Span, String)>,
    pub track: Vec<PathBuf>,
}

/// A checked `#[traced]`.
pub struct TracedPlan {
    pub name: LitStr,
    pub kind: Kind,
    pub returns: Returns,
    pub attrs: Vec<Attribute>,
    pub ret: Option<Ret>,
    pub parent: Parent,
    pub links: Vec<Expr>,
    pub expected_err: Option<Pat>,
    /// `crate = path`; `None`: `::traced_runtime`.
    pub krate: Option<Path>,
    /// `false` with `no_fast_path`: optimized builds compile the body once too.
    pub fast_path: bool,
    pub extras: Extras,
}

/// A checked `record!`.
pub struct RecordPlan {
    /// The runtime's `$crate`.
    pub krate: Path,
    pub attrs: Vec<Attribute>,
    pub extras: Extras,
}

/// A checked `event!`.
pub struct EventPlan {
    /// The runtime's `$crate`.
    pub krate: Path,
    pub name: LitStr,
    pub attrs: Vec<Attribute>,
    pub extras: Extras,
}
