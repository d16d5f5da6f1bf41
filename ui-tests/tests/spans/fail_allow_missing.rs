use traced_runtime::traced;

// `allow_missing` must excuse a key the span requires and the fn does not give.
#[traced(span = "rewards.partner.call", attrs("redemption.partner" = p), allow_missing("customer.id"))]
fn call(p: &str) {}

#[traced(
    span = "rewards.redemption.apply",
    attrs("customer.id" = c, "redemption.coins_debited" = 5),
    allow_missing("redemption.outcome", "redemption.coins_debited")
)]
fn apply(c: &str) {}

#[traced(allow_missing("customer.id"))]
fn other() {}

fn main() {
    call("amazon");
    apply("c-1");
    other();
}
