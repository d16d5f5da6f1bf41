use traced_runtime::traced;

#[traced(ret = "redemption.coins_debited", expected_err(std::fmt::Error))]
fn apply() {}

#[traced(ret = "redemption.coins_debited")]
async fn apply_later() {}

fn main() {
    apply();
    let _ = apply_later();
}
