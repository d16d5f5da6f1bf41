//! The rewards redemption pipeline: a server span, the business operation and a partner call,
//! nested through the current context, with typed attributes, events and statuses.

mod common;

use common::*;
use opentelemetry::trace::{SpanKind, Status, TraceContextExt, TraceId, Tracer};
use opentelemetry::{Array, Context, StringValue, Value};
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
fn handle_redeem(customer_id: &str, coins: i64, partners: Vec<&'static str>) -> (u16, TraceId) {
    let trace_id = Context::map_current(|cx| cx.span().span_context().trace_id());
    let status = match apply_redemption(customer_id, coins, &partners) {
        Ok(_) => 200,
        Err(_) => 503,
    };
    (status, trace_id)
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
    exporter();
    let (status, trace_id) = handle_redeem("cust-42", 4200, vec!["myntra", "swiggy"]);
    assert_eq!(status, 200);

    let server = spans_of(trace_id, "rewards.redeem").remove(0);
    let apply = spans_of(trace_id, "rewards.redemption.apply").remove(0);
    let vouchers = spans_of(trace_id, "partner.voucher.issue");
    let http = spans_of(trace_id, "partner.http.post");
    assert_eq!(in_trace(trace_id).len(), 6);

    assert!(is_root(&server));
    assert_eq!(server.span_kind, SpanKind::Server);
    assert_eq!(attr(&server, "customer.id"), Some(Value::from("cust-42")));
    assert!(is_child_of(&apply, &server));
    assert_eq!(apply.span_kind, SpanKind::Internal);
    assert_eq!(vouchers.len(), 2);
    for voucher in &vouchers {
        assert!(is_child_of(voucher, &apply));
        assert_eq!(voucher.span_kind, SpanKind::Client);
        assert_eq!(voucher.status, Status::Unset);
        assert_eq!(
            http.iter().filter(|h| is_child_of(h, voucher)).count(),
            1,
            "the hand-written span is a child of its voucher call"
        );
    }

    // A `usize` arrives as an int, a `Vec<&str>` as a string array, `ret` as the Ok value.
    assert_eq!(
        attr(&apply, "redemption.coins_debited"),
        Some(Value::I64(4200))
    );
    assert_eq!(
        attr(&apply, "redemption.partner_count"),
        Some(Value::I64(2))
    );
    assert_eq!(
        attr(&apply, "redemption.partners"),
        Some(Value::Array(Array::String(vec![
            StringValue::from("myntra"),
            StringValue::from("swiggy")
        ])))
    );
    assert_eq!(
        attr(&apply, "redemption.voucher_value_inr"),
        Some(Value::I64(2 * (4200 / 4)))
    );
    assert_eq!(
        attr(&apply, "idempotency.cache_hit"),
        Some(Value::Bool(false))
    );
    assert_eq!(
        event_attr(
            &apply,
            "fraud.queued_for_manual_review",
            "fraud.queue_wait_ms"
        ),
        Some(Value::I64(2100))
    );
    assert_eq!(
        event_attr(&apply, "fraud.queued_for_manual_review", "customer.id"),
        Some(Value::from("cust-42"))
    );
    for span in [&server, &apply] {
        assert_eq!(span.status, Status::Unset, "Ok never sets status Ok");
    }
}

#[test]
fn a_failing_partner_marks_the_failed_calls_only() {
    exporter();
    let (status, trace_id) = handle_redeem("cust-7", 800, vec!["flaky-partner"]);
    assert_eq!(status, 503);

    let server = spans_of(trace_id, "rewards.redeem").remove(0);
    let apply = spans_of(trace_id, "rewards.redemption.apply").remove(0);
    let voucher = spans_of(trace_id, "partner.voucher.issue").remove(0);

    let message = "partner flaky-partner is not answering";
    for failed in [&voucher, &apply] {
        assert_eq!(failed.status, Status::error(message));
        assert_eq!(
            event_attr(failed, "exception", "exception.message"),
            Some(Value::from(message))
        );
        let ty = event_attr(failed, "exception", "exception.type").expect("exception.type");
        assert!(ty.as_str().ends_with("VoucherError"), "{ty}");
        assert_eq!(attr(failed, "error.type"), Some(ty));
    }
    assert_eq!(attr(&apply, "redemption.voucher_value_inr"), None);
    assert!(
        event_attr(
            &apply,
            "fraud.queued_for_manual_review",
            "fraud.queue_wait_ms"
        )
        .is_none(),
        "no event below the fraud threshold"
    );
    // The handler turned the error into a response: not a failure of its own.
    assert_eq!(server.status, Status::Unset);
    assert!(server.events.events.is_empty());
}

#[traced(name = "rewards.balance.lookup", ret = "redemption.coins_debited")]
fn balance_lookup() -> i64 {
    4200
}

#[traced(name = "rewards.redemption.audit")]
fn audit() -> TraceId {
    // Values of record!/event! may call traced fns: their spans start (and attach a context)
    // while the values are evaluated.
    record!("redemption.coins_debited" = balance_lookup());
    event!(
        "fraud.queued_for_manual_review",
        "fraud.queue_wait_ms" = balance_lookup()
    );
    Context::map_current(|cx| cx.span().span_context().trace_id())
}

#[test]
fn values_of_record_and_event_may_call_traced_fns() {
    exporter();
    let trace_id = audit();
    let audit = spans_of(trace_id, "rewards.redemption.audit").remove(0);
    let lookups = spans_of(trace_id, "rewards.balance.lookup");
    assert_eq!(lookups.len(), 2);
    assert!(lookups.iter().all(|l| is_child_of(l, &audit)));
    assert_eq!(
        attr(&audit, "redemption.coins_debited"),
        Some(Value::I64(4200))
    );
    assert_eq!(
        event_attr(
            &audit,
            "fraud.queued_for_manual_review",
            "fraud.queue_wait_ms"
        ),
        Some(Value::I64(4200))
    );
}
