use traced_runtime::{record, traced};

// The redemption span declared in examples/attributes.yaml, without `redemption.coins_debited`.
#[traced(span = "rewards.redemption.apply", attrs("customer.id" = customer))]
fn apply_redemption(customer: &str) {
    record!("redemption.outcome" = "completed");
}

fn main() {
    apply_redemption("c-1");
}
