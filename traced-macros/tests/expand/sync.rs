// A plain fn with attributes: the body runs in place.
#[traced(name = "rewards.redemption.apply", kind = internal, attrs("customer.id" = customer_id, "redemption.coins_debited" = coins))]
fn apply_redemption(customer_id: &str, coins: i64) -> i64 {
    record!("idempotency.cache_hit" = false);
    event!("fraud.queued_for_manual_review", "fraud.queue_wait_ms" = 2100);
    coins
}

// No options at all.
#[traced]
fn bare() {}

// `no_fast_path`: one copy of the body in every build.
#[traced(no_fast_path)]
fn once_only(coins: i64) -> i64 {
    coins + 1
}
