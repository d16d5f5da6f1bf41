//! Test-only crate: the runtime is imported as `tr`, and re-exported as `runtime`.

pub use tr as runtime;
