// Expansions must not warn in users' crates.
#![deny(warnings)]
#![allow(deprecated)] // `rpc.grpc.status_code` is deprecated: it warns, and is still accepted
use traced_runtime::traced;

#[traced(
    name = "partner.http.call",
    kind = client,
    attrs(
        "http.request.method" = method,
        "server.address" = host,
        "server.port" = port,
        "http.request.header.x-forwarded-for" = forwarded,
        "rpc.grpc.status_code" = 0,
    ),
    ret = "http.response.status_code",
)]
fn call(method: &str, host: &str, port: u16, forwarded: &[&str]) -> Result<u16, String> {
    Ok(200)
}

fn main() {
    assert_eq!(call("GET", "partner.example", 443, &["10.0.0.1"]), Ok(200));
}
