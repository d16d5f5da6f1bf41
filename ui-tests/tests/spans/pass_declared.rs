// Declared spans that are satisfied: every required key given somewhere in time.
#![deny(warnings)]
use traced_runtime::{record, traced};

// No `name`: the span type is the name; no `kind`: the declared kind.
#[traced(
    span = "rewards.redemption.apply",
    attrs("customer.id" = customer),
    ret = "redemption.coins_debited"
)]
fn apply(customer: &str) -> Result<i64, String> {
    record!("redemption.outcome" = "completed");
    Ok(50)
}

// A required key from a `record!` in the body; a route template as the name.
#[traced(span = "fraud.review", name = "POST /reviews/{review_id}", attrs("customer.id" = customer))]
fn review(customer: &str) {
    if customer.is_empty() {
        record!("fraud.decision" = "manual_review");
    } else {
        record!("fraud.decision" = "auto_approve");
    }
}

// The escape hatch, for a value the fn cannot know.
#[traced(span = "rewards.redemption.apply", attrs("customer.id" = customer), allow_missing("redemption.coins_debited"))]
fn apply_unknown(customer: &str) {}

#[traced(span = "rewards.partner.call", kind = client, attrs("redemption.partner" = partner))]
fn call(partner: &str) {}

fn main() {
    assert_eq!(apply("c-1"), Ok(50));
    review("c-1");
    apply_unknown("c-1");
    call("amazon");
}
