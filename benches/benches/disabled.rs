//! Nothing installed: no tracer provider, no `tracing` subscriber, no `fastrace` reporter.
//! A separate binary from `enabled.rs` because the global provider is process-wide.

#[path = "../common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};

fn disabled(c: &mut Criterion) {
    let mut group = c.benchmark_group("disabled");
    for case in common::CASES {
        group.bench_function(case.id, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                common::run(case.system, false, iters, case.call);
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
    targets = disabled
}
criterion_main!(benches);
