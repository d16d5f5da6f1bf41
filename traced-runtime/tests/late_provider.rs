//! A provider installed with plain `opentelemetry::global::set_tracer_provider` after traced
//! code already ran (and cached "nothing installed") is picked up, on every thread. One test:
//! it needs the global provider to start empty and then changes it.

use opentelemetry::trace::TraceContextExt;
use opentelemetry::Context;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use std::sync::mpsc;
use traced_runtime::traced;

#[traced(name = "late.work", attrs("task.index" = i))]
fn work(i: i64) -> (i64, bool) {
    (i * 2, Context::map_current(|cx| cx.has_active_span()))
}

/// A thread that keeps its tracer cache between calls, like a pool worker.
struct Worker {
    jobs: mpsc::Sender<(i64, mpsc::Sender<(i64, bool)>)>,
}

impl Worker {
    fn start() -> Worker {
        let (jobs, rx) = mpsc::channel::<(i64, mpsc::Sender<(i64, bool)>)>();
        std::thread::spawn(move || {
            for (i, reply) in rx {
                reply.send(work(i)).unwrap();
            }
        });
        Worker { jobs }
    }

    fn run(&self, i: i64) -> (i64, bool) {
        let (tx, rx) = mpsc::channel();
        self.jobs.send((i, tx)).unwrap();
        rx.recv().unwrap()
    }
}

/// Installs a new provider; the returned handle keeps it from shutting down (which would
/// clear its in-memory exporter) once the global one and the caches let go of it.
fn install() -> (InMemorySpanExporter, SdkTracerProvider) {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    opentelemetry::global::set_tracer_provider(provider.clone());
    (exporter, provider)
}

fn indexes(exporter: &InMemorySpanExporter) -> Vec<String> {
    let mut seen: Vec<String> = exporter
        .get_finished_spans()
        .unwrap()
        .iter()
        .flat_map(|s| &s.attributes)
        .filter(|kv| kv.key.as_str() == "task.index")
        .map(|kv| kv.value.to_string())
        .collect();
    seen.sort();
    seen
}

#[test]
fn a_provider_installed_later_is_picked_up_on_every_thread() {
    let worker = Worker::start();
    assert_eq!(work(1), (2, false), "no provider: runs unchanged, no span");
    assert_eq!(worker.run(2), (4, false));
    // Twice, so the "nothing installed" decision is cached on both threads.
    assert_eq!(work(1), (2, false));
    assert_eq!(worker.run(2), (4, false));

    let (first, _keep) = install();
    assert_eq!(work(3), (6, true));
    assert_eq!(worker.run(4), (8, true));
    assert_eq!(indexes(&first), ["3", "4"]);

    // Replaced again: the next spans go to the new provider only.
    let (second, _keep_too) = install();
    assert_eq!(work(5), (10, true));
    assert_eq!(worker.run(6), (12, true));
    assert_eq!(indexes(&second), ["5", "6"]);
    assert_eq!(indexes(&first), ["3", "4"]);

    // Back to the no-op provider: nothing recorded, on either thread ...
    opentelemetry::global::set_tracer_provider(
        opentelemetry::trace::noop::NoopTracerProvider::new(),
    );
    assert_eq!(work(7), (14, false));
    assert_eq!(worker.run(8), (16, false));
    // ... and a provider installed after that is used again.
    let (third, _keep_three) = install();
    assert_eq!(work(9), (18, true));
    assert_eq!(worker.run(10), (20, true));
    assert_eq!(indexes(&third), ["10", "9"]);
    assert_eq!(indexes(&second), ["5", "6"]);
}
