// Expansions must not warn in users' crates.
#![deny(warnings)]
use async_trait::async_trait;
use traced_runtime::traced;
use traced_ui_tests::block_on;

#[async_trait]
trait Partner {
    async fn redeem(&self, coins: i64) -> Result<i64, String>;
}

struct Acme;

#[async_trait]
impl Partner for Acme {
    #[traced(name = "partner.redeem", attrs("redemption.coins_debited" = coins))]
    async fn redeem(&self, coins: i64) -> Result<i64, String> {
        if coins < 0 {
            return Err("negative".to_owned());
        }
        Ok(coins)
    }
}

pub fn main() {
    assert_eq!(block_on(Acme.redeem(5)), Ok(5));
    assert!(block_on(Acme.redeem(-1)).is_err());
}
