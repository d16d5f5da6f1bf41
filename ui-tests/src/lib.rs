//! Test-only crate: the cases are in `tests/`. What they share is here.

pub use traced_test_support::block_on;
