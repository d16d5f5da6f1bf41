//! Threads and thread pools lose the context (the `ThreadPoolExecutor` trap) unless the work
//! is wrapped where it is created.

use opentelemetry::trace::{TraceContextExt as _, TraceId};
use opentelemetry::Context;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use traced_runtime::testing::capture;
use traced_runtime::traced;

#[traced(name = "threads.spawned")]
fn spawned() {}

/// Its span's trace, and whether a span was recorded at all (so a lost context cannot pass
/// for a span that was never made).
#[traced(name = "threads.std_spawned")]
fn std_spawned() -> (TraceId, bool) {
    Context::map_current(|cx| {
        let sc = cx.span().span_context().clone();
        (sc.trace_id(), sc.is_valid())
    })
}

#[traced(name = "threads.spawner")]
fn spawner() -> (TraceId, TraceId) {
    traced_runtime::thread::spawn(spawned).join().unwrap();
    let (lost, recorded) = std::thread::spawn(std_spawned).join().unwrap();
    assert!(recorded, "the std thread's span was recorded");
    let own = Context::map_current(|cx| cx.span().span_context().trace_id());
    (own, lost)
}

#[test]
fn thread_spawn_keeps_the_context_and_std_does_not() {
    let ((own, lost), spans) = capture(spawner);
    let spawner = spans.one("threads.spawner");
    assert_eq!(spawner.trace_id(), own);
    assert_eq!(
        spans.one("threads.spawned").parent_span_id(),
        Some(spawner.span_id())
    );
    // Lost: a trace of its own, so not among the captured spans either.
    assert_ne!(lost, own);
    assert!(spans.get("threads.std_spawned").is_none(), "{spans}");
}

type Job = Box<dyn FnOnce() + Send>;

/// A minimal two-thread pool, like any executor that takes boxed closures.
fn pool() -> (mpsc::Sender<Job>, Vec<std::thread::JoinHandle<()>>) {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let workers = (0..2)
        .map(|_| {
            let rx = Arc::clone(&rx);
            std::thread::spawn(move || loop {
                let job = rx.lock().unwrap().recv();
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            })
        })
        .collect();
    (tx, workers)
}

#[traced(name = "threads.job", attrs("task.index" = i))]
fn job(i: usize) {}

#[traced(name = "threads.batch", attrs("task.batch" = batch))]
fn submit_batch(tx: &mpsc::Sender<Job>, batch: &'static str, from: usize) {
    for i in from..from + 10 {
        tx.send(Box::new(traced_runtime::context::wrap(move || job(i))))
            .unwrap();
    }
}

#[test]
fn wrapped_jobs_on_a_pool_are_children_of_the_span_that_submitted_them() {
    let ((), spans) = capture(|| {
        let (tx, workers) = pool();
        submit_batch(&tx, "a", 0);
        submit_batch(&tx, "b", 100);
        drop(tx);
        for worker in workers {
            worker.join().unwrap();
        }
    });
    let batches = spans.named("threads.batch");
    let jobs = spans.named("threads.job");
    assert_eq!(batches.len(), 2, "{spans}");
    assert_eq!(jobs.len(), 20, "{spans}");
    for job in &jobs {
        let i = job.int("task.index").expect("task.index");
        let batch = if i < 100 { "a" } else { "b" };
        let parent = batches
            .iter()
            .find(|b| b.str("task.batch") == Some(batch))
            .unwrap();
        assert_eq!(
            job.parent_span_id(),
            Some(parent.span_id()),
            "job {i} is not under batch {batch}"
        );
    }
}

#[traced(name = "threads.fanned", attrs("task.index" = i))]
fn fanned(i: usize) {}

#[traced(name = "threads.fan_out")]
fn fan_out() {
    let each = traced_runtime::context::wrap_fn(fanned);
    std::thread::scope(|scope| {
        for i in 0..8 {
            let each = each.clone();
            scope.spawn(move || each(i));
        }
    });
}

#[test]
fn wrap_fn_carries_the_context_into_every_call_on_every_thread() {
    let ((), spans) = capture(fan_out);
    let parent = spans.one("threads.fan_out");
    let fanned = spans.named("threads.fanned");
    assert_eq!(fanned.len(), 8, "{spans}");
    assert!(fanned
        .iter()
        .all(|f| f.parent_span_id() == Some(parent.span_id())));
}
