use traced_runtime::traced;

// The HTTP client span requires four attributes; `url.full` is missing.
#[traced(
    span = "http.client",
    name = "GET",
    attrs("http.request.method" = "GET", "server.address" = host, "server.port" = 443),
)]
fn fetch(host: &str) {}

fn main() {
    fetch("partner.example");
}
