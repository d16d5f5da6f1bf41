//! Compile-time-checked OpenTelemetry instrumentation: the runtime of `#[traced]`.

pub mod context;
#[cfg(feature = "propagation")]
pub mod propagation;
pub mod thread;

pub use traced_macros::{event, record, traced};

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
