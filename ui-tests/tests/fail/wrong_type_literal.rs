use traced_runtime::traced;

#[traced(attrs("redemption.coins_debited" = "4200"))]
fn apply() {}

fn main() {
    apply();
}
