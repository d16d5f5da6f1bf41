//! A span the sampler drops is not recorded, but it is still current while its call runs:
//! its children find it as their parent (a parent-based sampler drops them too), and the
//! caller's span is current again afterwards. One test: it installs the global provider.

use opentelemetry::trace::{Link, SpanContext, SpanKind, TraceContextExt, TraceId, TraceState};
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::trace::{
    InMemorySpanExporter, SamplingDecision, SamplingResult, SdkTracerProvider, ShouldSample,
};
use traced_runtime::traced;
use traced_test_support::block_on;

/// Drops every span named `dropped.*`, records every other one (whatever its parent says).
#[derive(Clone, Debug)]
struct DropByName;

impl ShouldSample for DropByName {
    fn should_sample(
        &self,
        _parent: Option<&Context>,
        _trace_id: TraceId,
        name: &str,
        _kind: &SpanKind,
        _attributes: &[KeyValue],
        _links: &[Link],
    ) -> SamplingResult {
        let decision = if name.starts_with("dropped.") {
            SamplingDecision::Drop
        } else {
            SamplingDecision::RecordAndSample
        };
        SamplingResult {
            decision,
            attributes: Vec::new(),
            trace_state: TraceState::default(),
        }
    }
}

fn current() -> SpanContext {
    Context::map_current(|cx| cx.span().span_context().clone())
}

#[traced(name = "kept.child")]
fn child() {}

/// Fails with the span context current in its body: a status would be set if it recorded.
#[traced(name = "dropped.sync", attrs("task.index" = i))]
fn dropped(i: i64) -> Result<(), SpanContext> {
    child();
    Err(current())
}

#[traced(name = "dropped.async")]
async fn dropped_async() -> Result<(), SpanContext> {
    child();
    Err(current())
}

/// Its own span context, and the ones current in the sync and async dropped calls.
#[traced(name = "kept.outer")]
fn outer() -> [SpanContext; 3] {
    let mine = current();
    let sync = dropped(1).unwrap_err();
    assert_eq!(current(), mine, "the caller's span is current again");
    let future = dropped_async();
    assert_eq!(
        current(),
        mine,
        "an async span is current only while polled"
    );
    let async_ = block_on(future).unwrap_err();
    assert_eq!(current(), mine, "the caller's span is current again");
    [mine, sync, async_]
}

#[test]
fn a_dropped_span_is_current_for_its_children() {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_sampler(DropByName)
        .with_simple_exporter(exporter.clone())
        .build();
    traced_runtime::set_tracer_provider(provider.clone());

    let [mine, sync, async_] = outer();

    for dropped in [&sync, &async_] {
        assert!(dropped.is_valid() && !dropped.is_sampled(), "{dropped:?}");
        assert_eq!(dropped.trace_id(), mine.trace_id());
        assert_ne!(dropped.span_id(), mine.span_id());
    }
    let spans = exporter.get_finished_spans().expect("finished spans");
    let names: Vec<_> = spans.iter().map(|s| s.name.as_ref()).collect();
    assert_eq!(
        names,
        ["kept.child", "kept.child", "kept.outer"],
        "{spans:#?}"
    );
    assert_eq!(spans[0].parent_span_id, sync.span_id());
    assert_eq!(spans[1].parent_span_id, async_.span_id());
    traced_runtime::set_tracer_provider(opentelemetry::trace::noop::NoopTracerProvider::new());
    drop(provider);
}
