//! A propagator installed with `opentelemetry::global::set_text_map_propagator` is the one
//! `inject`/`extract` use, and malformed `traceparent` headers are still kept from it. A binary
//! of its own: it changes the global propagator.

use opentelemetry::baggage::BaggageExt;
use opentelemetry::trace::TraceContextExt;
use opentelemetry::{Context, KeyValue};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use std::collections::HashMap;
use traced_runtime::propagation::{extract, inject};
use traced_runtime::traced;

#[traced(name = "global.produce", kind = producer)]
fn produce() -> HashMap<String, String> {
    let mut headers = HashMap::new();
    inject(&mut headers);
    headers
}

#[test]
fn the_installed_propagator_is_used_and_still_guarded() {
    // A provider, so that the producer's span is valid and injected; not `testing::capture`,
    // which would install a propagator of its own.
    opentelemetry::global::set_tracer_provider(SdkTracerProvider::builder().build());
    // Trace context only: no baggage crosses the hop any more.
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    let _baggage = Context::current_with_baggage([KeyValue::new("customer.tier", "gold")]).attach();
    let headers = produce();
    assert!(headers.contains_key("traceparent"), "{headers:?}");
    assert!(!headers.contains_key("baggage"), "{headers:?}");

    let good = extract(&headers);
    assert!(good.span().span_context().is_valid());
    assert!(good.baggage().is_empty());

    // `TraceContextPropagator` alone would accept this (one-digit flags).
    let malformed = HashMap::from([(
        "traceparent".to_owned(),
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1".to_owned(),
    )]);
    assert!(!extract(&malformed).span().span_context().is_valid());
}
