//! Carrying the trace across processes: W3C `traceparent`/`tracestate` and `baggage` in
//! message and request headers.
//!
//! [`inject`] writes the current context into outgoing headers; [`extract`] reads the context
//! an incoming message carried, to pass as `#[traced(parent = cx)]`. Carriers: a
//! `HashMap<String, String>`, Kafka-style `Vec<(String, Vec<u8>)>` headers, and with the
//! `http` feature `http::HeaderMap`; other carriers implement [`Carrier`].
//!
//! ```
//! use traced_runtime::{propagation, traced};
//!
//! #[traced(name = "rewards.redemption.publish", kind = producer)]
//! fn publish(headers: &mut Vec<(String, Vec<u8>)>) {
//!     propagation::inject(headers); // the message carries this span
//! }
//!
//! // The consumer's span continues the producer's trace, in another process.
//! #[traced(name = "rewards.redemption.consume", kind = consumer, parent = cx)]
//! fn consume(cx: &opentelemetry::Context) {}
//!
//! let mut headers = Vec::new();
//! publish(&mut headers);
//! consume(&propagation::extract(&headers));
//! ```
//!
//! Which format: the propagator installed with
//! `opentelemetry::global::set_text_map_propagator`, if any; otherwise W3C trace context and
//! W3C baggage, so nothing needs setting up and a hop never silently carries nothing because
//! the global propagator is still OpenTelemetry's no-op default.
//!
//! Whatever the format, a `traceparent` that breaks the W3C grammar (wrong length, uppercase
//! hex, all-zero ids, version `ff`, extra fields in version `00`), or that appears more than
//! once, is ignored before any propagator reads it: the extracted context then has no span, and
//! a span started under it is a new root. Only the sampled bit of the flags is kept, so
//! `01` and level-2 flags such as `03` both arrive as sampled.

use opentelemetry::propagation::text_map_propagator::FieldIter;
use opentelemetry::propagation::{
    Extractor, Injector, TextMapCompositePropagator, TextMapPropagator,
};
use opentelemetry::Context;
use opentelemetry_sdk::propagation::{BaggagePropagator, TraceContextPropagator};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

const TRACEPARENT: &str = "traceparent";

/// Headers that contexts can be injected into and extracted from.
///
/// Header names are compared without regard to ASCII case.
pub trait Carrier {
    /// Every text value stored under `name`, in order. Values that are not text (non-UTF-8
    /// bytes, non-ASCII HTTP values) are left out.
    fn header_values(&self, name: &str) -> Vec<&str>;

    /// Replaces every value stored under `name` with `value`, or removes them all when
    /// `value` is empty or cannot be stored.
    fn set_header(&mut self, name: &str, value: String);

    /// The names of all headers.
    fn header_names(&self) -> Vec<&str>;
}

impl<S: BuildHasher> Carrier for HashMap<String, String, S> {
    fn header_values(&self, name: &str) -> Vec<&str> {
        if let Some(value) = self.get(name) {
            return vec![value.as_str()];
        }
        self.iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect()
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.retain(|key, _| !key.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            self.insert(name.to_ascii_lowercase(), value);
        }
    }

