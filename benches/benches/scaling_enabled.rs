//! Scaling with the SDK installed (always-on sampler, a processor that drops spans) and
//! `tracing-opentelemetry` on the same SDK: per-call time on 1 and N threads (sync) and on
//! Tokio runtimes of 1 and N workers (async).

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

#[path = "../common/scaling.rs"]
mod scaling;

use criterion::{criterion_group, criterion_main, Criterion};

fn enabled(c: &mut Criterion) {
    common::install_sdk();
    scaling::bench(c, "enabled", true);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = enabled
}
criterion_main!(benches);
