//! Compile-time-checked OpenTelemetry instrumentation: the runtime of `#[traced]`.

pub mod context;
#[cfg(feature = "propagation")]
pub mod propagation;
pub mod thread;

pub use traced_macros::{event, record, traced};

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

// SDK set-up, console and OTLP export (features `sdk`, `otlp`), test capture (`testing`).
#[cfg(feature = "sdk")]
pub mod sdk;
#[cfg(feature = "sdk")]
pub use sdk::{Guard, Setup};
#[cfg(feature = "testing")]
pub mod testing;
