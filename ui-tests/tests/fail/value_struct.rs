use traced_runtime::traced;

pub struct Customer {
    pub id: String,
}

#[traced(attrs("customer.id" = customer))]
fn apply(customer: &Customer) {}

fn main() {
    apply(&Customer { id: "c-1".into() });
}
