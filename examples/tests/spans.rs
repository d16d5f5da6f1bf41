//! What the examples' spans say, checked in-process with `traced_runtime::testing`.

use opentelemetry::trace::{SpanKind, Status};
use traced_examples::quote::QuoteError;
use traced_examples::redemption::DEMO_REDACTION_KEY;
use traced_runtime::redact;
use traced_runtime::testing::capture;

#[test]
fn redemption_tree() {
    // What the example's set-up does; this test binary records no other pseudonym.
    redact::set_key(DEMO_REDACTION_KEY);
    let (statuses, spans) = capture(traced_examples::redemption::run);
    assert_eq!(statuses, vec![200, 503]);
    let servers = spans.named("POST /redeem");
    assert_eq!(servers.len(), 2, "{spans}");
    assert_eq!(spans.roots().len(), 2, "one trace per request:\n{spans}");

    // The large redemption: lagging replica, manual review, voucher issued.
    let ok = servers[0];
    assert_eq!(ok.kind(), &SpanKind::Server);
    assert_eq!(ok.int("http.response.status_code"), Some(200));
    // The e-mail is personal data: its keyed pseudonym is recorded, never the address.
    let email = redact::pseudonym_with_key(DEMO_REDACTION_KEY.as_bytes(), "asha.rao@example.com");
    assert_eq!(ok.str("customer.email"), Some(email.as_str()), "{spans}");
    assert_eq!(email.len(), 32);
    assert_eq!(ok.str("customer.id"), Some("c-8f3e"));
    let apply = ok.child("rewards.redemption.apply");
    assert_eq!(
        apply.str("redemption.outcome"),
        Some("completed"),
        "{spans}"
    );
    assert_eq!(apply.int("redemption.coins_debited"), Some(4200));
    let check = apply.child("rewards.idempotency.check");
    assert_eq!(check.bool("idempotency.cache_hit"), Some(false));
    let lag = check
        .event("idempotency.replica_lag_warning")
        .unwrap_or_else(|| panic!("no lag warning:\n{spans}"));
    assert_eq!(lag.int("idempotency.replica_lag_ms"), Some(240));
    let review = apply.child("rewards.fraud.review");
    assert_eq!(review.str("fraud.decision"), Some("manual_review"));
    let queued = review
        .event("fraud.queued_for_manual_review")
        .unwrap_or_else(|| panic!("no manual review:\n{spans}"));
    assert!(queued.int("fraud.queue_wait_ms").is_some_and(|ms| ms >= 40));
    let voucher = apply.child("partner.voucher.issue");
    assert_eq!(voucher.kind(), &SpanKind::Client);
    assert_eq!(voucher.int("redemption.voucher_value_inr"), Some(420));
    assert_eq!(voucher.status(), &Status::Unset);

    // The partner outage: the failing call and the operation are errors; the server span
    // answered 503 and carries no status of its own.
    let failed = servers[1];
    assert_eq!(failed.int("http.response.status_code"), Some(503));
    assert_eq!(failed.status(), &Status::Unset);
    let apply = failed.child("rewards.redemption.apply");
    assert!(apply.is_error(), "{spans}");
    assert!(apply.event("exception").is_some(), "{spans}");
    assert!(apply.child("partner.voucher.issue").is_error());
    assert!(apply
        .child("rewards.idempotency.check")
        .event("idempotency.replica_lag_warning")
        .is_none());
}

#[test]
fn quote_tree() {
    let (quotes, spans) = capture(traced_examples::quote::run);
    assert!(quotes[0].is_ok(), "{:?}", quotes[0]);
    assert_eq!(
        quotes[1..],
        [
            Err(QuoteError::PricingUnavailable { region: "FL" }),
            Err(QuoteError::NotOffered {
                policy_type: "flood",
                region: "AZ"
            }),
        ]
    );
    let calcs = spans.named("quote.calculate");
    assert_eq!(calcs.len(), 3, "{spans}");

    let quoted = calcs[0];
    assert_eq!(quoted.double("quote.amount_usd"), quotes[0].clone().ok());
    let discount = quoted.child("quote.loyalty_discount");
    assert_eq!(
        discount
            .event("quote.discount_applied")
            .and_then(|e| e.double("quote.discount_percent")),
        Some(5.0)
    );
    assert!(quoted
        .child("quote.base_premium")
        .event("pricing_model.loaded")
        .is_some());

    // Pricing outage: error on the client call and the quote; no compliance check ran.
    let outage = calcs[1];
    let unavailable = Status::error("pricing service unavailable for region FL");
    assert_eq!(outage.status(), &unavailable, "{spans}");
    assert_eq!(outage.child("pricing.regional_risk").status(), &unavailable);
    assert!(outage
        .children()
        .iter()
        .all(|c| c.name() != "quote.compliance_check"));

    // Not offered: an expected outcome, so nothing is an error.
    let not_offered = calcs[2];
    assert_eq!(not_offered.status(), &Status::Unset, "{spans}");
    assert_eq!(
        not_offered.child("quote.compliance_check").status(),
        &Status::Unset
    );
}

#[test]
fn checkout_is_one_trace_across_pool_and_queue() {
    let (status, spans) = capture(traced_examples::checkout::run);
    assert_eq!(status, 201);
    assert_eq!(spans.roots().len(), 1, "one trace:\n{spans}");
    let trace = spans.roots()[0].trace_id();
    assert!(spans.iter().all(|s| s.trace_id() == trace), "{spans}");

    let server = spans.one("POST /checkout");
    assert_eq!(server.kind(), &SpanKind::Server);
    let reserve_all = server.child("inventory.reserve_all");
    let reserves = reserve_all.children();
    assert_eq!(reserves.len(), 3, "pool jobs are children:\n{spans}");
    assert!(reserves.iter().all(|s| s.name() == "inventory.reserve"));
    assert!(reserves
        .iter()
        .any(|s| s.event("checkout.stock_low").is_some()));

    let send = server.child("send orders");
    assert_eq!(send.kind(), &SpanKind::Producer);
    let process = send.child("process orders");
    assert_eq!(process.kind(), &SpanKind::Consumer);
    assert!(process.data().parent_span_is_remote, "{spans}");
    assert_eq!(process.str("messaging.message.id"), Some("order-5521"));
}
