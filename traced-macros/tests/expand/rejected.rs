// Rejected: the errors, and the fn unchanged.
#[traced(name = format!("apply_{}", id), attrs("customer.idd" = id))]
fn apply(id: &str) {}
