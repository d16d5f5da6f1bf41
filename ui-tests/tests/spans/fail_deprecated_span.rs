use traced_runtime::traced;

#[traced(span = "rewards.apply")]
fn apply() {}

fn main() {
    apply();
}
