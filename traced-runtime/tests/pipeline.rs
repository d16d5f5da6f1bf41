//! The rewards redemption pipeline: a server span, the business operation and a partner call,
//! nested through the current context, with typed attributes, events and statuses.

use opentelemetry::trace::{SpanKind, Status, Tracer};
use opentelemetry::{Array, StringValue, Value};
use traced_runtime::testing::capture;
use traced_runtime::{event, record, traced};

#[derive(Debug)]
enum VoucherError {
    PartnerDown(&'static str),
}

impl std::fmt::Display for VoucherError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VoucherError::PartnerDown(p) => write!(f, "partner {p} is not answering"),
        }
    }
}

impl std::error::Error for VoucherError {}

#[traced(name = "rewards.redeem", kind = server, attrs("customer.id" = customer_id))]
fn handle_redeem(customer_id: &str, coins: i64, partners: Vec<&'static str>) -> u16 {
    match apply_redemption(customer_id, coins, &partners) {
        Ok(_) => 200,
        Err(_) => 503,
    }
}

#[traced(
    name = "rewards.redemption.apply",
    attrs(
        "redemption.coins_debited" = coins,
        "redemption.partner_count" = partners.len(),
        "redemption.partners" = partners,
    ),
    ret = "redemption.voucher_value_inr",
)]
fn apply_redemption(
    customer_id: &str,
    coins: i64,
    partners: &Vec<&'static str>,
) -> Result<i64, VoucherError> {
    record!("idempotency.cache_hit" = false);
    if coins > 4000 {
        event!(
            "fraud.queued_for_manual_review",
            "fraud.queue_wait_ms" = 2100u64,
            "customer.id" = customer_id,
        );
    }
    let mut value = 0;
    for partner in partners {
        value += issue_voucher(partner, coins / 4)?;
    }
    Ok(value)
}

#[traced(name = "partner.voucher.issue", kind = client, attrs("redemption.partner" = partner))]
fn issue_voucher(partner: &'static str, value_inr: i64) -> Result<i64, VoucherError> {
    // Hand-written OpenTelemetry code becomes a child with no parent passed around.
    let tracer = opentelemetry::global::tracer("partner-sdk");
    tracer.in_span("partner.http.post", |_| ());
    if partner == "flaky-partner" {
        return Err(VoucherError::PartnerDown(partner));
    }
    Ok(value_inr)
}

#[test]
fn a_successful_redemption_is_one_trace_of_nested_spans_with_typed_attributes() {
    let (status, spans) = capture(|| handle_redeem("cust-42", 4200, vec!["myntra", "swiggy"]));
    assert_eq!(status, 200);
    assert_eq!(spans.len(), 6, "{spans}");

    let server = spans.one("rewards.redeem");
    assert!(server.is_root());
    assert_eq!(*server.kind(), SpanKind::Server);
    assert_eq!(server.str("customer.id"), Some("cust-42"));
    let apply = server.child("rewards.redemption.apply");
    assert_eq!(*apply.kind(), SpanKind::Internal);
    let vouchers = spans.named("partner.voucher.issue");
    assert_eq!(vouchers.len(), 2, "{spans}");
    for voucher in &vouchers {
        assert_eq!(voucher.parent_span_id(), Some(apply.span_id()));
        assert_eq!(*voucher.kind(), SpanKind::Client);
        assert_eq!(*voucher.status(), Status::Unset);
        // The hand-written span is a child of its voucher call.
        voucher.child("partner.http.post");
    }

    // A `usize` arrives as an int, a `Vec<&str>` as a string array, `ret` as the Ok value.
    assert_eq!(apply.int("redemption.coins_debited"), Some(4200));
    assert_eq!(apply.int("redemption.partner_count"), Some(2));
    assert_eq!(
        apply.attr("redemption.partners"),
        Some(&Value::Array(Array::String(vec![
            StringValue::from("myntra"),
            StringValue::from("swiggy")
        ])))
    );
    assert_eq!(
        apply.int("redemption.voucher_value_inr"),
        Some(2 * (4200 / 4))
    );
    assert_eq!(apply.bool("idempotency.cache_hit"), Some(false));
    let review = apply
        .event("fraud.queued_for_manual_review")
        .expect("the fraud event");
    assert_eq!(review.int("fraud.queue_wait_ms"), Some(2100));
    assert_eq!(review.str("customer.id"), Some("cust-42"));
    for span in [server, apply] {
        assert_eq!(*span.status(), Status::Unset, "Ok never sets status Ok");
    }
}

#[test]
fn a_failing_partner_marks_the_failed_calls_only() {
    let (status, spans) = capture(|| handle_redeem("cust-7", 800, vec!["flaky-partner"]));
    assert_eq!(status, 503);

    let server = spans.one("rewards.redeem");
    let apply = server.child("rewards.redemption.apply");
    let voucher = apply.child("partner.voucher.issue");

    let message = "partner flaky-partner is not answering";
    for failed in [voucher, apply] {
        assert_eq!(*failed.status(), Status::error(message));
        let exception = failed.event("exception").expect("an exception event");
        assert_eq!(exception.str("exception.message"), Some(message));
        let ty = exception.str("exception.type").expect("exception.type");
        assert!(ty.ends_with("VoucherError"), "{ty}");
        assert_eq!(failed.str("error.type"), Some(ty));
    }
    assert_eq!(apply.attr("redemption.voucher_value_inr"), None);
    assert!(
        apply.event("fraud.queued_for_manual_review").is_none(),
        "no event below the fraud threshold"
    );
    // The handler turned the error into a response: not a failure of its own.
    assert_eq!(*server.status(), Status::Unset);
    assert_eq!(server.events().count(), 0);
}

#[traced(name = "rewards.balance.lookup", ret = "redemption.coins_debited")]
fn balance_lookup() -> i64 {
    4200
}

#[traced(name = "rewards.redemption.audit")]
fn audit() {
    // Values of record!/event! may call traced fns: their spans start (and attach a context)
    // while the values are evaluated.
    record!("redemption.coins_debited" = balance_lookup());
    event!(
        "fraud.queued_for_manual_review",
        "fraud.queue_wait_ms" = balance_lookup()
    );
}

#[test]
fn values_of_record_and_event_may_call_traced_fns() {
    let ((), spans) = capture(audit);
    let audit = spans.one("rewards.redemption.audit");
    let lookups = spans.named("rewards.balance.lookup");
    assert_eq!(lookups.len(), 2, "{spans}");
    assert!(lookups
        .iter()
        .all(|l| l.parent_span_id() == Some(audit.span_id())));
    assert_eq!(audit.int("redemption.coins_debited"), Some(4200));
    assert_eq!(
        audit
            .event("fraud.queued_for_manual_review")
            .and_then(|e| e.int("fraud.queue_wait_ms")),
        Some(4200)
    );
}
