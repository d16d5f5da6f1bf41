//! How the cost of a call grows with cores: the same cases on 1 and on N threads at once
//! (N = `available_parallelism()`), sync on plain threads and async on a multi-thread Tokio
//! runtime with N workers and many tasks. Included by the three `scaling_*` bench binaries,
//! one per global set-up (the global provider and the `tracing` subscriber are process-wide).
//!
//! The time reported is per call and per thread: with perfect scaling it is the same on N
//! threads as on 1; a shared cache line written per call makes it grow with N.

use crate::common::{self, System};
use criterion::Criterion;
use opentelemetry::trace::{FutureExt as _, TraceContextExt as _, Tracer as _};
use opentelemetry::Context;
use std::future::Future;
use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use tracing::Instrument as _;

/// The thread counts measured: 1 and every core.
pub fn thread_counts() -> Vec<usize> {
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    if n > 1 {
        vec![1, n]
    } else {
        vec![1]
    }
}

/// Runs `iters` calls of `call` on each of `threads` threads at once; returns the slowest
/// thread's time. Each thread warms up first (its caches, its parent spans), and all start
/// together.
fn on_threads(threads: usize, iters: u64, system: System, enabled: bool, call: fn()) -> Duration {
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let start = start.clone();
            std::thread::spawn(move || {
                common::run(system, enabled, common::BATCH, call);
                start.wait();
                let t = Instant::now();
                common::run(system, enabled, iters, call);
                t.elapsed()
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("bench thread"))
        .max()
        .unwrap_or_default()
}

/// The sync cases compared for scaling (fastrace is left out: it has no OpenTelemetry path).
const SYNC: &[&str] = &[
    "sync/bare",
    "sync/traced",
    "sync/otel_idiomatic",
    "sync/otel_best",
    "sync/tracing",
];

/// Benches the sync cases on 1 and N threads, as group `scaling-<mode>`.
pub fn bench_sync(c: &mut Criterion, mode: &str, enabled: bool) {
    let mut group = c.benchmark_group(format!("scaling-{mode}"));
    for case in common::CASES.iter().filter(|c| SYNC.contains(&c.id)) {
        for threads in thread_counts() {
            group.bench_function(format!("{}/{threads}", case.id), |b| {
                b.iter_custom(|iters| on_threads(threads, iters, case.system, enabled, case.call))
            });
        }
    }
    group.finish();
}

/// Tasks per worker: enough that workers steal and tasks move between threads.
const TASKS_PER_WORKER: u64 = 8;

/// Runs one batch of `calls` awaited calls under a parent span of `system` (when `enabled`),
/// the async counterpart of [`common::run`]: the parent rides on the future, not on a guard.
async fn batch<F, Fut>(system: System, enabled: bool, calls: u64, f: F)
where
    F: Fn() -> Fut,
    Fut: Future,
{
    let calls = async {
        for _ in 0..calls {
            black_box(f().await);
        }
    };
    match (enabled, system) {
        (true, System::Otel) => {
            let parent = opentelemetry::global::tracer("bench.parent").start("bench.parent");
            calls.with_context(Context::current_with_span(parent)).await
        }
        (true, System::Tracing) => calls.instrument(tracing::info_span!("bench.parent")).await,
        _ => calls.await,
    }
}

/// Runs `iters` calls per worker on a runtime of `workers` threads, spread over
/// `TASKS_PER_WORKER` tasks per worker; returns the wall time (so, per call and worker).
fn on_runtime<F, Fut>(
    runtime: &tokio::runtime::Runtime,
    workers: usize,
    iters: u64,
    system: System,
    enabled: bool,
    f: F,
) -> Duration
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future + Send + 'static,
{
    let per_task = iters.div_ceil(TASKS_PER_WORKER);
    runtime.block_on(async move {
        // Warm-up: every worker's caches.
        let warm: Vec<_> = (0..workers)
            .map(|_| tokio::spawn(batch(system, enabled, common::BATCH, f)))
            .collect();
        for task in warm {
            task.await.expect("bench task");
        }
        let t = Instant::now();
        let tasks: Vec<_> = (0..workers as u64 * TASKS_PER_WORKER)
            .map(|_| {
                tokio::spawn(async move {
                    let mut left = per_task;
                    while left > 0 {
                        let n = left.min(common::BATCH);
                        batch(system, enabled, n, f).await;
                        left -= n;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("bench task");
        }
        t.elapsed()
    })
}

macro_rules! async_cases {
    ($group:ident, $enabled:ident, $workers:ident, $runtime:ident; $($id:literal $system:ident $f:ident),* $(,)?) => {
        $(
            $group.bench_function(format!("{}/{}", $id, $workers), |b| {
                b.iter_custom(|iters| {
                    on_runtime(&$runtime, $workers, iters, System::$system, $enabled, || {
                        common::$f(black_box(42), black_box("coins"))
                    })
                })
            });
        )*
    };
}

/// Benches the async cases on runtimes of 1 and N workers, as group `scaling-<mode>`.
pub fn bench_async(c: &mut Criterion, mode: &str, enabled: bool) {
    let mut group = c.benchmark_group(format!("scaling-{mode}"));
    for workers in thread_counts() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .build()
            .expect("tokio runtime");
        async_cases!(group, enabled, workers, runtime;
            "async/bare" None bare_async,
            "async/traced" Otel traced_async,
            "async/otel_idiomatic" Otel otel_idiomatic_async,
            "async/otel_best" Otel otel_best_async,
            "async/tracing" Tracing tracing_instrument_async,
        );
    }
    group.finish();
}

/// Both, for one mode.
pub fn bench(c: &mut Criterion, mode: &str, enabled: bool) {
    bench_sync(c, mode, enabled);
    bench_async(c, mode, enabled);
}
