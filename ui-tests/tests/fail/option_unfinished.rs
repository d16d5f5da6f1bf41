use traced_runtime::traced;

#[traced(kind =)]
fn apply() {}

#[traced(name)]
fn named() {}

fn main() {
    apply();
    named();
}
