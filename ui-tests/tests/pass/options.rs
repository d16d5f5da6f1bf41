// Expansions must not warn in users' crates.
#![deny(warnings)]
use opentelemetry::trace::{SpanContext, TraceContextExt};
use opentelemetry::Context;
use traced_runtime::traced;

#[derive(Debug)]
enum LookupError {
    NotFound,
    // Read only through `Debug` (trybuild allows dead code; cargo builds this file too).
    #[allow(dead_code)]
    Unavailable(String),
}

#[traced(ret = "redemption.coins_debited")]
fn debit(coins: i64) -> Result<i64, LookupError> {
    Ok(coins)
}

#[traced(ret = "redemption.coins_debited")]
fn count() -> usize {
    3
}

// A missing customer is an expected outcome, not a failure.
#[traced(expected_err(LookupError::NotFound))]
fn find(id: &str) -> Result<u32, LookupError> {
    match id {
        "c-1" => Ok(1),
        "gone" => Err(LookupError::Unavailable("db down".into())),
        _ => Err(LookupError::NotFound),
    }
}

#[traced(kind = consumer, parent = cx)]
fn consume(cx: &Context) {}

#[traced(kind = consumer, parent = cx.clone())]
fn consume_owned(cx: Context) {}

// Any number of references: `&&cx` is a parent too.
#[traced(kind = consumer, parent = &cx)]
fn consume_borrowed(cx: &&Context) {}

#[traced(links = [first, second.span().span_context().clone()])]
fn batch(first: &Context, second: &Context) {}

#[traced(root)]
fn new_trace() {}

#[traced(crate = traced_runtime)]
fn explicit_crate() {}

// One copy of the body in optimized builds too.
#[traced(no_fast_path)]
fn compiled_once(coins: u8) -> u8 {
    coins
}

pub fn main() {
    assert_eq!(debit(3).unwrap(), 3);
    assert_eq!(count(), 3);
    assert_eq!(find("c-1").unwrap(), 1);
    assert!(find("nobody").is_err());
    assert!(find("gone").is_err());
    let cx = Context::current();
    consume(&cx);
    consume_owned(cx.clone());
    consume_borrowed(&&cx);
    batch(&cx, &cx);
    new_trace();
    explicit_crate();
    assert_eq!(compiled_once(2), 2);
    let _ = SpanContext::empty_context();
}
