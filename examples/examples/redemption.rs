//! The rewards redemption pipeline, traced.
//!
//! `cargo run --example redemption` prints the span tree; with
//! `OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318` it sends the
//! spans to a collector instead.

fn main() {
    let _telemetry = traced_runtime::setup!()
        .service_name("rewards-redemption")
        .init();
    let statuses = traced_examples::redemption::run();
    eprintln!("responses: {statuses:?}");
}
