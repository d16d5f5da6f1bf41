use traced_runtime::traced;

#[traced(kind = client, attrs("http.method" = method, "server.adress" = host))]
fn call(method: &str, host: &str) {}

#[traced(attrs("http.request.body.content" = body, "http.request.header.x-forwarded-for" = 3))]
fn body(body: &str) {}

fn main() {
    call("GET", "partner.example");
    body("{}");
}
