use traced_runtime::traced;

// `allow_missing` of a key the span does not list, and without a declared span.
#[traced(span = "rewards.partner.call", attrs("redemption.partner" = p), allow_missing("customer.id"))]
fn call(p: &str) {}

#[traced(allow_missing("customer.id"))]
fn other() {}

fn main() {
    call("amazon");
    other();
}
