use traced_runtime::traced;

#[traced(nmae = "rewards.apply")]
fn apply() {}

fn main() {
    apply();
}
