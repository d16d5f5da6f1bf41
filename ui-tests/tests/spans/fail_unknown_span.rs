use traced_runtime::traced;

#[traced(span = "rewards.redemption.aply", attrs("customer.id" = customer))]
fn apply(customer: &str) {}

fn main() {
    apply("c-1");
}
