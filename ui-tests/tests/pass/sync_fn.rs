// Expansions must not warn in users' crates.
#![deny(warnings)]
use traced_runtime::{event, record, traced};

#[derive(Debug)]
pub struct Outcome {
    pub coins_left: i64,
}

#[derive(Debug)]
pub enum RedeemError {
    Insufficient,
}

impl std::fmt::Display for RedeemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("insufficient coins")
    }
}

#[traced(
    name = "rewards.redemption.apply",
    kind = internal,
    attrs(
        "customer.id" = customer_id,
        "redemption.coins_debited" = coins,
        "redemption.partner" = partner,
    ),
)]
fn apply_redemption(customer_id: &str, coins: i64, partner: &str) -> Result<Outcome, RedeemError> {
    record!(
        "redemption.outcome" = "completed",
        "idempotency.cache_hit" = false
    );
    event!(
        "fraud.queued_for_manual_review",
        "fraud.queue_wait_ms" = 2100
    );
    if coins > 100 {
        return Err(RedeemError::Insufficient);
    }
    let left = 100 - coins;
    Ok(Outcome { coins_left: left })
}

// The default name is the fn's name; kind and attributes are optional.
#[traced]
fn plain() -> u8 {
    7
}

#[traced(kind = server)]
fn server() {}

#[traced(kind = client, name = concat!("partner", ".", "call"))]
fn client() {}

#[traced(kind = producer)]
fn producer() {}

#[traced(kind = consumer)]
fn consumer() {}

// An inner attribute stays at the top of the body and covers all of it.
#[traced]
fn with_inner_attribute(count: u8) -> u8 {
    #![allow(unused_variables)]
    let kept_for_later = count;
    1
}

pub fn main() {
    assert_eq!(apply_redemption("c-1", 40, "acme").unwrap().coins_left, 60);
    assert!(apply_redemption("c-1", 400, "acme").is_err());
    assert_eq!(plain(), 7);
    server();
    client();
    producer();
    consumer();
    assert_eq!(with_inner_attribute(3), 1);
}