    fn header_names(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

/// Kafka-style record headers: names with byte values, duplicates allowed.
impl Carrier for Vec<(String, Vec<u8>)> {
    fn header_values(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .filter_map(|(_, value)| std::str::from_utf8(value).ok())
            .collect()
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            self.push((name.to_ascii_lowercase(), value.into_bytes()));
        }
    }

    fn header_names(&self) -> Vec<&str> {
        self.iter().map(|(key, _)| key.as_str()).collect()
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Carrier for http::HeaderMap {
    fn header_values(&self, name: &str) -> Vec<&str> {
        self.get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect()
    }

    fn set_header(&mut self, name: &str, value: String) {
        let Ok(name) = http::HeaderName::from_bytes(name.as_bytes()) else {
            return;
        };
        match http::HeaderValue::try_from(value) {
            Ok(value) if !value.is_empty() => {
                self.insert(name, value);
            }
            _ => {
                self.remove(name);
            }
        }
    }

    fn header_names(&self) -> Vec<&str> {
        self.keys().map(http::HeaderName::as_str).collect()
    }
}

/// Writes the current context (trace and baggage) into `carrier`.
///
/// Writes no `traceparent` when no span is current: there is no trace to continue.
pub fn inject<C: Carrier + ?Sized>(carrier: &mut C) {
    Context::map_current(|cx| inject_context(cx, carrier))
}

/// Writes `cx` (trace and baggage) into `carrier`.
pub fn inject_context<C: Carrier + ?Sized>(cx: &Context, carrier: &mut C) {
    with_propagator(|propagator| propagator.inject_context(cx, &mut Writer(carrier)));
}

/// Reads the context a message or request carried.
///
/// The result holds only what `carrier` says, never the receiver's current context: with no
/// usable `traceparent` a span started under it is a new root. Never fails.
///
/// ```
/// use opentelemetry::trace::TraceContextExt;
/// use std::collections::HashMap;
///
/// let headers = HashMap::from([(
///     "traceparent".to_owned(),
///     "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".to_owned(),
/// )]);
/// let cx = traced_runtime::propagation::extract(&headers);
/// let span = cx.span();
/// assert_eq!(span.span_context().trace_id().to_string(), "4bf92f3577b34da6a3ce929d0e0e4736");
/// assert!(span.span_context().is_sampled());
/// ```
pub fn extract<C: Carrier + ?Sized>(carrier: &C) -> Context {
    with_propagator(|propagator| {
        let reader = Reader::new(carrier, propagator.fields());
        propagator.extract_with_context(&Context::new(), &reader)
    })
}

/// Runs `f` with the global propagator, or W3C trace context + baggage while the global one
/// is the no-op default (it propagates no fields).
fn with_propagator<R>(f: impl FnOnce(&dyn TextMapPropagator) -> R) -> R {
    let mut f = Some(f);
    let from_global = opentelemetry::global::get_text_map_propagator(|global| {
        if global.fields().next().is_some() {
            f.take().map(|f| f(global))
        } else {
            None
        }
    });
    match (from_global, f) {
        (Some(result), _) => result,
        (None, Some(f)) => f(w3c()),
        (None, None) => unreachable!("`f` is taken only when it returns a result"),
    }
}

fn w3c() -> &'static TextMapCompositePropagator {
    static W3C: OnceLock<TextMapCompositePropagator> = OnceLock::new();
    W3C.get_or_init(w3c_propagator)
}

/// W3C `traceparent`/`tracestate` and `baggage`.
pub(crate) fn w3c_propagator() -> TextMapCompositePropagator {
    TextMapCompositePropagator::new(vec![
        Box::new(TraceContextPropagator::new()),
        Box::new(BaggagePropagator::new()),
    ])
}

struct Writer<'a, C: ?Sized>(&'a mut C);

impl<C: Carrier + ?Sized> Injector for Writer<'_, C> {
    fn set(&mut self, key: &str, value: String) {
        self.0.set_header(key, value);
    }
}

/// What a propagator sees of a carrier: each of its fields joined into one value, and
/// `traceparent` only when it is well-formed and unique; other names as the carrier has them.
struct Reader<'a, C: ?Sized> {
    carrier: &'a C,
    /// A single value borrowed from the carrier; several joined.
    fields: Vec<(&'a str, Cow<'a, str>)>,
}

impl<'a, C: Carrier + ?Sized> Reader<'a, C> {
    fn new(carrier: &'a C, fields: FieldIter<'a>) -> Self {
        let fields = fields
            .filter_map(|field| {
                let values = carrier.header_values(field);
                let value = if field.eq_ignore_ascii_case(TRACEPARENT) {
                    // Several parents cannot be told apart: W3C says restart the trace.
                    match values.as_slice() {
                        [one] => Cow::Borrowed(well_formed_traceparent(one)?),
                        _ => return None,
                    }
                } else {
                    // List-valued headers (`tracestate`, `baggage`) may be split over
                    // several lines; HTTP joins them with commas.
                    match values.as_slice() {
                        [] => return None,
                        [one] => Cow::Borrowed(*one),
                        many => Cow::Owned(many.join(",")),
                    }
                };
                Some((field, value))
            })
            .collect();
        Reader { carrier, fields }
    }
}

impl<C: Carrier + ?Sized> Extractor for Reader<'_, C> {
    fn get(&self, key: &str) -> Option<&str> {
        match self
            .fields
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
        {
            Some((_, value)) => Some(value.as_ref()),
            // A field the propagator did not declare (e.g. a prefix it scans `keys` for).
            None if !key.eq_ignore_ascii_case(TRACEPARENT) => {
                self.carrier.header_values(key).first().copied()
            }
            None => None,
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.carrier.header_names()
    }
}

