//! What `#[traced]`, `record!` and `event!` expand to. Not public API: nothing here is covered
//! by semver, and user code must not name it.

mod attrs;
mod outcome;
mod parent;
mod span;
mod tracer;
mod value;

pub use attrs::{event, record, Attrs};
pub use opentelemetry::trace::SpanKind;
pub use opentelemetry::Context;
pub use outcome::{AnyDebug, AnyResult, Anything, FnOutput, Never, OkValue, Outcome, Plain, Wrap};
pub use parent::ParentContext;
pub use span::{begin, begin_in, Instrumented, Off, Parent, Site, Span, Start, SyncSpan};
// The proc macros behind `record!` and `event!`: macros, so they share no namespace with the
// functions of the same names above.
pub use traced_macros::{event, record};
pub use value::{
    BoolArrayValue, BoolValue, DoubleArrayValue, DoubleValue, IntArrayValue, IntValue, LinkSource,
    StringArrayValue, StringValue,
};
