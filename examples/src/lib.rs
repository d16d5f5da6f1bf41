//! The examples' domain code, shared by the `[[example]]` programs and the tests that check
//! the spans they produce (`tests/`).
//!
//! Every scenario is deterministic (no random branch), so a run produces the same spans
//! each time: the OTLP end-to-end test compares what a collector received with what
//! `traced_runtime::testing::capture` sees in-process.

pub mod checkout;
pub mod quote;
pub mod redemption;

/// Stands in for I/O: the durations make the trees readable, not the examples slow.
pub(crate) fn work(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}
