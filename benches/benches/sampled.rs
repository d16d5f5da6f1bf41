//! The SDK installed with a sampler that drops every span (`Sampler::AlwaysOff`): the path
//! most calls take at 1–10% sampling. `tracing-opentelemetry` on the same SDK, `fastrace` with
//! a reporter that drops spans. Each call runs under a parent span of its own system.

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

use criterion::{criterion_group, criterion_main, Criterion};

fn sampled(c: &mut Criterion) {
    common::install_sdk_sampled_out();
    common::install_fastrace();
    criterion_cases::bench_cases(c, "sampled", true);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = sampled
}
criterion_main!(benches);
