use traced_runtime::traced;

#[traced]
const fn apply() -> u32 {
    1
}

fn main() {
    apply();
}
