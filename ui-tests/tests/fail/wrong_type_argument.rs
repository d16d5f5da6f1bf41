use traced_runtime::traced;

#[traced(attrs("redemption.coins_debited" = coins))]
fn apply(coins: &str) {}

fn main() {
    apply("4200");
}
