//! `async fn`: the span is current in every poll, on whichever worker thread, never between
//! polls, and ends when the future completes or is dropped.

use opentelemetry::trace::{SpanId, Status, TraceContextExt, Tracer};
use opentelemetry::Context;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::pin;
use std::task::{Poll, Waker};
use std::time::{Duration, SystemTime};
use traced_runtime::testing::{capture, capture_async, CapturedSpan};
use traced_runtime::traced;

/// The id of the span current on this thread (invalid when none).
fn current_span_id() -> SpanId {
    Context::map_current(|cx| cx.span().span_context().span_id())
}

/// Awaits that really suspend, so the task can be resumed on the other worker.
async fn suspend(i: usize) {
    tokio::task::yield_now().await;
    tokio::time::sleep(Duration::from_micros(200 * (i % 5) as u64)).await;
    tokio::task::yield_now().await;
}

#[traced(name = "async.parent", attrs("task.index" = i))]
async fn parent_task(i: usize) -> usize {
    let mine = current_span_id();
    assert_ne!(mine, SpanId::INVALID);
    suspend(i).await;
    assert_eq!(
        current_span_id(),
        mine,
        "task {i}: parent span lost across .await"
    );
    let child = child_task(i).await;
    assert_eq!(
        current_span_id(),
        mine,
        "task {i}: parent span not restored"
    );
    child
}

