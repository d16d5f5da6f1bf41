#![deny(warnings)]
use traced_runtime::{redact, traced};

#[traced(
    kind = client,
    attrs("url.full" = redact::url(url), "url.query" = redact::query(query), "url.path" = "/cb")
)]
fn call(url: &str, query: &str) {}

fn main() {
    call("https://user:pw@partner.example/cb?sig=abc", "sig=abc");
}
