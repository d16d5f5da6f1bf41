use std::time::SystemTime;
use traced_runtime::traced;

#[traced(attrs("customer.id" = requested_at))]
fn apply(requested_at: SystemTime) {}

fn main() {
    apply(SystemTime::now());
}