/// The header without surrounding whitespace, if it follows the W3C `traceparent` grammar:
/// `version-traceid-parentid-flags`, lowercase hex, non-zero ids, version not `ff`, exactly
/// four fields in version `00` and possibly more after a `-` in later versions.
///
/// Checked here because `TraceContextPropagator` parses ids with `from_str_radix`, which
/// accepts short ids, a leading `+` and one-digit flags.
fn well_formed_traceparent(header: &str) -> Option<&str> {
    let header = header.trim_matches([' ', '\t']);
    let bytes = header.as_bytes();
    let hex = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    let non_zero = |range: std::ops::Range<usize>| bytes[range].iter().any(|&b| b != b'0');
    let ok = bytes.len() >= 55
        && hex(0..2)
        && &bytes[0..2] != b"ff"
        && bytes[2] == b'-'
        && hex(3..35)
        && non_zero(3..35)
        && bytes[35] == b'-'
        && hex(36..52)
        && non_zero(36..52)
        && bytes[52] == b'-'
        && hex(53..55)
        && match &bytes[0..2] {
            b"00" => bytes.len() == 55,
            _ => bytes.len() == 55 || bytes[55] == b'-',
        };
    ok.then_some(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    const SPAN: &str = "00f067aa0ba902b7";

    #[test]
    fn traceparent_grammar() {
        let good = format!("00-{TRACE}-{SPAN}-01");
        assert_eq!(well_formed_traceparent(&good), Some(good.as_str()));
        assert_eq!(
            well_formed_traceparent(&format!(" {good}\t")),
            Some(good.as_str())
        );
        let future = format!("cc-{TRACE}-{SPAN}-03-what-comes-next");
        assert_eq!(well_formed_traceparent(&future), Some(future.as_str()));

        for bad in [
            String::new(),
            "garbage".to_owned(),
            format!("00-{TRACE}-{SPAN}-01-"),
            format!("00-{TRACE}-{SPAN}-01-extra"),
            format!("ff-{TRACE}-{SPAN}-01"),
            format!("0-{TRACE}-{SPAN}-01"),
            format!("00-{}-{SPAN}-01", TRACE.to_uppercase()),
            format!("00-{TRACE}-{}-01", SPAN.to_uppercase()),
            format!("00-{TRACE}-{SPAN}-0A"),
            format!("00-{TRACE}-{SPAN}-1"),
            format!("00-{TRACE}-{SPAN}-+1"),
            format!("00-{TRACE}-{SPAN}-0g"),
            format!("00-{}-{SPAN}-01", "0".repeat(32)),
            format!("00-{TRACE}-{}-01", "0".repeat(16)),
            format!("00-abc-{SPAN}-01"),
            format!("00-+{}-{SPAN}-01", &TRACE[1..]),
            format!("00_{TRACE}_{SPAN}_01"),
            format!("cc-{TRACE}-{SPAN}-01x"),
            format!("00-{TRACE}-{SPAN}-01é"),
        ] {
            assert_eq!(well_formed_traceparent(&bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hash_map_names_are_case_insensitive_and_set_replaces() {
        let mut map: HashMap<String, String> =
            HashMap::from([("TraceParent".to_owned(), "old".to_owned())]);
        assert_eq!(map.header_values("traceparent"), ["old"]);
        map.set_header("traceparent", "new".to_owned());
        assert_eq!(map.len(), 1);
        assert_eq!(map.get("traceparent").map(String::as_str), Some("new"));
        map.set_header("traceparent", String::new());
        assert!(map.is_empty());
    }

    #[test]
    fn kafka_headers_skip_non_utf8_and_set_replaces() {
        let mut headers: Vec<(String, Vec<u8>)> = vec![
            ("baggage".to_owned(), vec![0xff, 0xfe]),
            ("Baggage".to_owned(), b"a=1".to_vec()),
            ("other".to_owned(), b"x".to_vec()),
        ];
        assert_eq!(headers.header_values("baggage"), ["a=1"]);
        headers.set_header("baggage", "b=2".to_owned());
        assert_eq!(
            headers,
            [
                ("other".to_owned(), b"x".to_vec()),
                ("baggage".to_owned(), b"b=2".to_vec())
            ]
        );
    }

    #[cfg(feature = "http")]
    #[test]
    fn header_map_rejects_unstorable_values_without_panicking() {
        let mut headers = http::HeaderMap::new();
        headers.set_header("tracestate", "a=1".to_owned());
        headers.set_header("tracestate", "bad\nvalue".to_owned());
        assert!(headers.get("tracestate").is_none());
        headers.set_header("bad name", "x".to_owned());
        assert!(headers.is_empty());
    }
}
