// Expansions must not warn in users' crates.
#![deny(warnings)]
use std::future::Future;
use traced_runtime::traced;
use traced_ui_tests::block_on;

#[derive(Debug)]
struct Declined;

#[traced(name = "fraud.review", attrs("customer.id" = customer_id, "fraud.score" = score))]
async fn review(customer_id: &str, score: f64) -> Result<bool, Declined> {
    ready().await;
    if score > 0.9 {
        return Err(Declined);
    }
    Ok(score < 0.5)
}

#[traced]
async fn ready() {}

struct Service {
    name: String,
}

impl Service {
    #[traced(attrs("redemption.partner" = self.name))]
    async fn call(&self, n: u32) -> u32 {
        ready().await;
        n + 1
    }
}

// A future built by a plain fn is traced too.
#[traced]
fn make(n: u32) -> impl Future<Output = u32> {
    async move { n * 2 }
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

// An inner attribute covers the whole body, moved into the future too.
#[traced]
async fn with_inner_attribute(count: u8) -> u8 {
    #![allow(unused_variables)]
    let kept_for_later = count;
    1
}

pub fn main() {
    assert!(block_on(assert_send(review("c-1", 0.2))).unwrap());
    assert!(block_on(review("c-1", 0.95)).is_err());
    let service = Service {
        name: "acme".into(),
    };
    assert_eq!(block_on(assert_send(service.call(1))), 2);
    assert_eq!(block_on(make(2)), 4);
    assert_eq!(block_on(with_inner_attribute(3)), 1);
}
