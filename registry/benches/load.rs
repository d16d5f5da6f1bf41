//! Loading the official semantic-conventions model, and looking keys up in it.
//!
//! `cargo bench -p traced-registry`; the model is found like the tests find it
//! ([`traced_test_support::official_model`]).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use traced_registry::{LoadOptions, Registry};
use traced_test_support::official_model;

fn load(c: &mut Criterion) {
    let Some(path) = official_model() else { return };
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("official model", |b| {
        b.iter(|| Registry::load(&[&path], &LoadOptions::default()).map(|r| r.files().len()))
    });
    group.bench_function("official model, strict", |b| {
        b.iter(|| Registry::load(&[&path], &LoadOptions { strict: true }).map(|r| r.files().len()))
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let Some(path) = official_model() else { return };
    let Ok(registry) = Registry::load(&[&path], &LoadOptions::default()) else {
        eprintln!("skipping: the model did not load");
        return;
    };
    let mut group = c.benchmark_group("lookup");
    group.bench_function("exact", |b| {
        b.iter(|| registry.lookup(black_box("http.request.method")).clone())
    });
    group.bench_function("template", |b| {
        b.iter(|| {
            registry
                .lookup(black_box("http.request.header.x-forwarded-for"))
                .clone()
        })
    });
    group.bench_function("miss with suggestions", |b| {
        b.iter(|| registry.lookup(black_box("http.request.methd")).clone())
    });
    group.finish();
}

criterion_group!(benches, load, lookup);
criterion_main!(benches);
