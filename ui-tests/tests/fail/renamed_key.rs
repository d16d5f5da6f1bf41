use traced_runtime::traced;

#[traced(attrs("customer.identifier" = customer_id))]
fn apply(customer_id: &str) {}

fn main() {
    apply("c-1");
}
