use traced_runtime::traced;

#[derive(Debug)]
struct ParseError;

fn parse(raw: &str) -> Result<i64, ParseError> {
    raw.parse().map_err(|_| ParseError)
}

#[traced(attrs("redemption.coins_debited" = parse(raw)?))]
fn count(raw: &str) -> Result<i64, ParseError> {
    parse(raw)
}

// `?` inside a closure in the value stays there: accepted.
#[traced(attrs("redemption.coins_debited" = (|| parse(raw).ok())().unwrap_or(0)))]
fn count_or_zero(raw: &str) -> i64 {
    parse(raw).unwrap_or(0)
}

fn main() {
    let _ = count("1");
    let _ = count_or_zero("1");
}
