//! `TRACED_REDACTION_KEY` as the key: a test binary of its own, since the variable is read
//! once per process.

use traced_runtime::testing::capture;
use traced_runtime::{redact, traced};

#[traced(name = "redact.env", attrs("user.email" = redact::pseudonym(email)))]
fn notify(email: &str) {}

#[test]
fn key_from_the_environment() {
    // Set before anything reads the key; the only test here, so no thread reads the
    // environment meanwhile.
    std::env::set_var(redact::KEY_VARIABLE, "Jefe");
    assert!(redact::has_key());
    let ((), spans) = capture(|| notify("what do ya want for nothing?"));
    // RFC 4231, test case 2, truncated to 16 bytes.
    assert_eq!(
        spans.one("redact.env").str("user.email"),
        Some("5bdcc146bf60754e6a042426089575c7")
    );
    // Read once: changing the variable later changes nothing.
    std::env::set_var(redact::KEY_VARIABLE, "");
    assert!(redact::has_key());
}
