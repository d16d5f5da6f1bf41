use opentelemetry::Context;
use traced_runtime::traced;

// Every option is given once; an empty list the first time is still a first time.
#[traced(attrs(), attrs("customer.id" = customer), links = [], links = [cx])]
fn apply(customer: &str, cx: &Context) {}

fn main() {
    apply("c-1", &Context::current());
}
