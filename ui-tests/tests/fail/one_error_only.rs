use traced_runtime::traced;

// The rejected fn is still emitted: its callers and its body type-check, and the only
// error is the one in the attribute.
#[traced(attrs("customer.idd" = customer_id))]
fn apply(customer_id: &str) -> usize {
    customer_id.len()
}

fn main() {
    let n: usize = apply("c-1");
    let _ = n;
}
