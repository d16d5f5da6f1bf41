//! Span status from a traced fn's outcome: `Err`, `Ok`, expected errors, panics, `ret`.

mod common;

use common::*;
use opentelemetry::trace::Status;
use opentelemetry::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
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

fn last(name: &str) -> opentelemetry_sdk::trace::SpanData {
    named(name).pop().expect("a span was exported")
}

#[test]
fn err_sets_error_status_exception_event_and_error_type() {
    exporter();
    let ret = lookup(Err(LookupError::Timeout { after_ms: 240 }));
    assert_eq!(ret, Err(LookupError::Timeout { after_ms: 240 }));
    let span = one("status.lookup");
    assert_eq!(span.status, Status::error("timed out after 240 ms"));
    let exception = &span.events.events;
    assert_eq!(exception.len(), 1);
    assert_eq!(exception[0].name, "exception");
    assert_eq!(
        event_attr(&span, "exception", "exception.message"),
        Some(Value::from("timed out after 240 ms"))
    );
    assert_eq!(
        event_attr(&span, "exception", "exception.type"),
        Some(Value::from(std::any::type_name::<LookupError>()))
    );
    assert_eq!(
        attr(&span, "error.type"),
        Some(Value::from(std::any::type_name::<LookupError>()))
    );
    assert_eq!(
        attr(&span, "redemption.voucher_value_inr"),
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
    exporter();
    assert_eq!(ok_lookup(), Ok(4200));
    let span = one("status.ok");
    assert_eq!(span.status, Status::Unset);
    assert!(span.events.events.is_empty());
    assert_eq!(
        attr(&span, "redemption.voucher_value_inr"),
        Some(Value::I64(4200))
    );
    assert_eq!(attr(&span, "error.type"), None);
}

#[traced(name = "status.expected", expected_err(LookupError::NotFound))]
fn expected_lookup(outcome: Result<i64, LookupError>) -> Result<i64, LookupError> {
    outcome
}

#[test]
fn an_expected_error_leaves_status_unset_and_others_still_fail() {
    exporter();
    assert_eq!(
        expected_lookup(Err(LookupError::NotFound)),
        Err(LookupError::NotFound)
    );
    let spans = named("status.expected");
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].status, Status::Unset);
    assert!(spans[0].events.events.is_empty());
    assert_eq!(attr(&spans[0], "error.type"), None);

    let _ = expected_lookup(Err(LookupError::Timeout { after_ms: 1 }));
    let span = last("status.expected");
    assert_eq!(span.status, Status::error("timed out after 1 ms"));
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
    exporter();
    assert!(debug_only().is_err());
    assert_eq!(
        one("status.debug_only").status,
        Status::error("LedgerMismatch(8400)")
    );

    assert!(opaque().is_err());
    let span = one("status.opaque");
    assert_eq!(
        span.status,
        Status::error(std::any::type_name::<Opaque>().to_owned())
    );
    assert_eq!(
        attr(&span, "error.type"),
        Some(Value::from(std::any::type_name::<Opaque>()))
    );

    assert!(boxed().is_err());
    assert_eq!(
        one("status.boxed").status,
        Status::error("wallet row locked")
    );
}

#[traced(name = "status.not_result", ret = "redemption.coins_debited")]
fn not_a_result() -> Option<u32> {
    None
}

#[test]
fn a_value_that_is_not_a_result_is_never_an_error() {
    exporter();
    assert_eq!(not_a_result(), None);
    let span = one("status.not_result");
    assert_eq!(span.status, Status::Unset);
    assert_eq!(
        attr(&span, "redemption.coins_debited"),
        None,
        "`None` records nothing"
    );
    assert!(span.events.events.is_empty());
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
    exporter();
    let outcome = catch_unwind(|| panics(4200));
    let payload = outcome.expect_err("the panic goes on through the traced fn");
    assert_eq!(
        payload.downcast_ref::<&str>(),
        Some(&"balance went negative")
    );
    let span = one("status.panics");
    assert_eq!(span.status, Status::error("panicked"));
    assert_eq!(
        common::current_span_id(),
        opentelemetry::trace::SpanId::INVALID
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
    exporter();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let _lock = ReleasesLock;
        panic!("the caller failed");
    }));
    assert!(outcome.is_err());
    assert_eq!(one("status.cleanup").status, Status::Unset);
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
    exporter();
    assert_eq!(early(0), Err(LookupError::Timeout { after_ms: 5 }));
    assert_eq!(early(1), Err(LookupError::NotFound));
    assert_eq!(early(2), Ok(3));
    let statuses: Vec<Status> = named("status.early")
        .into_iter()
        .map(|s| s.status)
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
    exporter();
    let line = line!() + 1;
    let called_from = located();
    assert_eq!(called_from, Ok(line));
    assert_eq!(one("status.located").status, Status::Unset);
}
