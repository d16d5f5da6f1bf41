//! Span status from a traced fn's outcome: `Err`, `Ok`, expected errors, panics, `ret`.

use opentelemetry::trace::{SpanId, Status, TraceContextExt as _};
use opentelemetry::Context;
use std::panic::{catch_unwind, AssertUnwindSafe};
use traced_runtime::testing::capture;
use traced_runtime::traced;

#[derive(Debug, PartialEq)]
enum LookupError {
    NotFound,
    Timeout { after_ms: u64 },
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::NotFound => f.write_str("no such voucher"),
            LookupError::Timeout { after_ms } => write!(f, "timed out after {after_ms} ms"),
        }
    }
}

/// An error with `Debug` only.
#[derive(Debug)]
struct LedgerMismatch(#[allow(dead_code)] i64);

/// An error that cannot be printed at all.
struct Opaque;

#[traced(
    name = "status.lookup",
    expected_err(LookupError::NotFound),
    ret = "redemption.voucher_value_inr"
)]
fn lookup(outcome: Result<i64, LookupError>) -> Result<i64, LookupError> {
    outcome
}

#[test]
fn err_sets_error_status_exception_event_and_error_type() {
    let (ret, spans) = capture(|| lookup(Err(LookupError::Timeout { after_ms: 240 })));
    assert_eq!(ret, Err(LookupError::Timeout { after_ms: 240 }));
    let span = spans.one("status.lookup");
    assert_eq!(*span.status(), Status::error("timed out after 240 ms"));
    let events: Vec<_> = span.events().map(|e| e.name()).collect();
    assert_eq!(events, ["exception"]);
    let exception = span.event("exception").unwrap();
    assert_eq!(
        exception.str("exception.message"),
        Some("timed out after 240 ms")
    );
    assert_eq!(
        exception.str("exception.type"),
        Some(std::any::type_name::<LookupError>())
    );
    assert_eq!(
        span.str("error.type"),
        Some(std::any::type_name::<LookupError>())
    );
    assert_eq!(
        span.attr("redemption.voucher_value_inr"),
        None,
        "ret records Ok only"
    );
}

#[traced(name = "status.ok", ret = "redemption.voucher_value_inr")]
fn ok_lookup() -> Result<i64, LookupError> {
    Ok(4200)
}

#[test]
fn ok_leaves_status_unset_and_records_the_ok_value() {
    let (ret, spans) = capture(ok_lookup);
    assert_eq!(ret, Ok(4200));
    let span = spans.one("status.ok");
    assert_eq!(*span.status(), Status::Unset);
    assert_eq!(span.events().count(), 0);
    assert_eq!(span.int("redemption.voucher_value_inr"), Some(4200));
    assert_eq!(span.attr("error.type"), None);
}

#[traced(name = "status.expected", expected_err(LookupError::NotFound))]
fn expected_lookup(outcome: Result<i64, LookupError>) -> Result<i64, LookupError> {
    outcome
}

#[test]
fn an_expected_error_leaves_status_unset_and_others_still_fail() {
    let (ret, spans) = capture(|| expected_lookup(Err(LookupError::NotFound)));
    assert_eq!(ret, Err(LookupError::NotFound));
    let span = spans.one("status.expected");
    assert_eq!(*span.status(), Status::Unset);
    assert_eq!(span.events().count(), 0);
    assert_eq!(span.attr("error.type"), None);

    let (_, spans) = capture(|| expected_lookup(Err(LookupError::Timeout { after_ms: 1 })));
    let span = spans.one("status.expected");
    assert_eq!(*span.status(), Status::error("timed out after 1 ms"));
}

#[traced(name = "status.debug_only")]
fn debug_only() -> Result<(), LedgerMismatch> {
    Err(LedgerMismatch(8400))
}

#[traced(name = "status.opaque")]
fn opaque() -> Result<u8, Opaque> {
    Err(Opaque)
}

// `anyhow`-style boxed errors are `Display` too.
#[traced(name = "status.boxed")]
fn boxed() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    Err("wallet row locked".into())
}

#[test]
fn errors_without_display_are_described_as_well_as_they_can_be() {
    let (failed, spans) = capture(|| (debug_only().is_err(), opaque().is_err(), boxed().is_err()));
    assert_eq!(failed, (true, true, true));
    assert_eq!(
        *spans.one("status.debug_only").status(),
        Status::error("LedgerMismatch(8400)")
    );

    let span = spans.one("status.opaque");
    assert_eq!(
        *span.status(),
        Status::error(std::any::type_name::<Opaque>().to_owned())
    );
    assert_eq!(
        span.str("error.type"),
        Some(std::any::type_name::<Opaque>())
    );

    assert_eq!(
        *spans.one("status.boxed").status(),
        Status::error("wallet row locked")
    );
}

#[traced(name = "status.not_result", ret = "redemption.coins_debited")]
fn not_a_result() -> Option<u32> {
    None
}

