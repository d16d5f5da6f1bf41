//! A checkout in one trace: server span, thread-pool fan-out, and a queue hop whose
//! consumer continues the trace from the message headers.
//!
//! `cargo run --example checkout` prints the span tree.

fn main() {
    let _telemetry = traced_runtime::setup!().service_name("checkout").init();
    let status = traced_examples::checkout::run();
    eprintln!("checkout answered {status}");
}
