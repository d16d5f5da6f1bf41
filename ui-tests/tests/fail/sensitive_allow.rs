use traced_runtime::traced;

#[traced(
    allow_sensitive("user.emial", reason = "support needs the address"),
    attrs("user.email" = email)
)]
fn unknown_key(email: &str) {}

#[traced(allow_sensitive("user.email"), attrs("user.email" = email))]
fn no_reason(email: &str) {}

#[traced(allow_sensitive("user.email", reason = " "), attrs("user.email" = email))]
fn empty_reason(email: &str) {}

#[traced(
    allow_sensitive("customer.id", reason = "it is an opaque id"),
    attrs("customer.id" = customer_id)
)]
fn not_sensitive(customer_id: &str) {}

fn main() {
    unknown_key("jo@example.com");
    no_reason("jo@example.com");
    empty_reason("jo@example.com");
    not_sensitive("c-1");
}
