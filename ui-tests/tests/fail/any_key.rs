use traced_runtime::traced;

#[traced(attrs("redemption.payload" = payload))]
fn apply(payload: &str) {}

fn main() {
    apply("{}");
}
