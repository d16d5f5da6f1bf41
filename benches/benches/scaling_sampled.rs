//! Scaling with the SDK installed but sampling every span out (`Sampler::AlwaysOff`, the path
//! most calls take at 1–10% sampling): per-call time on 1 and N threads (sync) and on Tokio
//! runtimes of 1 and N workers (async).

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

#[path = "../common/scaling.rs"]
mod scaling;

use criterion::{criterion_group, criterion_main, Criterion};

fn sampled(c: &mut Criterion) {
    common::install_sdk_sampled_out();
    scaling::bench(c, "sampled", true);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = sampled
}
criterion_main!(benches);
