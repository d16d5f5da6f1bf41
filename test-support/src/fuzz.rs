//! The property tests' configuration, the same in every crate.

use proptest::test_runner::Config;

/// A few hundred cases per property; `TRACED_FUZZ_CASES=N` runs N. A failure is turned into a
/// unit test by hand, not kept in a file beside the test.
///
/// # Panics
///
/// When `TRACED_FUZZ_CASES` is not a number.
pub fn fuzz_config() -> Config {
    let cases = match std::env::var("TRACED_FUZZ_CASES") {
        Ok(n) => n
            .parse()
            .unwrap_or_else(|_| panic!("TRACED_FUZZ_CASES must be a number, not {n:?}")),
        Err(_) => 256,
    };
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}
