//! The rewards redemption pipeline, traced.
//!
//! `cargo run --example redemption` prints the span tree; with
//! `OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318` it sends the
//! spans to a collector instead.

fn main() {
    let _telemetry = traced_runtime::setup!()
        .service_name("rewards-redemption")
        // A fixed demo key, so `customer.email` shows the same pseudonym on every run;
        // `TRACED_REDACTION_KEY` overrides it.
        .redaction_key(traced_examples::redemption::DEMO_REDACTION_KEY)
        .init();
    let statuses = traced_examples::redemption::run();
    eprintln!("responses: {statuses:?}");
}