#[test]
fn a_value_that_is_not_a_result_is_never_an_error() {
    let (ret, spans) = capture(not_a_result);
    assert_eq!(ret, None);
    let span = spans.one("status.not_result");
    assert_eq!(*span.status(), Status::Unset);
    assert_eq!(
        span.attr("redemption.coins_debited"),
        None,
        "`None` records nothing"
    );
    assert_eq!(span.events().count(), 0);
}

#[traced(name = "status.panics")]
fn panics(coins: i64) -> Result<i64, LookupError> {
    if coins > 0 {
        panic!("balance went negative");
    }
    Ok(coins)
}

#[test]
fn a_panic_ends_the_span_with_error_and_keeps_unwinding() {
    let ((outcome, current_after), spans) = capture(|| {
        let outcome = catch_unwind(|| panics(4200));
        (outcome, current_span_id())
    });
    let payload = outcome.expect_err("the panic goes on through the traced fn");
    assert_eq!(
        payload.downcast_ref::<&str>(),
        Some(&"balance went negative")
    );
    assert_eq!(
        *spans.one("status.panics").status(),
        Status::error("panicked")
    );
    assert_eq!(
        current_after,
        SpanId::INVALID,
        "the span's context was left"
    );
}

#[traced(name = "status.cleanup")]
fn cleanup() -> Result<(), LookupError> {
    Ok(())
}

struct ReleasesLock;

impl Drop for ReleasesLock {
    fn drop(&mut self) {
        let _ = cleanup();
    }
}

#[test]
fn a_traced_fn_run_by_a_destructor_during_a_panic_did_not_fail() {
    let (outcome, spans) = capture(|| {
        catch_unwind(AssertUnwindSafe(|| {
            let _lock = ReleasesLock;
            panic!("the caller failed");
        }))
    });
    assert!(outcome.is_err());
    assert_eq!(*spans.one("status.cleanup").status(), Status::Unset);
}

#[traced(name = "status.early")]
fn early(step: u8) -> Result<u8, LookupError> {
    if step == 0 {
        return Err(LookupError::Timeout { after_ms: 5 });
    }
    let found: Result<u8, LookupError> = if step == 1 {
        Err(LookupError::NotFound)
    } else {
        Ok(step)
    };
    let value = found?;
    Ok(value + 1)
}

#[test]
fn an_error_returned_early_or_by_question_mark_is_marked_too() {
    let (returned, spans) = capture(|| [early(0), early(1), early(2)]);
    assert_eq!(
        returned,
        [
            Err(LookupError::Timeout { after_ms: 5 }),
            Err(LookupError::NotFound),
            Ok(3)
        ]
    );
    let statuses: Vec<Status> = spans
        .named("status.early")
        .into_iter()
        .map(|s| s.status().clone())
        .collect();
    assert_eq!(
        statuses,
        [
            Status::error("timed out after 5 ms"),
            Status::error("no such voucher"),
            Status::Unset
        ]
    );
}

/// A body with no `?` or `return` runs in place, so `#[track_caller]` sees the caller.
#[traced(name = "status.located")]
#[track_caller]
fn located() -> Result<u32, LookupError> {
    Ok(std::panic::Location::caller().line())
}

#[test]
fn track_caller_sees_the_call_site() {
    let ((line, called_from), spans) = capture(|| {
        let line = line!() + 1;
        let called_from = located();
        (line, called_from)
    });
    assert_eq!(called_from, Ok(line));
    assert_eq!(*spans.one("status.located").status(), Status::Unset);
}

/// The id of the span current on this thread (invalid when none).
fn current_span_id() -> SpanId {
    Context::map_current(|cx| cx.span().span_context().span_id())
}

/// Something a traced method lends a part of.
struct Wallet {
    coins: i64,
}

impl Wallet {
    /// The body runs in a closure called once: it may return a borrow of what it owns.
    #[traced(name = "status.borrow_mut")]
    fn coins_mut(&mut self) -> &mut i64 {
        &mut self.coins
    }

    /// The same, with a `?` (the body in a closure of its own).
    #[traced(name = "status.borrow_mut_checked")]
    fn checked_coins_mut(&mut self, allowed: bool) -> Result<&mut i64, LookupError> {
        allowed.then_some(()).ok_or(LookupError::NotFound)?;
        Ok(&mut self.coins)
    }
}

#[test]
fn a_body_may_return_a_mutable_borrow_of_its_arguments() {
    let mut wallet = Wallet { coins: 5 };
    let ((), spans) = capture(|| {
        *wallet.coins_mut() += 1;
        *wallet.checked_coins_mut(true).unwrap() += 1;
        assert!(wallet.checked_coins_mut(false).is_err());
    });
    assert_eq!(wallet.coins, 7);
    assert_eq!(spans.named("status.borrow_mut").len(), 1);
    assert_eq!(spans.named("status.borrow_mut_checked").len(), 2);
}
