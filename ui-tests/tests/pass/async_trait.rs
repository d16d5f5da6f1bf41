use async_trait::async_trait;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use traced_runtime::traced;

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

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn main() {
    assert_eq!(block_on(Acme.redeem(5)), Ok(5));
    assert!(block_on(Acme.redeem(-1)).is_err());
}
