//! A provider installed after traced code already ran (and cached "nothing installed") is
//! picked up on every thread: on the next call when installed through this crate, within
//! `RECHECK_CALLS` calls with the plain global API. One test: it needs the global provider to
//! start empty and then changes it.

use opentelemetry::trace::TraceContextExt;
use opentelemetry::Context;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use std::sync::mpsc;
use traced_runtime::provider::RECHECK_CALLS;
use traced_runtime::traced;

#[traced(name = "late.work", attrs("task.index" = i))]
fn work(i: i64) -> (i64, bool) {
    (i * 2, Context::map_current(|cx| cx.has_active_span()))
}

/// A job for the worker: an index, and where to send what `work` returned.
type Job = (i64, mpsc::Sender<(i64, bool)>);

/// A thread that keeps its tracer cache between calls, like a pool worker.
struct Worker {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    fn start() -> Worker {
        let (jobs, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            for (i, reply) in rx {
                reply.send(work(i)).unwrap();
            }
        });
        Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        }
    }

    fn run(&self, i: i64) -> (i64, bool) {
        let (tx, rx) = mpsc::channel();
        self.jobs.as_ref().unwrap().send((i, tx)).unwrap();
        rx.recv().unwrap()
    }
}

impl Drop for Worker {
    /// Ends the thread and waits for it (Miri rejects a test that leaves threads running).
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

/// Installs a new provider, with the plain global API or through this crate; the returned
/// handle keeps it from shutting down (which would clear its in-memory exporter) once the
/// global one and the caches let go of it.
fn install(plain: bool) -> (InMemorySpanExporter, SdkTracerProvider) {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    if plain {
        opentelemetry::global::set_tracer_provider(provider.clone());
    } else {
        traced_runtime::set_tracer_provider(provider.clone());
    }
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

/// Calls `call` until it reports a span, and returns how many calls that took; fails after
/// the documented bound.
fn calls_until_seen(mut call: impl FnMut() -> (i64, bool)) -> u32 {
    for n in 1..=RECHECK_CALLS + 1 {
        if call().1 {
            return n;
        }
    }
    panic!("a plain install was not seen within {RECHECK_CALLS} calls");
}

#[test]
fn installs_are_seen_at_once_through_the_crate_and_within_the_bound_otherwise() {
    let worker = Worker::start();
    assert_eq!(work(1), (2, false), "no provider: runs unchanged, no span");
    assert_eq!(worker.run(2), (4, false));
    // Twice, so the "nothing installed" decision is cached on both threads.
    assert_eq!(work(1), (2, false));
    assert_eq!(worker.run(2), (4, false));

    // Through the crate: the very next call on every thread.
    let (first, _keep) = install(false);
    assert_eq!(work(3), (6, true));
    assert_eq!(worker.run(4), (8, true));
    assert_eq!(indexes(&first), ["3", "4"]);

    // Replaced through the crate: the next spans go to the new provider only.
    let (second, _keep_too) = install(false);
    assert_eq!(work(5), (10, true));
    assert_eq!(worker.run(6), (12, true));
    assert_eq!(indexes(&second), ["5", "6"]);
    assert_eq!(indexes(&first), ["3", "4"]);

    // Back to the no-op provider through the crate: nothing recorded, on either thread.
    traced_runtime::set_tracer_provider(opentelemetry::trace::noop::NoopTracerProvider::new());
    assert_eq!(work(7), (14, false));
    assert_eq!(worker.run(8), (16, false));
    assert_eq!(indexes(&second), ["5", "6"]);

    // With the plain API: a thread that has made no traced call yet sees it at once, the
    // others within the bound, and from then on every call records.
    let (third, _keep_three) = install(true);
    let fresh = std::thread::spawn(|| work(9)).join().unwrap();
    assert_eq!(fresh, (18, true));
    calls_until_seen(|| work(10));
    calls_until_seen(|| worker.run(11));
    assert_eq!(work(10), (20, true));
    assert_eq!(worker.run(11), (22, true));
    assert_eq!(indexes(&third).iter().filter(|i| *i == "9").count(), 1);

    // A plain replacement of a live provider: the old one gets at most the bound's calls,
    // then every span goes to the new one.
    let (fourth, _keep_four) = install(true);
    let mut late = 0;
    while indexes(&fourth).is_empty() {
        late += 1;
        assert!(
            late <= RECHECK_CALLS,
            "not seen within {RECHECK_CALLS} calls"
        );
        work(12);
    }
    let before = indexes(&third).len();
    work(13);
    assert_eq!(
        indexes(&third).len(),
        before,
        "the replaced provider got a span"
    );
    assert_eq!(indexes(&fourth).last().map(String::as_str), Some("13"));
}
