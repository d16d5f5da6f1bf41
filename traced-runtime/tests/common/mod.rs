//! Shared by the test binaries: one global SDK provider per binary, and span lookup.
//!
//! The global provider is process-wide and the tests of one binary run in parallel, so each
//! test uses span names of its own (or its own trace) and looks only at those.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry::{Key, Value};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use std::sync::OnceLock;

/// Installs, once per test binary, a global provider with the default (parent-based,
/// always-on) sampler exporting synchronously to memory.
pub fn exporter() -> &'static InMemorySpanExporter {
    static EXPORTER: OnceLock<InMemorySpanExporter> = OnceLock::new();
    EXPORTER.get_or_init(|| {
        let exporter = InMemorySpanExporter::default();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(exporter.clone())
            .build();
        opentelemetry::global::set_tracer_provider(provider);
        exporter
    })
}

/// Every finished span so far.
pub fn finished() -> Vec<SpanData> {
    exporter()
        .get_finished_spans()
        .expect("the in-memory exporter is never shut down")
}

/// The finished spans called `name`.
pub fn named(name: &str) -> Vec<SpanData> {
    finished().into_iter().filter(|s| s.name == name).collect()
}

/// The one finished span called `name`.
pub fn one(name: &str) -> SpanData {
    let mut spans = named(name);
    assert_eq!(spans.len(), 1, "expected exactly one span named {name:?}");
    spans.remove(0)
}

/// The finished spans of one trace.
pub fn in_trace(trace_id: TraceId) -> Vec<SpanData> {
    finished()
        .into_iter()
        .filter(|s| s.span_context.trace_id() == trace_id)
        .collect()
}

/// The finished spans called `name` in one trace.
pub fn spans_of(trace_id: TraceId, name: &str) -> Vec<SpanData> {
    in_trace(trace_id)
        .into_iter()
        .filter(|s| s.name == name)
        .collect()
}

/// The one finished span called `name` in one trace.
pub fn one_of(trace_id: TraceId, name: &str) -> SpanData {
    let mut spans = spans_of(trace_id, name);
    assert_eq!(
        spans.len(),
        1,
        "one span named {name:?} in trace {trace_id}"
    );
    spans.remove(0)
}

/// The finished span with this id, if any.
pub fn with_id(span_id: SpanId) -> Option<SpanData> {
    finished()
        .into_iter()
        .find(|s| s.span_context.span_id() == span_id)
}

pub fn attr(span: &SpanData, key: &str) -> Option<Value> {
    let key = Key::from(key.to_owned());
    span.attributes
        .iter()
        .find(|kv| kv.key == key)
        .map(|kv| kv.value.clone())
}

/// The integer attribute `key` of `span`; panics when it is missing or not an integer.
pub fn int_attr(span: &SpanData, key: &str) -> i64 {
    match attr(span, key) {
        Some(Value::I64(i)) => i,
        other => panic!("span {} has {key} {other:?}", span.name),
    }
}

pub fn event_attr(span: &SpanData, event: &str, key: &str) -> Option<Value> {
    let key = Key::from(key.to_owned());
    span.events
        .events
        .iter()
        .find(|e| e.name == event)?
        .attributes
        .iter()
        .find(|kv| kv.key == key)
        .map(|kv| kv.value.clone())
}

pub fn is_child_of(child: &SpanData, parent: &SpanData) -> bool {
    child.parent_span_id == parent.span_context.span_id()
        && child.span_context.trace_id() == parent.span_context.trace_id()
}

pub fn is_root(span: &SpanData) -> bool {
    span.parent_span_id == SpanId::INVALID
}

/// The id of the span current on this thread (invalid when none).
pub fn current_span_id() -> SpanId {
    use opentelemetry::trace::TraceContextExt;
    opentelemetry::Context::map_current(|cx| cx.span().span_context().span_id())
}
