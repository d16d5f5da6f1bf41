use traced_runtime::redact;

#[traced(attrs("user.email" = redact::pseudonym(email)), ret = "user.email")]
fn pseudonymize(email: &str) -> redact::Redacted {
    record!("user.phones" = [redact::pseudonym("+41 00 000 00 00")]);
    redact::pseudonym(email)
}

#[traced(
    allow_sensitive("user.email", reason = "a shared test inbox"),
    attrs("user.email" = email)
)]
fn allowed(email: &str) {}
