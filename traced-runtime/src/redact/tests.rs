use super::*;
use crate::__private::StringValue;
use proptest::prelude::*;
use std::cell::Cell;

thread_local! {
    /// How many values this thread has hashed: laziness is observable only from inside.
    pub(super) static HASHED: Cell<usize> = const { Cell::new(0) };
}

/// RFC 4231, test case 2, truncated to the 16 bytes a pseudonym keeps.
#[test]
fn pseudonym_is_truncated_hmac_sha256() {
    assert_eq!(
        pseudonym_with_key(b"Jefe", "what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c7"
    );
    // RFC 4231, test case 1: a binary key.
    assert_eq!(
        pseudonym_with_key(&[0x0b; 20], "Hi There"),
        "b0344c61d8db38535ca8afceaf0bf12b"
    );
}

#[test]
fn no_key_gives_redacted() {
    assert_eq!(render_pseudonym(None, "jo@example.com"), "REDACTED");
    assert!(keyed(b"").is_none(), "an empty key is no key");
}

/// The one test that sets the process's key: the others pass theirs explicitly.
#[test]
fn hashed_when_recorded_not_when_made() {
    set_key("unit-test key");
    assert!(has_key());
    HASHED.with(|n| n.set(0));
    let value = pseudonym("jo@example.com");
    let url = super::url("https://jo:pw@example.com/");
    // No span is current on this thread, so `record!` must not evaluate anything.
    crate::__private::record_on_current(|attrs| {
        StringValue::set_on(&value, attrs, "user.email");
        StringValue::set_on(&url, attrs, "url.full");
    });
    assert_eq!(HASHED.with(Cell::get), 0);
    let item = StringValue::to_item(&Some(&value)).map(|s| s.as_str().to_owned());
    assert_eq!(HASHED.with(Cell::get), 1);
    assert_eq!(
        item.as_deref(),
        Some(pseudonym_with_key(b"unit-test key", "jo@example.com").as_str())
    );
    // Debug never shows the raw value.
    assert!(!format!("{value:?}").contains("jo@"), "{value:?}");
    assert!(!format!("{url:?}").contains(":pw"), "{url:?}");
}

#[test]
fn hex_is_lowercase_and_padded() {
    assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
}

fn check(input: &str, expected: &str) {
    assert_eq!(redact_url(input), expected, "redact::url({input:?})");
}

/// The conventions' own examples (`model/url/registry.yaml`).
#[test]
fn semconv_examples() {
    check(
        "https://username:password@www.example.com/",
        "https://REDACTED:REDACTED@www.example.com/",
    );
    check(
        "https://www.example.com/path?color=blue&sig=secret",
        "https://www.example.com/path?color=blue&sig=REDACTED",
    );
    check(
        "https://www.foo.bar/search?q=OpenTelemetry#SemConv",
        "https://www.foo.bar/search?q=OpenTelemetry#SemConv",
    );
    check("//localhost", "//localhost");
    assert_eq!(
        redact_query("q=OpenTelemetry&sig=abc").as_deref(),
        Some("q=OpenTelemetry&sig=REDACTED")
    );
}

#[test]
fn every_sensitive_parameter() {
    for name in SENSITIVE_QUERY_PARAMETERS {
        check(
            &format!("https://s3.example.com/b/k?a=1&{name}=s3cr3t&b=2"),
            &format!("https://s3.example.com/b/k?a=1&{name}=REDACTED&b=2"),
        );
    }
    // Matching is case-sensitive, as the conventions say.
    check(
        "https://h/?SIG=x&signature=y",
        "https://h/?SIG=x&signature=y",
    );
}

#[test]
fn credentials() {
    check("https://user@host/", "https://REDACTED:REDACTED@host/");
    check(
        "https://:pw@host:8443",
        "https://REDACTED:REDACTED@host:8443",
    );
    check("https://@host/", "https://@host/");
    // The last `@` ends the user info, as browsers read it.
    check(
        "https://us@er:p@ss@host/x",
        "https://REDACTED:REDACTED@host/x",
    );
    // An `@` after the authority is path, query or fragment.
    check(
        "https://host/users/@jo?to=a@b#@c",
        "https://host/users/@jo?to=a@b#@c",
    );
    check(
        "ftp://u:p@ftp.example.com",
        "ftp://REDACTED:REDACTED@ftp.example.com",
    );
    check("//u:p@localhost:80/", "//REDACTED:REDACTED@localhost:80/");
}

#[test]
fn ip_literals() {
    check("http://[::1]:8080/x", "http://[::1]:8080/x");
    check(
        "http://u:p@[fe80::1%25eth0]/",
        "http://REDACTED:REDACTED@[fe80::1%25eth0]/",
    );
    check("http://[::1]", "http://[::1]");
    check("http://192.0.2.1:80/", "http://192.0.2.1:80/");
    for bad in [
        "http://[::1/",
        "http://[::1]x/",
        "http://[]/",
        "http://[::1]:8o/",
    ] {
        check(bad, "REDACTED");
    }
}

#[test]
fn queries() {
    check("https://h/p?", "https://h/p?");
    check("https://h/p?&&", "https://h/p?&&");
    check(
        "https://h/?sig=a&sig=b&x=sig",
        "https://h/?sig=REDACTED&sig=REDACTED&x=sig",
    );
    // A name without a value has nothing to hide; an empty value is still marked.
    check("https://h/?sig&sig=", "https://h/?sig&sig=REDACTED");
    // `;` separates parameters for some servers.
    check("https://h/?a=1;sig=x", "https://h/?a=1;sig=REDACTED");
    // Names are compared decoded: the server reads `Sig%6Eature` as `Signature`.
    check(
        "https://h/?Sig%6Eature=x&q=%20",
        "https://h/?Sig%6Eature=REDACTED&q=%20",
    );
    // Only the first `?` starts the query; the value keeps its `=`.
    check(
        "https://h/?a=b?sig=c&sig=d=e",
        "https://h/?a=b?sig=c&sig=REDACTED",
    );
    // The fragment is not the query.
    check("https://h/#sig=x", "https://h/#sig=x");
    check("https://h/?x=1#?sig=y", "https://h/?x=1#?sig=y");
}

#[test]
fn other_schemes() {
    check("urn:isbn:0451450523", "urn:isbn:0451450523");
    check("file:///etc/hosts", "file:///etc/hosts");
    check("urn:x?sig=abc", "urn:x?sig=REDACTED");
    // An `@` without an authority may be `user:pass@host` with its `//` lost.
    check("mailto:jo@example.com", "REDACTED");
    check("user:pass@host/path", "REDACTED");
}

#[test]
fn malformed_is_replaced_whole() {
    for bad in [
        "",
        "www.example.com/path",
        "/relative?sig=x",
        "search?q=OpenTelemetry",
        "1http://host/",
        ":no-scheme",
        "https://host/a b",
        "https://u:p@host\\@evil/",
        "https://host/%zz",
        "https://host/?sig=%",
        "https://a:b:c/",
        "https://h\u{0}/",
        "https://ho[st/",
    ] {
        check(bad, "REDACTED");
    }
    assert_eq!(redact_query("sig=%"), None);
    assert_eq!(query("sig=%").to_string(), "REDACTED");
}

#[test]
fn non_ascii_is_kept() {
    check(
        "https://bücher.example/straße?q=é",
        "https://bücher.example/straße?q=é",
    );
}

proptest! {
    // `TRACED_FUZZ_CASES=4` makes these finish under Miri, where each HMAC is slow.
    #![proptest_config(traced_test_support::fuzz_config())]

    #[test]
    fn url_never_panics(s in any::<String>()) {
        let _ = redact_url(&s);
        let _ = redact_query(&s);
    }

    #[test]
    fn url_never_panics_on_url_like(s in "[a-z]{1,5}:(//)?[a-zA-Z0-9@:%\\[\\]/?#&;=.~_-]{0,40}") {
        let _ = redact_url(&s);
    }

    /// Whatever surrounds them, credentials and signatures never come out.
    #[test]
    fn secrets_never_come_out(
        scheme in "(https?|ftp|s3)",
        user in "[A-Za-z0-9._~-]{1,12}",
        secret in "[A-Za-z0-9]{12,24}",
        host in "([a-z0-9-]{1,10}\\.){0,2}[a-z]{2,6}|\\[[0-9a-f:]{2,12}\\]",
        port in proptest::option::of(any::<u16>()),
        path in "(/[A-Za-z0-9@:._~-]{0,8}){0,3}",
        before in "([A-Za-z0-9_]{1,6}=[A-Za-z0-9]{0,6}[&;]){0,3}",
        param in proptest::sample::select(SENSITIVE_QUERY_PARAMETERS.to_vec()),
        fragment in proptest::option::of("[A-Za-z0-9=&]{0,10}"),
    ) {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        let url = format!(
            "{scheme}://{user}:{secret}@{host}{port}{path}?{before}{param}={secret}{fragment}"
        );
        let out = redact_url(&url);
        prop_assert!(!out.contains(&secret), "{} -> {}", url, out);
        // Well-formed: rewritten, not replaced whole.
        let start = format!("{scheme}://REDACTED:REDACTED@{host}{port}");
        prop_assert!(out.starts_with(&start), "{} -> {}", url, out);
        let redacted_param = format!("{param}=REDACTED");
        prop_assert!(out.contains(&redacted_param), "{} -> {}", url, out);
    }

    /// Any input, any key: 32 hex digits, never the input itself.
    #[test]
    fn pseudonym_is_32_hex_digits(key in any::<Vec<u8>>(), value in any::<String>()) {
        let out = pseudonym_with_key(&key, &value);
        prop_assert_eq!(out.len(), 32);
        prop_assert!(out.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        prop_assert_eq!(&out, &pseudonym_with_key(&key, &value), "not deterministic");
        prop_assert_eq!(render_pseudonym(None, &value), REDACTED);
    }
}
