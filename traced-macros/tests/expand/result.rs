// A `?` in the body: it runs in a closure so every return value reaches the status check.
#[traced(expected_err(LookupError::NotFound), ret = "redemption.coins_debited")]
fn debit(coins: &str) -> Result<i64, LookupError> {
    let coins = parse(coins)?;
    Ok(coins)
}

// `ret` on a value that is not a `Result`.
#[traced(ret = "redemption.coins_debited")]
fn count() -> usize {
    3
}
