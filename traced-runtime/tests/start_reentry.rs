//! The SDK, a sampler or a span processor may attach a context while a span starts: a log
//! processor does (`SimpleLogProcessor` suppresses telemetry around its export), reached
//! whenever the SDK or a processor logs during the start. Starting a span inside
//! `Context::map_current` would then panic (the thread's context stack is borrowed); a traced
//! call reads its parent without holding that borrow, and starts its span normally.

use opentelemetry::trace::{Span as _, Tracer, TracerProvider as _};
use opentelemetry::Context;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{
    InMemorySpanExporter, SdkTracerProvider, SimpleSpanProcessor, Span, SpanData, SpanProcessor,
};
use std::time::Duration;
use traced_runtime::traced;

/// Attaches a telemetry-suppressed context while each span starts, as a log emitted there
/// would; then hands the span to the exporter.
#[derive(Debug)]
struct AttachesOnStart(SimpleSpanProcessor<InMemorySpanExporter>);

impl SpanProcessor for AttachesOnStart {
    fn on_start(&self, span: &mut Span, cx: &Context) {
        let _suppressed = Context::enter_telemetry_suppressed_scope();
        self.0.on_start(span, cx);
    }
    fn on_end(&self, span: SpanData) {
        self.0.on_end(span);
    }
    fn force_flush(&self) -> OTelSdkResult {
        self.0.force_flush()
    }
    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.0.shutdown_with_timeout(timeout)
    }
}

#[traced(name = "inner")]
fn inner() {}

#[traced(name = "outer")]
fn outer() {
    inner();
}

#[test]
fn a_context_attached_while_a_span_starts_is_no_panic() {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_span_processor(AttachesOnStart(SimpleSpanProcessor::new(exporter.clone())))
        .build();
    traced_runtime::set_tracer_provider(provider.clone());

    outer();

    let spans = exporter.get_finished_spans().expect("finished spans");
    let names: Vec<&str> = spans.iter().map(|s| s.name.as_ref()).collect();
    assert_eq!(names, ["inner", "outer"]);
    assert_eq!(spans[0].parent_span_id, spans[1].span_context.span_id());

    // What the hand-written shortcut does with the same provider: the start panics. Should
    // opentelemetry stop holding the borrow, this fails, and the parent's clone in
    // `Parent::into_context` can become a borrow.
    let tracer = provider.tracer("hand-written");
    let started = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Context::map_current(|parent| {
            let span = tracer.build_with_context(tracer.span_builder("shortcut"), parent);
            span.span_context().is_valid()
        })
    }));
    assert!(
        started.is_err(),
        "map_current no longer panics here: Parent::into_context may borrow the parent now"
    );
}
