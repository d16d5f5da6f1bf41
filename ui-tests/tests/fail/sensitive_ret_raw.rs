use traced_runtime::traced;

#[traced(ret = "user.email")]
fn email_of(customer_id: &str) -> String {
    format!("{customer_id}@example.com")
}

fn main() {
    email_of("c-1");
}
