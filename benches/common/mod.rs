//! The benchmarked cases, shared by the criterion benches and the callgrind binary.
//!
//! Every case is the same fn: span name `bench.op`, an int and a string attribute, a
//! `Result` return (status Error on `Err`), sync and async. Each is `#[inline(never)]` so all
//! of them, the bare floor included, pay one real call.

#![allow(dead_code)] // each bench binary uses a subset

use opentelemetry::global::{self, BoxedTracer};
use opentelemetry::trace::{
    FutureExt as _, SpanKind, Status, TraceContextExt as _, Tracer as _, TracerProvider as _,
};
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider, SpanData, SpanProcessor};
use std::fmt;
use std::future::Future;
use std::hint::black_box;
use std::sync::OnceLock;
use traced_runtime::traced;
use traced_test_support::block_on;

/// The error of every case (never returned in the benches, but the `Err` path is compiled).
#[derive(Debug)]
pub struct BenchError;

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("negative count")
    }
}

impl std::error::Error for BenchError {}

/// The body of every case.
#[inline(always)]
fn work(n: i64, s: &str) -> Result<i64, BenchError> {
    if n < 0 {
        Err(BenchError)
    } else {
        Ok(n + s.len() as i64)
    }
}

// ---------------------------------------------------------------------------------------------
// Set-up

/// A span processor that drops every span: the cost measured is the instrumentation's and the
/// SDK's, not an exporter's.
#[derive(Debug)]
struct DropProcessor;

impl SpanProcessor for DropProcessor {
    fn on_start(&self, _: &mut opentelemetry_sdk::trace::Span, _: &Context) {}
    fn on_end(&self, _: SpanData) {}
    fn force_flush(&self) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }
    fn shutdown_with_timeout(
        &self,
        _: std::time::Duration,
    ) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }
}

/// Installs the SDK (always-on sampler, dropping processor) as the global provider, and
/// `tracing-opentelemetry` on the same SDK as the global `tracing` subscriber.
pub fn install_sdk() {
    install_sdk_with(Sampler::AlwaysOn);
}

/// [`install_sdk`] with a sampler that drops every span: the path most calls take in
/// production at 1–10% sampling.
pub fn install_sdk_sampled_out() {
    install_sdk_with(Sampler::AlwaysOff);
}

fn install_sdk_with(sampler: Sampler) {
    use tracing_subscriber::layer::SubscriberExt as _;
    let provider = SdkTracerProvider::builder()
        .with_sampler(sampler)
        .with_span_processor(DropProcessor)
        .build();
    let layer = tracing_opentelemetry::layer().with_tracer(provider.tracer("bench.tracing"));
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
        .expect("no other subscriber");
    global::set_tracer_provider(provider);
}

/// A `fastrace` reporter that drops every span.
struct DropReporter;

impl fastrace::collector::Reporter for DropReporter {
    fn report(&mut self, _: Vec<fastrace::collector::SpanRecord>) {}
}

/// Installs `fastrace`'s collector with a reporter that drops spans.
pub fn install_fastrace() {
    fastrace::set_reporter(DropReporter, fastrace::collector::Config::default());
}

/// The tracer the best-effort hand-written code caches after the provider is installed.
static BEST_TRACER: OnceLock<BoxedTracer> = OnceLock::new();

fn best_tracer() -> &'static BoxedTracer {
    BEST_TRACER.get_or_init(|| global::tracer("bench.best"))
}

// ---------------------------------------------------------------------------------------------
// The parent each enabled call runs under (every system traces children of one parent, as
// instrumented code usually runs inside a request span; fastrace records nothing without one).

/// The instrumentation systems compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    None,
    Otel,
    Tracing,
    Fastrace,
}

