use traced_runtime::traced;

const NAME: &str = "rewards.apply";

#[traced(name = NAME)]
fn apply() {}

fn main() {
    apply();
}
