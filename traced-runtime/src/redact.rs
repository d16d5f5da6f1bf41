//! Personal data and credentials, redacted before they reach a span.
//!
//! A value that identifies a person (an e-mail, a phone number) is recorded as a
//! [`pseudonym`]: a keyed hash that is the same for the same input in every service that shares
//! the key, so "find the traces of customer X" still works, by pseudonymizing X with that key
//! ([`pseudonym_with_key`]). A URL is recorded through [`url`], which applies the semantic
//! conventions' rule for `url.full`: credentials and signed query parameters become `REDACTED`.
//!
//! ```
//! use traced_runtime::{redact, traced};
//!
//! #[traced(
//!     name = "rewards.redemption.apply",
//!     attrs(
//!         "user.email" = redact::pseudonym(email),
//!         "url.full" = redact::url(callback),
//!     ),
//! )]
//! fn apply_redemption(email: &str, callback: &str) {}
//! # apply_redemption("jo@example.com", "https://partner.example/cb?sig=abc");
//! ```
//!
//! Registry keys marked `pii` (`annotations: {traced: {sensitive: pii}}`, and `url.full` and
//! `url.query` of the official model) accept nothing but a [`Redacted`] value: the check
//! is by type, so a plain `String` never passes, whatever the code that made it.
//!
//! # The key
//!
//! [`pseudonym`] needs a secret key, the same in every service whose traces are joined. It is
//! taken from, first to last:
//! 1. [`set_key`], for programs that do not use this crate's set-up (a library never calls it);
//! 2. the `TRACED_REDACTION_KEY` environment variable, read once (its bytes as they are; empty
//!    means unset);
//! 3. `setup!().redaction_key(..)` (feature `sdk`), a default the variable overrides, like every
//!    value of the set-up.
//!
//! With no key the recorded value is the literal `"REDACTED"`: never the raw value, never a
//! panic. `setup!().init()` and `init!()` print one `traced:` line when no key is configured.
//!
//! # Cost
//!
//! `#[traced]`, `record!` and `event!` evaluate attribute values only when a span records, and
//! a [`Redacted`] only holds its input: the hash is computed (or the URL rewritten) when the
//! attribute is recorded, so nothing is hashed or formatted while tracing is off. Reading the
//! key is one atomic load: no lock, no write to shared memory.
//!
//! # Finding a customer's traces
//!
//! A pseudonym is the first 16 bytes (128 bits) of HMAC-SHA-256(key, value), as 32 lowercase
//! hex digits: short enough for an attribute, and far beyond collisions between customers
//! (2^64 values before the first is likely). An operator computes the one to search for with
//! [`pseudonym_with_key`], with the example program
//! (`TRACED_REDACTION_KEY=... cargo run -p traced-runtime --example pseudonym -- jo@example.com`),
//! or with any HMAC tool:
//!
//! ```text
//! printf %s 'jo@example.com' | openssl dgst -sha256 -hmac "$TRACED_REDACTION_KEY" | awk '{print substr($NF, 1, 32)}'
//! ```

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

/// What replaces a value that cannot be recorded safely: a pseudonym without a key, a URL
/// that cannot be parsed, a credential, a signature.
pub const REDACTED: &str = "REDACTED";

/// The environment variable holding the pseudonym key.
pub const KEY_VARIABLE: &str = "TRACED_REDACTION_KEY";

/// How many bytes of the HMAC a pseudonym keeps (twice as many hex digits).
const PSEUDONYM_BYTES: usize = 16;

/// The query parameters whose values the semantic conventions redact in `url.full` and
/// `url.query` (matched case-sensitively, as they say).
const SENSITIVE_QUERY_PARAMETERS: [&str; 7] = [
    "AWSAccessKeyId",
    "Signature",
    "sig",
    "X-Goog-Signature",
    "X-Amz-Signature",
    "X-Amz-Credential",
    "X-Amz-Security-Token",
];

type HmacSha256 = Hmac<Sha256>;

/// A value redacted for recording: what a `pii` key requires.
///
/// Made only by [`pseudonym`], [`url`] and [`query`]. It holds the raw input until it is
/// recorded, and never shows it: [`Display`](fmt::Display), [`Debug`] and the recorded
/// attribute (a string) all give the redacted form.
#[derive(Clone)]
pub struct Redacted(Kind);

#[derive(Clone)]
enum Kind {
    Pseudonym(String),
    Url(String),
    Query(String),
}

impl Redacted {
    /// The redacted form, computed now: the pseudonym, or the rewritten URL or query.
    pub(crate) fn render(&self) -> String {
        match &self.0 {
            Kind::Pseudonym(value) => render_pseudonym(current_key(), value),
            Kind::Url(value) => redact_url(value),
            Kind::Query(value) => redact_query(value).unwrap_or_else(|| REDACTED.to_owned()),
        }
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Redacted").field(&self.render()).finish()
    }
}