/// Runs `f` under a fresh parent span of `system`, when `enabled`. Callers run a batch of
/// calls per parent, so its cost is spread thin (and fastrace's per-thread buffer, which
/// holds at most 10,240 spans per root, never fills).
pub fn with_parent<R>(system: System, enabled: bool, f: impl FnOnce() -> R) -> R {
    if !enabled {
        return f();
    }
    match system {
        System::None => f(),
        System::Otel => {
            let parent = global::tracer("bench.parent").start("bench.parent");
            let _guard = Context::current_with_span(parent).attach();
            f()
        }
        System::Tracing => tracing::info_span!("bench.parent").in_scope(f),
        System::Fastrace => {
            let root =
                fastrace::Span::root("bench.parent", fastrace::prelude::SpanContext::random());
            let _guard = root.set_local_parent();
            f()
        }
    }
}

/// Calls per parent span.
pub const BATCH: u64 = 1024;

/// Runs `iters` calls of `call`, in batches under a parent span.
#[inline(always)]
pub fn run(system: System, enabled: bool, iters: u64, mut call: impl FnMut()) {
    let mut left = iters;
    while left > 0 {
        let batch = left.min(BATCH);
        with_parent(system, enabled, || {
            for _ in 0..batch {
                call();
            }
        });
        left -= batch;
    }
}

// ---------------------------------------------------------------------------------------------
// Sync cases

