use traced_runtime::traced;

// A type error in the body points at the user's line, in an async fn too.
#[traced]
async fn apply(coins: i64) -> Result<i64, String> {
    let left: i64 = "lots";
    Ok(coins - left)
}

#[traced]
fn apply_sync(coins: i64) -> i64 {
    let one: i64 = "one";
    coins + one
}

fn main() {
    let _ = apply(1);
    let _ = apply_sync(1);
}
