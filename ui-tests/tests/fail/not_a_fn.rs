use traced_runtime::traced;

#[traced]
pub struct Redemption {
    pub coins: i64,
}

fn main() {
    let _ = Redemption { coins: 1 };
}
