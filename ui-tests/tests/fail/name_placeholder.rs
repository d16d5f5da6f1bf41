use traced_runtime::traced;

#[traced(name = "apply_{customer_id}")]
fn apply(customer_id: &str) {}

fn main() {
    apply("c-1");
}
