use traced_runtime::traced;

// rustc reports the literal; the macro adds nothing about its type.
#[traced(attrs("redemption.coins_debited" = 0b102))]
fn apply() {}

fn main() {
    apply();
}
