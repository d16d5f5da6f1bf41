//! Every case as one criterion group; included by the `disabled` and `enabled` binaries.

#![allow(dead_code)] // the scaling binaries use only `config`

use criterion::Criterion;
use std::time::{Duration, Instant};

/// Benches every case in the group `name`, with or without the installed systems active.
pub fn bench_cases(c: &mut Criterion, name: &str, enabled: bool) {
    let mut group = c.benchmark_group(name);
    for case in crate::common::CASES {
        group.bench_function(case.id, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                crate::common::run(case.system, enabled, iters, case.call);
                start.elapsed()
            })
        });
    }
    group.finish();
}

/// Short runs: ratios taken side by side in one run are what the table reports.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
