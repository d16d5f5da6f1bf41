use traced_runtime::traced;

#[traced(span = "rewards.partner.call", kind = server, attrs("redemption.partner" = partner))]
fn call(partner: &str) {}

fn main() {
    call("amazon");
}
