// Expansions must not warn in users' crates.
#![deny(warnings)]
use std::borrow::Cow;
use std::sync::Arc;
use traced_runtime::{record, traced};

// One argument per kind of value recorded.
#[allow(clippy::too_many_arguments)]
#[traced(attrs(
    "customer.id" = owned,
    "redemption.partner" = cow,
    "redemption.coins_debited" = big,
    "fraud.queue_wait_ms" = size,
    "fraud.score" = ratio,
    "idempotency.cache_hit" = flag,
    "redemption.tags" = tags,
    "redemption.item_counts" = counts,
    "redemption.outcome" = maybe,
    "redemption.header.x-request-id" = "req-1",
))]
fn all(
    owned: String,
    cow: Cow<'_, str>,
    big: u64,
    size: usize,
    ratio: f32,
    flag: bool,
    tags: Vec<&str>,
    counts: &[u16],
    maybe: Option<&str>,
) {
    let shared: Arc<str> = Arc::from("x");
    let boxed: Box<str> = "y".into();
    let array = [1i64, 2, 3];
    record!(
        "customer.id" = shared,
        "redemption.partner" = boxed,
        "redemption.item_counts" = array,
        "redemption.tags" = ["a", "b"],
        "fraud.score" = 0.5,
        "redemption.coins_debited" = &&7i8,
    );
}

pub fn main() {
    all(
        "c-1".to_owned(),
        Cow::Borrowed("acme"),
        u64::MAX,
        3,
        0.25,
        true,
        vec!["gold", "promo"],
        &[1, 2],
        None,
    );
}
