use traced_runtime::{redact, traced};

// `url.full` is tagged `sensitive-information` in the official model: a raw URL may carry
// credentials and signatures.
#[traced(kind = client, attrs("url.full" = url))]
fn call(url: &str) {}

// Pseudonymized is redacted too, but `redact::url` keeps the URL readable.
#[traced(kind = client, attrs("url.full" = redact::url(url), "url.query" = query.to_owned()))]
fn call_with_query(url: &str, query: &str) {}

fn main() {
    call("https://user:pw@partner.example/cb?sig=abc");
    call_with_query("https://partner.example/cb", "sig=abc");
}
