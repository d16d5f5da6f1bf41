//! The insurance quote pipeline, traced: one quote, one pricing outage, one product that is
//! not offered (an expected outcome, so its span is not an error).
//!
//! `cargo run --example quote` prints the span trees.

fn main() {
    let _telemetry = traced_runtime::setup!().service_name("quote-engine").init();
    for quote in traced_examples::quote::run() {
        match quote {
            Ok(amount) => eprintln!("quoted ${amount:.2}"),
            Err(e) => eprintln!("no quote: {e}"),
        }
    }
}
