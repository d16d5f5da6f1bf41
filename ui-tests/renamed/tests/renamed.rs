//! `#[traced]`, `record!` and `event!` through a renamed dependency and through a re-export.

use traced_ui_renamed::runtime;

#[tr::traced(crate = ::tr, attrs("customer.id" = customer))]
fn renamed(customer: &str) {
    tr::record!("idempotency.cache_hit" = true);
    tr::event!("fraud.queued_for_manual_review", "fraud.queue_wait_ms" = 7);
}

#[runtime::traced(crate = runtime)]
fn reexported() {
    runtime::record!("redemption.coins_debited" = 3);
    runtime::event!("fraud.queued_for_manual_review");
}

#[test]
fn macros_reach_the_runtime_under_any_name() {
    let ((), spans) = tr::testing::capture(|| {
        renamed("c-1");
        reexported();
    });
    let renamed = spans.one("renamed");
    assert_eq!(renamed.str("customer.id"), Some("c-1"));
    assert_eq!(renamed.bool("idempotency.cache_hit"), Some(true));
    let event = renamed
        .event("fraud.queued_for_manual_review")
        .expect("the event");
    assert_eq!(event.int("fraud.queue_wait_ms"), Some(7));
    let reexported = spans.one("reexported");
    assert_eq!(reexported.int("redemption.coins_debited"), Some(3));
    assert!(reexported.event("fraud.queued_for_manual_review").is_some());
}
