//! Nothing installed: no tracer provider, no `tracing` subscriber, no `fastrace` reporter.
//! A separate binary from `enabled.rs` because the global provider is process-wide.

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

use criterion::{criterion_group, criterion_main, Criterion};

fn disabled(c: &mut Criterion) {
    criterion_cases::bench_cases(c, "disabled", false);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = disabled
}
criterion_main!(benches);
