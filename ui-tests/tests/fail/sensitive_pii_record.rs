use traced_runtime::{event, record, redact, traced};

#[traced]
fn notify(email: String, phones: Vec<String>) {
    record!("user.email" = email.clone());
    // Marked through its attribute group; a `Vec` of redacted values is what it takes.
    record!("user.phones" = phones.iter().map(|p| redact::pseudonym(p.as_str())).collect::<Vec<_>>());
    record!("user.phones" = phones);
    event!("customer.contacted", "user.email" = Some(email));
}

fn main() {
    notify("jo@example.com".into(), vec![]);
}
