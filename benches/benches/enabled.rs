//! Everything installed: the OpenTelemetry SDK (always-on sampler, a processor that drops
//! spans) as the global provider, `tracing-opentelemetry` on the same SDK, `fastrace` with a
//! reporter that drops spans. Each call runs under a parent span of its own system.

#[path = "../common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};

fn enabled(c: &mut Criterion) {
    common::install_sdk();
    common::install_fastrace();
    let mut group = c.benchmark_group("enabled");
    for case in common::CASES {
        group.bench_function(case.id, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                common::run(case.system, true, iters, case.call);
                start.elapsed()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = enabled
}
criterion_main!(benches);
