use traced_runtime::traced;

#[traced(name = format!("apply_{}", customer_id))]
fn apply(customer_id: &str) {}

fn main() {
    apply("c-1");
}
