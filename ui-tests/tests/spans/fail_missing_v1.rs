use traced_runtime::traced;

// A v1 span: `fraud.decision` is its own, `customer.id` comes through `extends`.
#[traced(span = "fraud.review")]
fn review() {}

fn main() {
    review();
}
