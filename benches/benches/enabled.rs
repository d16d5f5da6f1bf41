//! Everything installed: the OpenTelemetry SDK (always-on sampler, a processor that drops
//! spans) as the global provider, `tracing-opentelemetry` on the same SDK, `fastrace` with a
//! reporter that drops spans. Each call runs under a parent span of its own system.

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

use criterion::{criterion_group, criterion_main, Criterion};

fn enabled(c: &mut Criterion) {
    common::install_sdk();
    common::install_fastrace();
    criterion_cases::bench_cases(c, "enabled", true);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = enabled
}
criterion_main!(benches);
