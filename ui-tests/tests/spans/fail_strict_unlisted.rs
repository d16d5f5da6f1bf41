use traced_runtime::traced;

#[traced(span = "rewards.partner.call", attrs("redemption.partner" = partner, "customer.id" = customer))]
fn call(partner: &str, customer: &str) {}

fn main() {
    call("amazon", "c-1");
}
