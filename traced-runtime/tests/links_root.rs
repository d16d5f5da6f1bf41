//! `links = [...]`, `root` and `parent = expr`.

use opentelemetry::trace::{SpanContext, TraceContextExt, TraceFlags, TraceState};
use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry::Context;
use traced_runtime::testing::capture;
use traced_runtime::traced;

/// The context of a finished traced span, to link to or parent under.
#[traced(name = "links.message", kind = producer, root)]
fn a_span_context() -> Context {
    Context::current()
}

#[traced(name = "links.batch", links = [first, second, third, None::<Context>])]
fn process_batch(first: &Context, second: &SpanContext, third: &Context) {}

#[test]
fn links_point_at_each_valid_context_and_skip_invalid_ones() {
    let ((first, second), spans) = capture(|| {
        let first = a_span_context();
        let second = a_span_context().span().span_context().clone();
        // An extracted context without a usable parent, e.g. from malformed headers.
        let invalid = Context::new();
        process_batch(&first, &second, &invalid);
        (first, second)
    });

    let batch = spans.one("links.batch");
    let linked: Vec<_> = batch.links().cloned().collect();
    assert_eq!(
        linked,
        [first.span().span_context().clone(), second],
        "valid contexts in order, the invalid one and `None` left out"
    );
    assert!(batch.is_root(), "links are not parents");
}

#[traced(name = "links.root", root)]
fn starts_a_new_trace() -> TraceId {
    Context::map_current(|cx| cx.span().span_context().trace_id())
}

#[traced(name = "links.outer")]
fn outer() -> (TraceId, TraceId) {
    let own = Context::map_current(|cx| cx.span().span_context().trace_id());
    (own, starts_a_new_trace())
}

#[test]
fn root_starts_a_new_trace_inside_another_span() {
    let ((outer_trace, root_trace), spans) = capture(outer);
    assert_ne!(outer_trace, root_trace);
    let root = spans.one("links.root");
    assert!(root.is_root());
    assert_eq!(root.trace_id(), root_trace);
    assert_eq!(spans.one("links.outer").trace_id(), outer_trace);
}

#[traced(name = "links.current")]
fn within_another_span(incoming: Context) {
    under(incoming)
}

#[traced(name = "links.explicit", parent = parent)]
fn under(parent: Context) {}

#[test]
fn an_explicit_parent_wins_over_the_current_span() {
    let remote = SpanContext::new(
        TraceId::from(0x0af7_6519_16cd_43dd_8448_eb21_1c80_319c),
        SpanId::from(0xb7ad_6b71_6920_3331),
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    );
    let incoming = Context::new().with_remote_span_context(remote.clone());
    let ((), spans) = capture(|| within_another_span(incoming));
    let span = spans.one("links.explicit");
    assert_eq!(span.trace_id(), remote.trace_id());
    assert_eq!(span.parent_span_id(), Some(remote.span_id()));
    assert!(span.data().parent_span_is_remote);
}

#[traced(name = "links.root_baggage", root)]
fn root_reads_baggage() -> (Option<String>, bool) {
    use opentelemetry::baggage::BaggageExt;
    Context::map_current(|cx| {
        let tier = cx.baggage().get("customer.tier").map(|v| v.to_string());
        (tier, cx.span().span_context().is_sampled())
    })
}

#[test]
fn root_keeps_the_baggage_and_is_sampled_under_an_unsampled_parent() {
    use opentelemetry::baggage::BaggageExt;
    let unsampled = SpanContext::new(
        TraceId::from(0x1af7_6519_16cd_43dd_8448_eb21_1c80_319c),
        SpanId::from(0xc7ad_6b71_6920_3331),
        TraceFlags::default(),
        true,
        TraceState::default(),
    );
    let ((tier, sampled), spans) = capture(|| {
        let _guard = Context::new()
            .with_remote_span_context(unsampled)
            .with_baggage([opentelemetry::KeyValue::new("customer.tier", "gold")])
            .attach();
        root_reads_baggage()
    });
    assert_eq!(tier.as_deref(), Some("gold"));
    assert!(
        sampled,
        "a root is sampled by the root sampler, not its caller's trace"
    );
    assert!(spans.one("links.root_baggage").is_root());
}
