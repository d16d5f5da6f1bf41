//! `links = [...]`, `root` and `parent = expr`.

mod common;

use common::*;
use opentelemetry::trace::{SpanContext, TraceContextExt, TraceFlags, TraceState};
use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry::Context;
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
    exporter();
    let first = a_span_context();
    let second = a_span_context().span().span_context().clone();
    // An extracted context without a usable parent, e.g. from malformed headers.
    let invalid = Context::new();
    process_batch(&first, &second, &invalid);

    let batch = one("links.batch");
    let linked: Vec<_> = batch
        .links
        .links
        .iter()
        .map(|l| l.span_context.clone())
        .collect();
    assert_eq!(
        linked,
        [first.span().span_context().clone(), second],
        "valid contexts in order, the invalid one and `None` left out"
    );
    assert!(is_root(&batch), "links are not parents");
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
    exporter();
    let (outer_trace, root_trace) = outer();
    assert_ne!(outer_trace, root_trace);
    let root = one("links.root");
    assert!(is_root(&root));
    assert_eq!(root.span_context.trace_id(), root_trace);
    assert_eq!(one("links.outer").span_context.trace_id(), outer_trace);
}

#[traced(name = "links.current")]
fn within_another_span(incoming: Context) {
    under(incoming)
}

#[traced(name = "links.explicit", parent = parent)]
fn under(parent: Context) {}

#[test]
fn an_explicit_parent_wins_over_the_current_span() {
    exporter();
    let remote = SpanContext::new(
        TraceId::from(0x0af7_6519_16cd_43dd_8448_eb21_1c80_319c),
        SpanId::from(0xb7ad_6b71_6920_3331),
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    );
    let incoming = Context::new().with_remote_span_context(remote.clone());
    within_another_span(incoming);
    let span = one("links.explicit");
    assert_eq!(span.span_context.trace_id(), remote.trace_id());
    assert_eq!(span.parent_span_id, remote.span_id());
    assert!(span.parent_span_is_remote);
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
    exporter();
    let unsampled = SpanContext::new(
        TraceId::from(0x1af7_6519_16cd_43dd_8448_eb21_1c80_319c),
        SpanId::from(0xc7ad_6b71_6920_3331),
        TraceFlags::default(),
        true,
        TraceState::default(),
    );
    let _guard = Context::new()
        .with_remote_span_context(unsampled)
        .with_baggage([opentelemetry::KeyValue::new("customer.tier", "gold")])
        .attach();
    let (tier, sampled) = root_reads_baggage();
    assert_eq!(tier.as_deref(), Some("gold"));
    assert!(
        sampled,
        "a root is sampled by the root sampler, not its caller's trace"
    );
    assert!(is_root(&one("links.root_baggage")));
}
