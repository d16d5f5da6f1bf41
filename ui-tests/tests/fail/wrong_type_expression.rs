use traced_runtime::record;

fn apply(coins: &str) {
    // Not an argument of a traced fn: the compiler finds the mismatch.
    record!("redemption.coins_debited" = coins.trim());
}

fn main() {
    apply("4200");
}
