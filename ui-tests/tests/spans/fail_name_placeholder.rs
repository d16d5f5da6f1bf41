use traced_runtime::traced;

// A route template is a bounded name (pass_declared.rs); this is a format string.
#[traced(span = "fraud.review", name = "review_{customer_id}", attrs("customer.id" = customer_id, "fraud.decision" = "auto_approve"))]
fn review(customer_id: &str) {}

fn main() {
    review("c-1");
}
