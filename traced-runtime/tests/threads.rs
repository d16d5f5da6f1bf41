//! Threads and thread pools lose the context (the `ThreadPoolExecutor` trap) unless the work
//! is wrapped where it is created.

mod common;

use common::*;
use opentelemetry::Value;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use traced_runtime::traced;

#[traced(name = "threads.spawned")]
fn spawned() {}

#[traced(name = "threads.std_spawned")]
fn std_spawned() {}

#[traced(name = "threads.spawner")]
fn spawner() {
    traced_runtime::thread::spawn(spawned).join().unwrap();
    std::thread::spawn(std_spawned).join().unwrap();
}

#[test]
fn thread_spawn_keeps_the_context_and_std_does_not() {
    exporter();
    spawner();
    let spawner = one("threads.spawner");
    assert!(is_child_of(&one("threads.spawned"), &spawner));
    let lost = one("threads.std_spawned");
    assert!(is_root(&lost));
    assert_ne!(
        lost.span_context.trace_id(),
        spawner.span_context.trace_id()
    );
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
    exporter();
    let (tx, workers) = pool();
    submit_batch(&tx, "a", 0);
    submit_batch(&tx, "b", 100);
    drop(tx);
    for worker in workers {
        worker.join().unwrap();
    }
    let batches = named("threads.batch");
    let jobs = named("threads.job");
    assert_eq!(batches.len(), 2);
    assert_eq!(jobs.len(), 20);
    for job in &jobs {
        let i = int_attr(job, "task.index");
        let batch = if i < 100 { "a" } else { "b" };
        let parent = batches
            .iter()
            .find(|b| attr(b, "task.batch") == Some(Value::from(batch)))
            .unwrap();
        assert!(
            is_child_of(job, parent),
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
    exporter();
    fan_out();
    let parent = one("threads.fan_out");
    let fanned = named("threads.fanned");
    assert_eq!(fanned.len(), 8);
    assert!(fanned.iter().all(|f| is_child_of(f, &parent)));
}
