//! What `redact` helpers export, seen through `testing::capture` as users see it.
//!
//! The pseudonym key is one per process: only `pseudonyms_follow_the_key` changes it and
//! records pseudonyms, so that tests running in parallel cannot see another's key.

use opentelemetry::{Array, Value};
use traced_runtime::testing::capture;
use traced_runtime::{record, redact, traced};

/// RFC 4231, test case 2: HMAC-SHA-256 with key "Jefe" of "what do ya want for nothing?" is
/// `5bdcc146...3843`; a pseudonym keeps its first 16 bytes.
const RFC4231_KEY: &str = "Jefe";
const RFC4231_DATA: &str = "what do ya want for nothing?";
const RFC4231_PSEUDONYM: &str = "5bdcc146bf60754e6a042426089575c7";

#[traced(
    name = "redact.notify",
    attrs(
        "user.email" = redact::pseudonym(email),
        "url.full" = redact::url(callback),
    )
)]
fn notify(email: &str, callback: &str) {
    record!("user.emails" = vec![redact::pseudonym(email), redact::pseudonym("b@example.com")]);
}

#[traced(name = "redact.lookup", ret = "user.email")]
fn lookup(email: String) -> redact::Redacted {
    redact::pseudonym(email)
}

#[traced(name = "redact.maybe", attrs("user.email" = email.map(redact::pseudonym)))]
fn maybe(email: Option<&str>) {}

/// `user.emails`, a `string[]`.
fn emails(span: traced_runtime::testing::CapturedSpan<'_>) -> Vec<String> {
    match span.attr("user.emails") {
        Some(Value::Array(Array::String(values))) => {
            values.iter().map(|v| v.as_str().to_owned()).collect()
        }
        other => panic!("user.emails is {other:?}"),
    }
}

fn email_of(f: impl FnOnce()) -> Option<String> {
    let ((), spans) = capture(f);
    assert_eq!(spans.len(), 1, "{}", spans.tree());
    let span = spans.iter().next().unwrap();
    span.str("user.email").map(str::to_owned)
}

#[test]
fn pseudonyms_follow_the_key() {
    // An empty key is none, whatever `TRACED_REDACTION_KEY` says.
    redact::set_key("");
    assert!(!redact::has_key());
    let ((), spans) = capture(|| notify(RFC4231_DATA, "https://partner.example/cb"));
    let span = spans.one("redact.notify");
    assert_eq!(span.str("user.email"), Some("REDACTED"));
    assert_eq!(emails(span), ["REDACTED", "REDACTED"]);

    redact::set_key(RFC4231_KEY);
    assert!(redact::has_key());
    let ((), spans) = capture(|| notify(RFC4231_DATA, "https://partner.example/cb"));
    let span = spans.one("redact.notify");
    assert_eq!(span.str("user.email"), Some(RFC4231_PSEUDONYM));
    let emails = emails(span);
    assert_eq!(emails.len(), 2);
    assert_eq!(emails[0], RFC4231_PSEUDONYM);
    assert_eq!(emails[1].len(), 32, "{emails:?}");

    // `ret` and `Option` go through the same value traits.
    let ((), spans) = capture(|| {
        lookup(RFC4231_DATA.to_owned());
    });
    assert_eq!(
        spans.one("redact.lookup").str("user.email"),
        Some(RFC4231_PSEUDONYM)
    );
    assert_eq!(
        email_of(|| maybe(Some(RFC4231_DATA))).as_deref(),
        Some(RFC4231_PSEUDONYM)
    );
    assert_eq!(email_of(|| maybe(None)), None);

    // What an operator computes to search for this customer.
    assert_eq!(
        redact::pseudonym_with_key(RFC4231_KEY.as_bytes(), RFC4231_DATA),
        RFC4231_PSEUDONYM
    );
    // The same customer under another key is another pseudonym.
    redact::set_key("another service's key");
    let other = email_of(|| maybe(Some(RFC4231_DATA)));
    assert_ne!(other.as_deref(), Some(RFC4231_PSEUDONYM));
    assert_eq!(other.map(|p| p.len()), Some(32));
}

#[test]
fn url_full_is_exported_redacted() {
    let ((), spans) = capture(|| {
        notify(
            "jo@example.com",
            "https://jo:hunter2@partner.example/cb?order=7&X-Goog-Signature=0a1b2c#done",
        )
    });
    assert_eq!(
        spans.one("redact.notify").str("url.full"),
        Some("https://REDACTED:REDACTED@partner.example/cb?order=7&X-Goog-Signature=REDACTED#done")
    );
    let ((), spans) = capture(|| notify("jo@example.com", "partner.example/cb?sig=0a1b2c"));
    assert_eq!(spans.one("redact.notify").str("url.full"), Some("REDACTED"));
}
