//! Optimized builds give a small fn a second copy of its body, run when nothing is traced
//! (for an async fn, a second future), and run the traced code out of line; debug builds
//! compile the body once. `cargo test` checks the one-copy path, `cargo test --release` (in
//! `.ci/run`) the two-copy one: either way the body runs once per call, an early `return` or
//! `?` and a returned borrow come back, and a provider installed through the crate is seen on
//! the very next call. One test: it installs the global provider.

use std::fmt::Display;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use traced_runtime::{testing, traced};
use traced_test_support::block_on;

/// Bodies run, counted across every fn below.
static RUNS: AtomicUsize = AtomicUsize::new(0);

fn ran() {
    RUNS.fetch_add(1, Ordering::Relaxed);
}

#[derive(Debug, PartialEq)]
struct Failed;

impl Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("failed")
    }
}

#[traced(name = "fast.count", attrs("task.index" = n))]
fn count(n: i64) -> i64 {
    ran();
    n + 1
}

fn positive(step: u8) -> Result<u8, Failed> {
    if step > 100 {
        Err(Failed)
    } else {
        Ok(step)
    }
}

#[traced(name = "fast.early")]
fn early(step: u8) -> Result<u8, Failed> {
    ran();
    if step == 0 {
        return Err(Failed);
    }
    let step = positive(step)?;
    Ok(step * 2)
}

struct Wallet {
    coins: i64,
}

impl Wallet {
    #[traced(name = "fast.borrow")]
    fn coins_mut(&mut self) -> &mut i64 {
        ran();
        &mut self.coins
    }

    #[traced(name = "fast.consume")]
    fn into_coins(self) -> i64 {
        ran();
        self.coins
    }
}

#[traced(name = "fast.generic")]
fn describe<T: Display>(value: T) -> String {
    ran();
    value.to_string()
}

#[traced(name = "fast.unit")]
fn touch() {
    ran();
}

/// Declares a `static`: two copies would be two counters, so this fn keeps one body.
#[traced(name = "fast.declares")]
fn next_ticket() -> u32 {
    static TICKETS: AtomicU32 = AtomicU32::new(0);
    ran();
    TICKETS.fetch_add(1, Ordering::Relaxed) + 1
}

#[traced(name = "fast.async", attrs("task.index" = n))]
async fn settle(n: i64, wallet: &mut Wallet) -> Result<i64, Failed> {
    ran();
    let step = positive(u8::try_from(n).map_err(|_| Failed)?)?;
    wallet.coins += i64::from(step);
    Ok(wallet.coins)
}

/// One copy of the body in every build, as asked.
#[traced(name = "fast.opted_out", no_fast_path)]
fn opted_out(n: i64) -> i64 {
    ran();
    n * 2
}

/// Calls each fn once and checks what it returned; the next ticket is `ticket`.
fn call_all(ticket: u32) {
    assert_eq!(count(41), 42);
    assert_eq!(early(0), Err(Failed));
    assert_eq!(early(101), Err(Failed));
    assert_eq!(early(3), Ok(6));
    let mut wallet = Wallet { coins: 5 };
    *wallet.coins_mut() += 1;
    assert_eq!(wallet.into_coins(), 6);
    assert_eq!(describe(7.5), "7.5");
    touch();
    assert_eq!(next_ticket(), ticket);
    assert_eq!(opted_out(4), 8);
    let mut wallet = Wallet { coins: 1 };
    assert_eq!(block_on(settle(2, &mut wallet)), Ok(3));
    assert_eq!(block_on(settle(-1, &mut wallet)), Err(Failed));
    // Dropped before its first poll: the body never runs.
    drop(settle(2, &mut wallet));
    assert_eq!(wallet.coins, 3);
}

/// Bodies [`call_all`] runs.
const CALLS: usize = 12;

#[test]
fn the_body_runs_once_per_call_traced_or_not() {
    // Nothing installed: the first round finds it out, the second knows.
    call_all(1);
    call_all(2);
    assert_eq!(RUNS.load(Ordering::Relaxed), 2 * CALLS);

    let ((), spans) = testing::capture(|| call_all(3));
    assert_eq!(RUNS.load(Ordering::Relaxed), 3 * CALLS);
    let names: Vec<&str> = spans.iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [
            "fast.count",
            "fast.early",
            "fast.early",
            "fast.early",
            "fast.borrow",
            "fast.consume",
            "fast.generic",
            "fast.unit",
            "fast.declares",
            "fast.opted_out",
            "fast.async",
            "fast.async",
            "fast.async",
        ],
        "{}",
        spans.tree()
    );
    assert_eq!(spans.one("fast.count").int("task.index"), Some(41));
    let early = spans.named("fast.early");
    let errors: Vec<bool> = early.iter().map(|s| s.is_error()).collect();
    assert_eq!(errors, [true, true, false], "{}", spans.tree());
    let settled = spans.named("fast.async");
    let errors: Vec<bool> = settled.iter().map(|s| s.is_error()).collect();
    // The dropped future's span ends too (its body never ran).
    assert_eq!(errors, [false, true, false], "{}", spans.tree());

    // Still installed: traced again, once.
    let ((), spans) = testing::capture(|| call_all(4));
    assert_eq!(spans.len(), CALLS + 1, "{}", spans.tree());
    assert_eq!(RUNS.load(Ordering::Relaxed), 4 * CALLS);
}
