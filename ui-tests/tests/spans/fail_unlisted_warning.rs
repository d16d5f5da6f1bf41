#![deny(deprecated)]
use traced_runtime::traced;

// Not strict: a key the definition does not list is a warning (denied here to show it).
#[traced(
    span = "rewards.redemption.apply",
    attrs("customer.id" = customer, "redemption.coins_debited" = 5, "fraud.decision" = "none")
)]
fn apply(customer: &str) {}

fn main() {
    apply("c-1");
}
