#[traced(kind = server, attrs("redemption.partner" = partner))]
async fn redeem(partner: &str) -> Result<(), String> {
    check(partner).await
}

// A fn returning a boxed future, as `#[async_trait]` writes it.
#[traced]
fn boxed(coins: i64) -> Pin<Box<dyn Future<Output = i64> + Send>> {
    let doubled = coins * 2;
    Box::pin(async move { doubled })
}
