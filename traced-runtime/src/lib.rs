//! Compile-time-checked OpenTelemetry instrumentation: the runtime of `#[traced]`.

pub use traced_macros::{event, record, traced};

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
