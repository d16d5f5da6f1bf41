use traced_runtime::traced;

#[traced(attrs("auth.token" = token))]
fn authorize(token: &str) {}

#[traced(attrs("auth.token" = traced_runtime::redact::pseudonym(token)))]
fn authorize_hashed(token: &str) {}

#[traced(
    allow_sensitive("auth.token", reason = "debugging the partner's auth"),
    attrs("auth.token" = token)
)]
fn authorize_allowed(token: &str) {}

fn main() {
    authorize("t");
    authorize_hashed("t");
    authorize_allowed("t");
}
