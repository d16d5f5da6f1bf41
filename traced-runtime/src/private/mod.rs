//! What `#[traced]`, `record!` and `event!` expand to. Not public API: nothing here is covered
//! by semver, and user code must not name it.

mod attrs;
mod outcome;
mod span;
mod tracer;
mod value;

pub use attrs::{event, record, Attrs};
pub use opentelemetry::trace::SpanKind;
pub use opentelemetry::Context;
pub use outcome::{DebugErr, DisplayErr, NotResult, OkValue, OpaqueErr, Plain, Wrap};
pub use span::{AsyncSpan, Instrumented, Parent, Site, Span, SyncSpan};
pub use value::{
    BoolArrayValue, BoolValue, DoubleArrayValue, DoubleValue, IntArrayValue, IntValue, LinkSource,
    StringArrayValue, StringValue,
};
