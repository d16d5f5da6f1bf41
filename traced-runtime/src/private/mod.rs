//! What `#[traced]`, `record!` and `event!` expand to. Not public API: nothing here is covered
//! by semver, and user code must not name it.

mod attrs;
mod identity;
mod outcome;
mod span;
pub(crate) mod tracer;
mod value;

pub use attrs::{event, record, Attrs};
pub use opentelemetry::trace::SpanKind;
pub use opentelemetry::Context;
pub use outcome::{AnyDebug, AnyResult, Anything, OkValue, Outcome, Plain, Wrap};
pub use span::{begin, begin_in, Instrumented, Off, Parent, Site, Span, Start, SyncSpan};
pub use tracer::known_off;
pub use value::{
    BoolArrayValue, BoolValue, DoubleArrayValue, DoubleValue, IntArrayValue, IntValue, LinkSource,
    StringArrayValue, StringValue,
};