/// A pseudonym of `value`: the same for the same value wherever the same key is configured,
/// `"REDACTED"` where none is.
///
/// Nothing is computed here: the value is kept, and hashed when the attribute is recorded.
///
/// ```
/// use traced_runtime::redact;
///
/// redact::set_key("a key shared by the services");
/// let recorded = redact::pseudonym("jo@example.com").to_string();
/// assert_eq!(recorded, redact::pseudonym_with_key(b"a key shared by the services", "jo@example.com"));
/// assert_eq!(recorded.len(), 32);
/// ```
pub fn pseudonym(value: impl Into<String>) -> Redacted {
    Redacted(Kind::Pseudonym(value.into()))
}

/// `url` with its credentials and signed query parameters replaced by `REDACTED`, as the
/// semantic conventions require of `url.full`.
///
/// `https://user:pass@host/` becomes `https://REDACTED:REDACTED@host/`; the values of
/// `AWSAccessKeyId`, `Signature`, `sig`, `X-Goog-Signature`, `X-Amz-Signature`,
/// `X-Amz-Credential` and `X-Amz-Security-Token` become `REDACTED` (their names stay). A value
/// that is not an absolute URL (`scheme:...` or `//host...`), or is not well-formed, is
/// replaced whole by `"REDACTED"`. Nothing is computed until the attribute is recorded.
///
/// ```
/// use traced_runtime::redact;
///
/// assert_eq!(
///     redact::url("https://jo:hunter2@www.example.com/path?color=blue&sig=c2VjcmV0").to_string(),
///     "https://REDACTED:REDACTED@www.example.com/path?color=blue&sig=REDACTED",
/// );
/// assert_eq!(redact::url("not a url").to_string(), "REDACTED");
/// ```
pub fn url(url: &str) -> Redacted {
    Redacted(Kind::Url(url.to_owned()))
}

/// A query string (`url.query`, without the `?`) with the values of the signed parameters
/// [`url`] redacts replaced by `REDACTED`; a malformed one is replaced whole.
///
/// ```
/// use traced_runtime::redact;
///
/// assert_eq!(redact::query("q=OpenTelemetry&sig=abc").to_string(), "q=OpenTelemetry&sig=REDACTED");
/// ```
pub fn query(query: &str) -> Redacted {
    Redacted(Kind::Query(query.to_owned()))
}

/// The pseudonym of `value` under `key`: what [`pseudonym`] records when `key` is configured.
/// For operators looking for one customer's traces.
///
/// The first 16 bytes of HMAC-SHA-256(`key`, `value`'s UTF-8 bytes), as 32 lowercase hex digits.
pub fn pseudonym_with_key(key: &[u8], value: &str) -> String {
    // HMAC accepts keys of any length (the empty one too, unlike `set_key`): the error case
    // of `new_from_slice` cannot happen.
    render_pseudonym(HmacSha256::new_from_slice(key).ok().as_ref(), value)
}

/// Sets the pseudonym key of this process, overriding `TRACED_REDACTION_KEY` and the set-up's
/// key; an empty key means none (pseudonyms become `"REDACTED"`).
///
/// For applications that do not use `setup!`; a library never calls it. Call it once, at
/// start-up: each call keeps the previous key's state alive (a few hundred bytes), because
/// threads recording at that moment may still be reading it.
pub fn set_key(key: impl AsRef<[u8]>) {
    let state = Box::new(keyed(key.as_ref()));
    // Leaked on purpose: readers hold `&'static` references with no lock to wait for them.
    KEY.store(Box::into_raw(state), Ordering::Release);
}

/// Whether a pseudonym key is configured (by [`set_key`] or `TRACED_REDACTION_KEY`): if not,
/// pseudonyms are recorded as `"REDACTED"`.
pub fn has_key() -> bool {
    current_key().is_some()
}

/// The key set by [`set_key`], as its precomputed HMAC state (`None` inside: set empty); null
/// until the first call.
static KEY: AtomicPtr<Option<HmacSha256>> = AtomicPtr::new(std::ptr::null_mut());

/// `TRACED_REDACTION_KEY`, read the first time a key is needed and no [`set_key`] was made.
static ENV_KEY: OnceLock<Option<HmacSha256>> = OnceLock::new();

/// The HMAC state for a key, keyed once so each value costs only its own blocks; an empty key
/// is no key.
fn keyed(key: &[u8]) -> Option<HmacSha256> {
    if key.is_empty() {
        return None;
    }
    HmacSha256::new_from_slice(key).ok()
}

fn current_key() -> Option<&'static HmacSha256> {
    let set = KEY.load(Ordering::Acquire);
    if !set.is_null() {
        // SAFETY: non-null values come only from `Box::into_raw` in `set_key`, and are never
        // freed, so the reference lives as long as the process; the `Acquire` load pairs with
        // the `Release` store, so the state is fully written.
        return unsafe { &*set }.as_ref();
    }
    ENV_KEY
        .get_or_init(|| {
            std::env::var_os(KEY_VARIABLE).and_then(|key| keyed(key.as_encoded_bytes()))
        })
        .as_ref()
}

