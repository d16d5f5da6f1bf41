//! Keys marked `pii` take the runtime's redacted values, however the helper is reached.
#![deny(warnings)]
use traced_runtime::redact as r;
use traced_runtime::{event, record, traced};

#[traced(attrs("user.email" = r::pseudonym(email)))]
fn notify(email: &str) {
    let phones = ["+41 00 000 00 00"].map(r::pseudonym);
    record!("user.phones" = phones);
    record!("user.email" = Some(r::pseudonym(email)));
    event!("customer.contacted", "user.email" = &r::pseudonym(email));
}

mod helpers {
    pub use traced_runtime::redact::pseudonym as hide;
}

#[traced(attrs("user.email" = helpers::hide(email)), ret = "user.email")]
fn round_trip(email: &str) -> Result<traced_runtime::redact::Redacted, String> {
    Ok(r::pseudonym(email))
}

// The audited escape hatch: the raw value, for this fn only, with the reason beside it.
#[traced(
    allow_sensitive("user.email", reason = "the address is a shared test inbox"),
    attrs("user.email" = email)
)]
fn test_inbox(email: &str) {}

pub fn main() {
    notify("jo@example.com");
    round_trip("jo@example.com").unwrap();
    test_inbox("qa@example.com");
}
