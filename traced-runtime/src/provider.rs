//! Installing a tracer provider, and when traced code sees it.
//!
//! A traced call does not read opentelemetry's global provider each time: that read takes a
//! lock and clones an `Arc`, atomic writes that every core contends for, so the cost of a
//! call would grow with the number of cores. Each thread caches what it last read instead:
//!
//! - A provider installed through this crate ([`set_tracer_provider`], `init!`,
//!   `setup!().init()`, `testing::capture`) is seen by every thread on its next traced call,
//!   and the one it replaced gets no further spans.
//! - A provider installed with plain `opentelemetry::global::set_tracer_provider` is seen by
//!   a thread within [`RECHECK_CALLS`] traced calls on that thread, and at once on a thread
//!   that has made none yet (each test of a `cargo test` binary runs on a new thread, so a
//!   test that installs a provider with the plain API and then calls traced code works).
//!
//! Code that installs providers with the plain API and expects the very next call on a
//! long-lived thread to see it (a test suite reusing worker threads, say) should use
//! [`set_tracer_provider`] instead: it is the same call, plus the notice to every thread.

/// How many traced calls a thread makes on what it cached before it reads the global provider
/// again: the bound on noticing a provider installed with plain
/// `opentelemetry::global::set_tracer_provider`.
///
/// The read takes opentelemetry's global lock, which every core contends for: it has to be
/// rare enough that a disabled call costs the same on N cores as on one (the `scaling_*`
/// benches measure it), while a loop of this many disabled calls still takes well under a
/// millisecond.
pub const RECHECK_CALLS: u32 = 65536;

/// [`opentelemetry::global::set_tracer_provider`], seen by every thread on its next traced
/// call.
///
/// ```
/// # use opentelemetry::trace::noop::NoopTracerProvider;
/// traced_runtime::set_tracer_provider(NoopTracerProvider::new());
/// ```
pub fn set_tracer_provider<P, T, S>(provider: P)
where
    S: opentelemetry::trace::Span + Send + Sync + 'static,
    T: opentelemetry::trace::Tracer<Span = S> + Send + Sync + 'static,
    P: opentelemetry::trace::TracerProvider<Tracer = T> + Send + Sync + 'static,
{
    opentelemetry::global::set_tracer_provider(provider);
    crate::__private::tracer::installed();
}
