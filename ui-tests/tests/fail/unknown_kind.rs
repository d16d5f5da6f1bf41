use traced_runtime::traced;

#[traced(kind = backend)]
fn apply() {}

fn main() {
    apply();
}
