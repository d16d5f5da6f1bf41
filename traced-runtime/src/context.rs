//! Carrying the current OpenTelemetry context to code that runs somewhere else.
//!
//! The current context is thread-local: a closure handed to a thread pool, an executor or a
//! queue worker runs with whatever context that thread has, usually none, and its spans start
//! new traces. Capture the context where the work is created and make it current where the
//! work runs:
//!
//! - a closure: [`wrap`] (run once) or [`wrap_fn`] (run many times, e.g. `Iterator::map` on a
//!   pool);
//! - a thread: [`crate::thread::spawn`];
//! - a future handed to `tokio::spawn` or any other executor: [`FutureExt::with_current_context`],
//!   OpenTelemetry's own wrapper, re-exported here. It captures the context when called and
//!   makes it current during each poll only, so no guard is held across `.await`:
//!
//! ```
//! use traced_runtime::context::FutureExt as _;
//!
//! async fn settle_voucher() {}
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! // Inside a traced fn: the task's spans become children of the current span.
//! tokio::spawn(settle_voucher().with_current_context()).await.unwrap();
//! # }
//! ```

pub use opentelemetry::context::FutureExt;
use opentelemetry::Context;

/// Returns a closure that runs `f` with the context that is current now.
///
/// For thread pools and executors that take a `FnOnce`; the closure is `Send` when `f` is.
///
/// ```
/// use traced_runtime::traced;
///
/// type Job = Box<dyn FnOnce() + Send>;
///
/// #[traced(name = "rewards.voucher.issue")]
/// fn issue_voucher() {}
///
/// // Jobs submitted here run as children of this span, on whichever worker takes them.
/// #[traced(name = "rewards.redemption.apply")]
/// fn apply_redemption(pool: &std::sync::mpsc::Sender<Job>) {
///     pool.send(Box::new(traced_runtime::context::wrap(issue_voucher))).unwrap();
/// }
///
/// let (pool, jobs) = std::sync::mpsc::channel::<Job>();
/// let worker = std::thread::spawn(move || jobs.into_iter().for_each(|job| job()));
/// apply_redemption(&pool);
/// drop(pool);
/// worker.join().unwrap();
/// ```
pub fn wrap<F, R>(f: F) -> impl FnOnce() -> R
where
    F: FnOnce() -> R,
{
    let cx = Context::current();
    move || {
        let _guard = cx.attach();
        f()
    }
}

/// Returns a closure that runs `f` with the context that is current now, each time it is
/// called.
///
/// For APIs that call one function many times, on whichever thread is free (parallel
/// iterators, worker pools). The closure is `Send`, `Sync` and `Clone` when `f` is.
///
/// ```
/// let totals: Vec<i64> = std::thread::scope(|scope| {
///     let debit = traced_runtime::context::wrap_fn(|coins: i64| coins * 2);
///     let handles: Vec<_> = [4200, 800]
///         .into_iter()
///         .map(|coins| {
///             let debit = debit.clone();
///             scope.spawn(move || debit(coins))
///         })
///         .collect();
///     handles.into_iter().map(|h| h.join().unwrap()).collect()
/// });
/// assert_eq!(totals, [8400, 1600]);
/// ```
pub fn wrap_fn<F, T, R>(f: F) -> impl Fn(T) -> R + Clone
where
    F: Fn(T) -> R + Clone,
{
    let cx = Context::current();
    move |arg| {
        let _guard = cx.clone().attach();
        f(arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::KeyValue;

    #[derive(Debug, PartialEq)]
    struct Marker(&'static str);

    fn marker() -> Option<&'static str> {
        Context::map_current(|cx| cx.get::<Marker>().map(|m| m.0))
    }

    fn assert_send_sync<T: Send + Sync>(_: &T) {}

    #[test]
    fn wrap_runs_in_the_captured_context_on_another_thread() {
        let job = {
            let _guard = Context::current_with_value(Marker("caller")).attach();
            wrap(marker)
        };
        assert_send_sync(&job);
        assert_eq!(marker(), None);
        let seen = std::thread::spawn(job).join().unwrap();
        assert_eq!(seen, Some("caller"));
    }

    #[test]
    fn wrap_restores_the_previous_context_after_running() {
        let job = {
            let _guard = Context::current_with_value(Marker("caller")).attach();
            wrap(marker)
        };
        let _guard = Context::current_with_value(Marker("runner")).attach();
        assert_eq!(job(), Some("caller"));
        assert_eq!(marker(), Some("runner"));
    }

    #[test]
    fn wrap_fn_applies_the_context_on_every_call() {
        let f = {
            let _guard = Context::current_with_value(Marker("caller")).attach();
            wrap_fn(|n: usize| (n, marker()))
        };
        assert_send_sync(&f);
        let results: Vec<_> = (0..4)
            .map(|n| {
                let f = f.clone();
                std::thread::spawn(move || f(n))
            })
            .map(|h| h.join().unwrap())
            .collect();
        assert_eq!(
            results,
            (0..4).map(|n| (n, Some("caller"))).collect::<Vec<_>>()
        );
        assert_eq!(marker(), None);
    }

    #[test]
    fn wrap_keeps_baggage() {
        use opentelemetry::baggage::BaggageExt;
        let job = {
            let _guard =
                Context::current_with_baggage([KeyValue::new("customer.tier", "gold")]).attach();
            wrap(|| Context::map_current(|cx| cx.baggage().get("customer.tier").cloned()))
        };
        let tier = std::thread::spawn(job).join().unwrap();
        assert_eq!(tier.map(|v| v.to_string()).as_deref(), Some("gold"));
    }
}
