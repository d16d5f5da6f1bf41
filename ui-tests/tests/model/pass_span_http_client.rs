#![deny(warnings)]
use traced_runtime::traced;

#[traced(
    span = "http.client",
    name = "GET /users/{id}",
    attrs(
        "http.request.method" = "GET",
        "server.address" = host,
        "server.port" = 443,
        "url.full" = traced_runtime::redact::url("https://partner.example/users/7"),
    ),
    ret = "http.response.status_code",
)]
fn fetch(host: &str) -> Result<u16, String> {
    Ok(200)
}

fn main() {
    assert_eq!(fetch("partner.example"), Ok(200));
}
