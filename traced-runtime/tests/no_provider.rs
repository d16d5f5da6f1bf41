//! No provider installed at all: traced code runs unchanged, evaluates no attributes, and
//! still passes an incoming trace on to the next hop. This binary never installs a provider.

use opentelemetry::trace::TraceContextExt;
use opentelemetry::Context;
use std::cell::Cell;
use std::panic::catch_unwind;
use traced_runtime::{event, record, traced};

thread_local! {
    static EVALUATED: Cell<usize> = const { Cell::new(0) };
}

fn costly(coins: i64) -> i64 {
    EVALUATED.set(EVALUATED.get() + 1);
    coins
}

#[derive(Debug, PartialEq)]
struct Declined;

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("declined")
    }
}

#[traced(name = "none.apply", attrs("redemption.coins_debited" = costly(coins)), ret = "task.index")]
fn apply(coins: i64) -> Result<i64, Declined> {
    record!("task.index" = costly(1));
    event!(
        "fraud.queued_for_manual_review",
        "fraud.queue_wait_ms" = costly(1)
    );
    assert!(!Context::map_current(|cx| cx.has_active_span()));
    if coins < 0 {
        return Err(Declined);
    }
    if coins == 0 {
        panic!("zero coins");
    }
    Ok(coins * 2)
}

#[test]
fn sync_fns_run_unchanged_and_evaluate_nothing() {
    // The first call on a thread still has to find out that the provider is the no-op one
    // (and may evaluate the attributes doing so); every later call knows.
    assert_eq!(apply(1), Ok(2));
    EVALUATED.set(0);
    assert_eq!(apply(4200), Ok(8400));
    assert_eq!(apply(-1), Err(Declined));
    let panicked = catch_unwind(|| apply(0)).expect_err("the panic goes on");
    assert_eq!(panicked.downcast_ref::<&str>(), Some(&"zero coins"));
    assert_eq!(EVALUATED.get(), 0, "attributes were evaluated");
}

#[traced(name = "none.async")]
async fn async_apply(coins: i64) -> Result<i64, Declined> {
    tokio::task::yield_now().await;
    apply(coins)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_fns_run_unchanged() {
    assert_eq!(tokio::spawn(async_apply(10)).await.unwrap(), Ok(20));
}

#[cfg(feature = "propagation")]
mod hops {
    use super::*;
    use std::collections::HashMap;
    use traced_runtime::propagation::{extract, inject};

    const INCOMING: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[traced(name = "none.consume", kind = consumer, parent = cx)]
    fn consume(cx: &Context) -> HashMap<String, String> {
        let mut next = HashMap::new();
        inject(&mut next);
        next
    }

    #[traced(name = "none.root", root)]
    fn root() -> HashMap<String, String> {
        let mut next = HashMap::new();
        inject(&mut next);
        next
    }

    #[test]
    fn with_no_propagator_installed_the_hop_is_w3c_with_baggage() {
        use opentelemetry::baggage::BaggageExt;
        assert_eq!(
            opentelemetry::global::get_text_map_propagator(|p| p.fields().count()),
            0,
            "this binary installs no propagator"
        );
        let incoming = HashMap::from([
            ("traceparent".to_owned(), INCOMING.to_owned()),
            ("tracestate".to_owned(), "congo=t61rcWkgMzE".to_owned()),
            ("baggage".to_owned(), "customer.tier=gold".to_owned()),
        ]);
        let next = consume(&extract(&incoming));
        assert_eq!(next.get("traceparent").map(String::as_str), Some(INCOMING));
        assert_eq!(
            next.get("tracestate").map(String::as_str),
            Some("congo=t61rcWkgMzE")
        );
        let out = extract(&next);
        assert_eq!(
            out.baggage().get("customer.tier").map(|v| v.to_string()),
            Some("gold".to_owned())
        );
    }

    #[test]
    fn an_incoming_trace_is_passed_on_with_no_sdk() {
        let incoming = HashMap::from([("traceparent".to_owned(), INCOMING.to_owned())]);
        let cx = extract(&incoming);
        let next = consume(&cx);
        assert_eq!(next.get("traceparent").map(String::as_str), Some(INCOMING));

        // `root` does not pass its caller's trace on.
        let _guard = cx.attach();
        assert!(!root().contains_key("traceparent"));
    }
}
