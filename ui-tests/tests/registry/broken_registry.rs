use traced_runtime::traced;

#[traced(attrs("customer.id" = id))]
fn lookup(id: &str) {}

fn main() {
    lookup("c-1");
}
