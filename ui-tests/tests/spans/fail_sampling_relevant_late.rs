use traced_runtime::{record, traced};

#[traced(span = "rewards.partner.call")]
fn call(partner: &str) {
    record!("redemption.partner" = partner);
}

#[traced(span = "rewards.redemption.apply", attrs("redemption.coins_debited" = 5), ret = "customer.id")]
fn apply() -> String {
    "c-1".to_string()
}

fn main() {
    call("amazon");
    apply();
}