/// Whether the set-up must install its own key: neither [`set_key`] nor the variable gave one.
#[cfg(feature = "sdk")]
pub(crate) fn configure_from_setup(key: Option<&[u8]>) -> bool {
    if has_key() {
        return true;
    }
    match key {
        Some(key) if !key.is_empty() => {
            set_key(key);
            true
        }
        _ => false,
    }
}

fn render_pseudonym(key: Option<&HmacSha256>, value: &str) -> String {
    match key {
        Some(mac) => hash(mac, value),
        None => REDACTED.to_owned(),
    }
}

fn hash(mac: &HmacSha256, value: &str) -> String {
    #[cfg(test)]
    tests::HASHED.with(|n| n.set(n.get() + 1));
    let mut mac = mac.clone();
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    hex(&digest[..PSEUDONYM_BYTES])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// `url.full` redacted, or `"REDACTED"` when it cannot be parsed.
fn redact_url(url: &str) -> String {
    redact_url_parts(url).unwrap_or_else(|| REDACTED.to_owned())
}

/// RFC 3986's `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`, or a scheme-relative
/// `//authority...` (the conventions' own example `//localhost`), rebuilt with credentials and
/// signed query values replaced. `None` for anything else: when in doubt, nothing is kept.
fn redact_url_parts(url: &str) -> Option<String> {
    // Whitespace, controls and backslashes are never part of a well-formed URL, and parsers
    // disagree on them (a WHATWG parser reads `\` as `/`): where parsers disagree, a
    // credential could hide from this one.
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }
    if !percent_encoding_is_valid(url) {
        return None;
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let (scheme, hier) = match scheme_end(rest) {
        Some(end) => (&rest[..=end], &rest[end + 1..]),
        None if rest.starts_with("//") => ("", rest),
        None => return None,
    };
    let mut out = String::with_capacity(url.len() + 16);
    out.push_str(scheme);
    if let Some(after) = hier.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let (authority, path) = after.split_at(end);
        out.push_str("//");
        let host = match authority.rfind('@') {
            Some(at) => {
                if at > 0 {
                    out.push_str("REDACTED:REDACTED");
                }
                out.push('@');
                &authority[at + 1..]
            }
            None => authority,
        };
        if !host_port_is_valid(host) {
            return None;
        }
        out.push_str(host);
        out.push_str(path);
    } else {
        // No authority (`mailto:`, `urn:`): an `@` here is more likely `user:pass@host` with
        // the `//` missing than anything safe to keep.
        if hier.contains('@') {
            return None;
        }
        out.push_str(hier);
    }
    if let Some(query) = query {
        out.push('?');
        out.push_str(&redact_query(query)?);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// The index of the `:` ending a valid scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`).
fn scheme_end(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(colon)
}

/// `host [":" port]`, the host a registered name or a bracketed IP literal.
fn host_port_is_valid(host_port: &str) -> bool {
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some(close) = literal.find(']') else {
            return false;
        };
        let inside = &literal[..close];
        if inside.is_empty()
            || !inside.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '%' | '-' | '_' | '~')
            })
        {
            return false;
        }
        match &literal[close + 1..] {
            "" => return true,
            after => match after.strip_prefix(':') {
                Some(port) => ("", port),
                None => return false,
            },
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, port),
            None => (host_port, ""),
        }
    };
    let host_ok = !host.contains(['[', ']', ':', '@']);
    host_ok && port.chars().all(|c| c.is_ascii_digit())
}

/// Every `%` starts a `%XX` escape.
fn percent_encoding_is_valid(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escape = bytes.get(i + 1..i + 3);
            if !escape.is_some_and(|e| e.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// A query with the values of the sensitive parameters replaced; `None` if malformed.
///
/// Parameters are split on `&` and on `;` (which some servers also accept), and their names
/// percent-decoded before matching: `Sig%6Eature` is what the server reads as `Signature`.
fn redact_query(query: &str) -> Option<String> {
    if !percent_encoding_is_valid(query) {
        return None;
    }
    let mut out = String::with_capacity(query.len());
    let mut start = 0;
    for (end, sep) in query
        .char_indices()
        .filter(|&(_, c)| c == '&' || c == ';')
        .map(|(i, c)| (i, Some(c)))
        .chain(std::iter::once((query.len(), None)))
    {
        let param = &query[start..end];
        match param.split_once('=') {
            Some((name, _)) if is_sensitive(name) => {
                out.push_str(name);
                out.push('=');
                out.push_str(REDACTED);
            }
            _ => out.push_str(param),
        }
        if let Some(sep) = sep {
            out.push(sep);
        }
        start = end + 1;
    }
    Some(out)
}

fn is_sensitive(name: &str) -> bool {
    let decoded = percent_decode(name);
    SENSITIVE_QUERY_PARAMETERS.contains(&decoded.as_str())
}

/// `%XX` escapes decoded (the input's were checked); invalid UTF-8 is replaced, which no
/// sensitive name contains anyway.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|e| std::str::from_utf8(e).ok())
            .and_then(|e| u8::from_str_radix(e, 16).ok());
        match escape {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
