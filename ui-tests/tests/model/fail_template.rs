use traced_runtime::traced;

#[traced(attrs("http.request.header" = accept))]
fn bare(accept: Vec<String>) {}

#[traced(attrs("k8s.pod.labels.app" = app))]
fn renamed(app: &str) {}

fn main() {
    bare(vec!["text/html".to_string()]);
    renamed("checkout");
}
