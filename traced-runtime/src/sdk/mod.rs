//! Installing an OpenTelemetry SDK: tracer provider, W3C propagators, and where spans go
//! (feature `sdk`; OTLP with feature `otlp`).
//!
//! Applications call [`init!`](crate::init) once at the top of `main` and keep the guard:
//!
//! ```no_run
//! let _telemetry = traced_runtime::init!();
//! // ... traced code; at the end of `main` the guard flushes and shuts the provider down.
//! ```
//!
//! Libraries never call this: they depend on `traced-runtime` with default features.

mod console;
mod env;
#[cfg(feature = "otlp")]
mod otlp;
pub(crate) mod setup;
pub(crate) mod tree;

pub use console::ConsoleExporter;
pub use opentelemetry_sdk::trace::Sampler;
pub use setup::{Guard, Setup};

/// Where finished spans go (`OTEL_TRACES_EXPORTER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Exporter {
    /// Each finished trace printed to standard output as a tree (the default).
    Console,
    /// OTLP to a collector, over the [`Protocol`] chosen (feature `otlp`).
    Otlp,
}

/// Adds `exporter` to `list` unless it is there already: each exporter is set up once.
fn add_exporter(list: &mut Vec<Exporter>, exporter: Exporter) {
    if !list.contains(&exporter) {
        list.push(exporter);
    }
}

/// The OTLP transport (`OTEL_EXPORTER_OTLP_PROTOCOL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Protocol {
    /// gRPC, default endpoint `http://localhost:4317`.
    Grpc,
    /// Protobuf over HTTP, default endpoint `http://localhost:4318` (the spec's default).
    #[default]
    HttpProtobuf,
}

/// Runs a future that completes without waiting (every exporter here, and the SDK's
/// in-memory one, does its work synchronously inside `export`).
#[cfg(any(test, feature = "testing"))]
pub(crate) fn now<F: std::future::Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => unreachable!("a synchronous exporter returned Pending"),
    }
}
