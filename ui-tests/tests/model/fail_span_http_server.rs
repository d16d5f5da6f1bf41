use traced_runtime::{record, traced};

// Declared `server`; `url.scheme` set only after the span started (samplers miss it), and
// `url.path` nowhere.
#[traced(
    span = "http.server",
    name = "GET /users/{id}",
    kind = client,
    attrs("http.request.method" = "GET"),
)]
fn handle() {
    record!("url.scheme" = "https");
}

fn main() {
    handle();
}
