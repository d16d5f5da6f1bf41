#![deny(deprecated)]
use traced_runtime::traced;

// Deprecated without a replacement: a warning (denied here to show it).
#[traced(attrs("customer.tier_legacy" = tier))]
fn apply(tier: &str) {}

fn main() {
    apply("gold");
}
