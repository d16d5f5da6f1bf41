//! Scaling with nothing installed: per-call time on 1 and N threads (sync) and on Tokio
//! runtimes of 1 and N workers (async).

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/criterion_cases.rs"]
mod criterion_cases;

#[path = "../common/scaling.rs"]
mod scaling;

use criterion::{criterion_group, criterion_main, Criterion};

fn disabled(c: &mut Criterion) {
    scaling::bench(c, "disabled", false);
}

criterion_group! {
    name = benches;
    config = criterion_cases::config();
    targets = disabled
}
criterion_main!(benches);