#[traced(name = "async.child", attrs("task.index" = i))]
async fn child_task(i: usize) -> usize {
    let mine = current_span_id();
    for _ in 0..3 {
        suspend(i).await;
        assert_eq!(
            current_span_id(),
            mine,
            "task {i}: child span lost across .await"
        );
    }
    i
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_tasks_each_keep_their_own_parent() {
    let ((), spans) = capture_async(async {
        let handles: Vec<_> = (0..200).map(|i| tokio::spawn(parent_task(i))).collect();
        for (i, handle) in handles.into_iter().enumerate() {
            assert_eq!(handle.await.expect("task did not panic"), i);
        }
    })
    .await;

    let index = |s: &CapturedSpan| s.int("task.index").expect("task.index");
    let parents: HashMap<i64, CapturedSpan> = spans
        .named("async.parent")
        .into_iter()
        .map(|s| (index(&s), s))
        .collect();
    let children = spans.named("async.child");
    assert_eq!(parents.len(), 200);
    assert_eq!(children.len(), 200);
    let traces: HashSet<_> = parents
        .values()
        .map(|p| {
            assert!(p.is_root(), "spawned with no span current: a new trace");
            p.trace_id()
        })
        .collect();
    assert_eq!(traces.len(), 200);
    for child in &children {
        let parent = &parents[&index(child)];
        assert_eq!(
            child.parent_span_id(),
            Some(parent.span_id()),
            "child of task {} is under the wrong parent",
            index(child)
        );
        assert!(child.data().end_time <= parent.data().end_time);
    }
}

#[traced(name = "async.cancelled")]
async fn waits_forever() {
    inner_wait().await
}

#[traced(name = "async.cancelled.inner")]
async fn inner_wait() {
    std::future::pending::<()>().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_future_still_ends_its_spans() {
    let ((timed_out, current_after), spans) = capture_async(async {
        let timed_out = tokio::time::timeout(Duration::from_millis(20), waits_forever()).await;
        (timed_out, current_span_id())
    })
    .await;
    assert!(timed_out.is_err());
    let outer = spans.one("async.cancelled");
    let inner = spans.one("async.cancelled.inner");
    assert_eq!(inner.parent_span_id(), Some(outer.span_id()));
    assert_eq!(*outer.status(), Status::Unset);
    assert_eq!(current_after, SpanId::INVALID);
}

#[traced(name = "async.made_in_span")]
async fn made_in_span() {}

#[test]
fn the_parent_is_where_the_fn_is_called_not_where_it_is_polled() {
    let (caller, spans) = capture(|| {
        let tracer = opentelemetry::global::tracer("hand-written");
        let (fut, caller) = tracer.in_span("async.creator", |cx| {
            (made_in_span(), cx.span().span_context().span_id())
        });
        // First polled with no span current at all.
        assert_eq!(current_span_id(), SpanId::INVALID);
        let mut fut = pin!(fut);
        assert_eq!(
            fut.as_mut()
                .poll(&mut std::task::Context::from_waker(Waker::noop())),
            Poll::Ready(())
        );
        caller
    });
    assert_eq!(
        spans.one("async.made_in_span").parent_span_id(),
        Some(caller)
    );
}

#[test]
fn the_span_is_current_only_while_polled() {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let seen_log = std::sync::Mutex::new(Vec::new());
    let seen = &seen_log;
    #[traced(name = "async.polled")]
    async fn polled(seen: &std::sync::Mutex<Vec<SpanId>>, rx: tokio::sync::oneshot::Receiver<()>) {
        seen.lock().unwrap().push(current_span_id());
        rx.await.expect("sender kept");
        seen.lock().unwrap().push(current_span_id());
    }
    let (pending_until, spans) = capture(|| {
        let mut fut = pin!(polled(seen, rx));
        let mut cx = std::task::Context::from_waker(Waker::noop());
        assert!(fut.as_mut().poll(&mut cx).is_pending());
        assert_eq!(
            current_span_id(),
            SpanId::INVALID,
            "no guard outlives the poll"
        );
        let pending_until = SystemTime::now();
        tx.send(()).unwrap();
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        pending_until
    });

    let span = spans.one("async.polled");
    assert!(
        span.data().end_time >= pending_until,
        "not ended while pending"
    );
    assert_eq!(*seen_log.lock().unwrap(), [span.span_id(); 2]);
}

#[traced(name = "async.with_sync_child", kind = server)]
async fn calls_sync_and_hand_written_code() {
    tokio::task::yield_now().await;
    sync_child();
    tokio::task::yield_now().await;
    opentelemetry::global::tracer("hand-written").in_span("async.hand_written", |cx| {
        assert!(cx.has_active_span());
    });
}

#[traced(name = "async.sync_child")]
fn sync_child() {}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_traced_fns_and_hand_written_spans_nest_under_an_async_span() {
    let (joined, spans) =
        capture_async(async { tokio::spawn(calls_sync_and_hand_written_code()).await }).await;
    joined.unwrap();
    let parent = spans.one("async.with_sync_child");
    parent.child("async.sync_child");
    parent.child("async.hand_written");
}

#[traced(name = "async.caller")]
async fn caller_of_a_future_made_elsewhere() {
    // A future created here and awaited here: its span's parent is this span.
    let fut = callee();
    fut.await;
    // Handed to the executor: OpenTelemetry's `with_current_context` carries the span.
    use traced_runtime::context::FutureExt as _;
    tokio::spawn(spawned().with_current_context())
        .await
        .unwrap();
    // A traced `async fn` starts its span where it is called, so it needs no wrapper.
    tokio::spawn(spawned_bare()).await.unwrap();
}

#[traced(name = "async.spawned_bare")]
async fn spawned_bare() {
    tokio::task::yield_now().await
}

#[traced(name = "async.callee")]
async fn callee() {
    tokio::task::yield_now().await
}

#[traced(name = "async.spawned")]
async fn spawned() {
    tokio::task::yield_now().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn awaited_and_spawned_futures_are_children() {
    let (span_left_current, spans) = capture_async(async {
        caller_of_a_future_made_elsewhere().await;
        Context::map_current(|cx| cx.has_active_span())
    })
    .await;
    let parent = spans.one("async.caller");
    parent.child("async.callee");
    parent.child("async.spawned");
    parent.child("async.spawned_bare");
    assert!(
        !span_left_current,
        "the test's own task has no span left current"
    );
}

/// Compile-time: a traced `async fn` (and so the instrumented future) is `Send` when its body
/// is, so it can be handed to `tokio::spawn`. Never called; it only has to type-check.
#[allow(dead_code)]
fn traced_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&parent_task(0));
    assert_send(&waits_forever());
    assert_send(&calls_sync_and_hand_written_code());
    let span = match traced_runtime::__private::begin({
        static SITE: traced_runtime::__private::Site = traced_runtime::__private::Site::new(
            "send",
            traced_runtime::__private::SpanKind::Internal,
            0,
        );
        &SITE
    }) {
        Ok(start) => start.span(),
        Err(off) => off.span(),
    };
    assert_send(&span);
    assert_send(&span.instrument(async {}, |_, _| {}));
}
