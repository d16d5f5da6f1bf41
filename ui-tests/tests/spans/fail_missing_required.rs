use traced_runtime::{record, traced};

// Neither required key is given: a `record!` in a closure or a nested fn does not count (it
// may run later, elsewhere, or never).
#[traced(span = "rewards.redemption.apply", attrs("redemption.partner" = partner))]
fn apply(partner: &str) {
    let later = || record!("redemption.coins_debited" = 50);
    fn nested() {
        record!("customer.id" = "c-1");
    }
    later();
    nested();
}

fn main() {
    apply("amazon");
}
