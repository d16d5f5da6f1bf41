//! `attrs(...)` reach the SDK as start attributes, where a `Sampler` decides: the reason a
//! declared span's sampling-relevant keys must be in `attrs(...)`.

use opentelemetry::trace::{Link, SpanKind, TraceId, TraceState};
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::trace::{
    InMemorySpanExporter, SamplingDecision, SamplingResult, SdkTracerProvider, ShouldSample,
};
use traced_runtime::traced;

/// Records only the calls to one partner, judged from the start attributes alone.
#[derive(Clone, Debug)]
struct OnePartner;

impl ShouldSample for OnePartner {
    fn should_sample(
        &self,
        _parent: Option<&Context>,
        _trace_id: TraceId,
        _name: &str,
        _kind: &SpanKind,
        attributes: &[KeyValue],
        _links: &[Link],
    ) -> SamplingResult {
        let partner = attributes
            .iter()
            .find(|kv| kv.key.as_str() == "redemption.partner")
            .map(|kv| kv.value.as_str().into_owned());
        let decision = if partner.as_deref() == Some("amazon") {
            SamplingDecision::RecordAndSample
        } else {
            SamplingDecision::Drop
        };
        SamplingResult {
            decision,
            attributes: Vec::new(),
            trace_state: TraceState::default(),
        }
    }
}

// A declared span: no `name` (the span type is the name), no `kind` (the declared `client`).
#[traced(span = "redemption.partner.call", attrs("redemption.partner" = partner, "customer.id" = customer))]
fn call_partner(partner: &str, customer: &str) {}

#[test]
fn a_sampler_decides_on_start_attributes() {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_sampler(OnePartner)
        .with_simple_exporter(exporter.clone())
        .build();
    traced_runtime::set_tracer_provider(provider.clone());

    call_partner("amazon", "c-1");
    call_partner("flipkart", "c-2");

    let spans = exporter.get_finished_spans().expect("finished spans");
    assert_eq!(spans.len(), 1, "{spans:#?}");
    let span = &spans[0];
    assert_eq!(span.name, "redemption.partner.call");
    assert_eq!(span.span_kind, SpanKind::Client);
    assert!(span
        .attributes
        .iter()
        .any(|kv| kv.key.as_str() == "customer.id" && kv.value.as_str() == "c-1"));
    traced_runtime::set_tracer_provider(opentelemetry::trace::noop::NoopTracerProvider::new());
    drop(provider);
}
