use opentelemetry::Context;
use traced_runtime::traced;

#[traced(root, parent = cx)]
fn apply(cx: &Context) {}

fn main() {
    apply(&Context::current());
}