#[inline(never)]
pub fn bare(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

#[inline(never)]
#[traced(name = "bench.op", attrs("bench.count" = n, "bench.label" = s))]
pub fn traced(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

/// The bare fn plus one read of the global provider: what any code that notices a provider
/// installed later with plain `global::set_tracer_provider` pays per call, at least.
#[inline(never)]
pub fn global_read(n: i64, s: &str) -> Result<i64, BenchError> {
    drop(black_box(global::tracer_provider()));
    work(n, s)
}

/// What the OpenTelemetry docs show: the global tracer per call, `in_span`, `set_attribute`.
#[inline(never)]
pub fn otel_idiomatic(n: i64, s: &str) -> Result<i64, BenchError> {
    global::tracer("bench.idiomatic").in_span("bench.op", |cx| {
        let span = cx.span();
        span.set_attribute(KeyValue::new("bench.count", n));
        span.set_attribute(KeyValue::new("bench.label", s.to_owned()));
        let ret = work(n, s);
        if let Err(e) = &ret {
            span.set_status(Status::error(e.to_string()));
        }
        ret
    })
}

/// The span of the best hand-written code: a cached tracer, one builder with kind and
/// attributes, the parent read without a clone.
fn best_span(n: i64, s: &str) -> Context {
    let tracer = best_tracer();
    Context::map_current(|parent| {
        let builder = tracer
            .span_builder("bench.op")
            .with_kind(SpanKind::Internal)
            .with_attributes([
                KeyValue::new("bench.count", n),
                KeyValue::new("bench.label", s.to_owned()),
            ]);
        parent.with_span(tracer.build_with_context(builder, parent))
    })
}

/// The best hand-written code: a cached tracer, one builder with kind and attributes, the
/// parent read without a clone, context attached, status on `Err`.
#[inline(never)]
pub fn otel_best(n: i64, s: &str) -> Result<i64, BenchError> {
    let cx = best_span(n, s);
    let _guard = cx.attach();
    let ret = work(n, s);
    if let Err(e) = &ret {
        opentelemetry::trace::get_active_span(|span| span.set_status(Status::error(e.to_string())));
    }
    ret
}

#[inline(never)]
#[tracing::instrument(name = "bench.op", skip_all, fields(bench.count = n, bench.label = s), err)]
pub fn tracing_instrument(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

#[inline(never)]
#[fastrace::trace(name = "bench.op", properties = { "bench.count": "{n}", "bench.label": "{s}" })]
pub fn fastrace_trace(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

// ---------------------------------------------------------------------------------------------
// Async cases: the same, as `async fn`s driven by `block_on`.

#[inline(never)]
pub async fn bare_async(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

#[inline(never)]
#[traced(name = "bench.op", attrs("bench.count" = n, "bench.label" = s))]
pub async fn traced_async(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

/// [`global_read`] at the call of an async fn, where a span would start.
#[inline(never)]
pub fn global_read_async(n: i64, s: &str) -> impl Future<Output = Result<i64, BenchError>> + '_ {
    drop(black_box(global::tracer_provider()));
    async move { work(n, s) }
}

#[inline(never)]
pub async fn otel_idiomatic_async(n: i64, s: &str) -> Result<i64, BenchError> {
    let tracer = global::tracer("bench.idiomatic");
    let span = tracer.start("bench.op");
    let cx = Context::current_with_span(span);
    cx.span().set_attribute(KeyValue::new("bench.count", n));
    cx.span()
        .set_attribute(KeyValue::new("bench.label", s.to_owned()));
    let ret = async { work(n, s) }.with_context(cx.clone()).await;
    if let Err(e) = &ret {
        cx.span().set_status(Status::error(e.to_string()));
    }
    ret
}

#[inline(never)]
pub async fn otel_best_async(n: i64, s: &str) -> Result<i64, BenchError> {
    let cx = best_span(n, s);
    let ret = async { work(n, s) }.with_context(cx.clone()).await;
    if let Err(e) = &ret {
        cx.span().set_status(Status::error(e.to_string()));
    }
    ret
}

#[inline(never)]
#[tracing::instrument(name = "bench.op", skip_all, fields(bench.count = n, bench.label = s), err)]
pub async fn tracing_instrument_async(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

#[inline(never)]
#[fastrace::trace(name = "bench.op", properties = { "bench.count": "{n}", "bench.label": "{s}" })]
pub async fn fastrace_trace_async(n: i64, s: &str) -> Result<i64, BenchError> {
    work(n, s)
}

// ---------------------------------------------------------------------------------------------
// The table of cases

/// One benchmarked case: an id, its system (for the parent span) and one call.
pub struct Case {
    pub id: &'static str,
    pub system: System,
    pub call: fn(),
}

const N: i64 = 42;
const S: &str = "coins";

macro_rules! sync_case {
    ($f:ident) => {
        || {
            black_box($f(black_box(N), black_box(S))).ok();
        }
    };
}
macro_rules! async_case {
    ($f:ident) => {
        || {
            black_box(block_on($f(black_box(N), black_box(S)))).ok();
        }
    };
}

/// Every case, sync then async. Both bench binaries and the callgrind binary use this list.
pub const CASES: &[Case] = &[
    Case {
        id: "sync/bare",
        system: System::None,
        call: sync_case!(bare),
    },
    Case {
        id: "sync/traced",
        system: System::Otel,
        call: sync_case!(traced),
    },
    Case {
        id: "sync/global_read",
        system: System::None,
        call: sync_case!(global_read),
    },
    Case {
        id: "sync/otel_idiomatic",
        system: System::Otel,
        call: sync_case!(otel_idiomatic),
    },
    Case {
        id: "sync/otel_best",
        system: System::Otel,
        call: sync_case!(otel_best),
    },
    Case {
        id: "sync/tracing",
        system: System::Tracing,
        call: sync_case!(tracing_instrument),
    },
    Case {
        id: "sync/fastrace",
        system: System::Fastrace,
        call: sync_case!(fastrace_trace),
    },
    Case {
        id: "async/bare",
        system: System::None,
        call: async_case!(bare_async),
    },
    Case {
        id: "async/traced",
        system: System::Otel,
        call: async_case!(traced_async),
    },
    Case {
        id: "async/global_read",
        system: System::None,
        call: async_case!(global_read_async),
    },
    Case {
        id: "async/otel_idiomatic",
        system: System::Otel,
        call: async_case!(otel_idiomatic_async),
    },
    Case {
        id: "async/otel_best",
        system: System::Otel,
        call: async_case!(otel_best_async),
    },
    Case {
        id: "async/tracing",
        system: System::Tracing,
        call: async_case!(tracing_instrument_async),
    },
    Case {
        id: "async/fastrace",
        system: System::Fastrace,
        call: async_case!(fastrace_trace_async),
    },
];
