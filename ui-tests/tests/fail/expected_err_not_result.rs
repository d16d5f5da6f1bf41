use traced_runtime::traced;

#[traced(expected_err(Missing))]
fn apply() -> u32 {
    1
}

fn main() {
    apply();
}
