use traced_runtime::traced;

#[traced(name = concat!("rewards.", env!("CARGO_PKG_NAME")))]
fn apply() {}

fn main() {
    apply();
}
