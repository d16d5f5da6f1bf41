use traced_runtime::traced;

#[traced(ret = "redemption.coins_debited")]
fn apply() -> Result<String, std::io::Error> {
    Ok("lots".to_owned())
}

fn main() {
    let _ = apply();
}
