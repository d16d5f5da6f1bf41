//! Process hops: inject into and extract from message and request headers.
//!
//! Under `testing::capture`, which installs the W3C propagators globally as `init!` does; the
//! same hops with no propagator installed at all are in `no_provider.rs`.

use opentelemetry::baggage::BaggageExt;
use opentelemetry::trace::{SpanContext, SpanId, SpanKind, TraceContextExt, TraceId};
use opentelemetry::{Context, KeyValue};
use std::collections::HashMap;
use traced_runtime::propagation::{extract, inject, Carrier};
use traced_runtime::testing::capture;
use traced_runtime::traced;

type KafkaHeaders = Vec<(String, Vec<u8>)>;

const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN: &str = "00f067aa0ba902b7";

fn traceparent(flags: &str) -> String {
    format!("00-{TRACE}-{SPAN}-{flags}")
}

/// Runs `body` inside a traced producer span with some baggage; returns the span's context.
fn produce(body: impl FnOnce()) -> SpanContext {
    let _baggage = Context::current_with_baggage([
        KeyValue::new("customer.tier", "gold"),
        KeyValue::new("note", "4,200 coins; =é"),
    ])
    .attach();
    producer_span(body)
}

#[traced(name = "propagation.produce", kind = producer)]
fn producer_span(body: impl FnOnce()) -> SpanContext {
    body();
    Context::map_current(|cx| cx.span().span_context().clone())
}

#[traced(name = "propagation.consume", kind = consumer, parent = cx)]
fn consume(cx: &Context) -> (Option<String>, Vec<(String, Vec<u8>)>) {
    let tier = Context::map_current(|cx| cx.baggage().get("customer.tier").map(|v| v.to_string()));
    // The next hop: what this consumer would send on.
    let mut next = Vec::new();
    inject(&mut next);
    (tier, next)
}

#[traced(name = "propagation.forward")]
fn forward() -> HashMap<String, String> {
    let mut next = HashMap::new();
    inject(&mut next);
    next
}

#[traced(name = "propagation.poll_loop")]
fn poll_loop(carrier: &Vec<(String, Vec<u8>)>) -> Context {
    extract(carrier)
}

#[traced(name = "propagation.malformed", kind = consumer, parent = cx)]
fn consume_malformed(cx: &Context) -> SpanId {
    Context::map_current(|cx| cx.span().span_context().span_id())
}

fn assert_round_trip<C: Carrier + Default>() {
    let ((producer, cx, tier), spans) = capture(|| {
        let mut carrier = C::default();
        let producer = produce(|| inject(&mut carrier));
        let cx = extract(&carrier);
        let (tier, _) = consume(&cx);
        (producer, cx, tier)
    });
    let remote = cx.span().span_context().clone();
    assert_eq!(remote.trace_id(), producer.trace_id());
    assert_eq!(remote.span_id(), producer.span_id());
    assert!(remote.is_sampled() && remote.is_remote());
    assert_eq!(
        cx.baggage().get("note").map(|v| v.to_string()).as_deref(),
        Some("4,200 coins; =é")
    );

    assert_eq!(tier.as_deref(), Some("gold"));
    let consumer = spans.one("propagation.consume");
    assert_eq!(consumer.trace_id(), producer.trace_id());
    assert_eq!(consumer.parent_span_id(), Some(producer.span_id()));
    assert!(consumer.data().parent_span_is_remote);
    assert_eq!(*consumer.kind(), SpanKind::Consumer);
}

#[test]
fn round_trip_through_a_hash_map() {
    assert_round_trip::<HashMap<String, String>>();
}

#[test]
fn round_trip_through_kafka_headers() {
    assert_round_trip::<Vec<(String, Vec<u8>)>>();
}

#[cfg(feature = "http")]
#[test]
fn round_trip_through_an_http_header_map() {
    assert_round_trip::<http::HeaderMap>();
}

#[test]
fn header_names_are_matched_without_regard_to_case() {
    let map = HashMap::from([("TraceParent".to_owned(), traceparent("01"))]);
    let kafka = vec![("TRACEPARENT".to_owned(), traceparent("01").into_bytes())];
    for cx in [extract(&map), extract(&kafka)] {
        assert_eq!(cx.span().span_context().trace_id().to_string(), TRACE);
    }
    #[cfg(feature = "http")]
    {
        let mut http = http::HeaderMap::new();
        http.insert("Traceparent", traceparent("01").parse().unwrap());
        assert_eq!(
            extract(&http).span().span_context().trace_id().to_string(),
            TRACE
        );
    }
}

#[test]
fn tracestate_survives_the_hop_in_both_directions() {
    let incoming = HashMap::from([
        ("traceparent".to_owned(), traceparent("01")),
        (
            "tracestate".to_owned(),
            "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7".to_owned(),
        ),
    ]);
    let cx = extract(&incoming);
    assert_eq!(
        cx.span().span_context().trace_state().header(),
        "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"
    );
    let (next, spans) = capture(|| {
        let _guard = cx.attach();
        forward()
    });
    assert_eq!(
        spans.one("propagation.forward").trace_id().to_string(),
        TRACE
    );
    assert_eq!(
        next.get("tracestate").map(String::as_str),
        Some("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
    );
}

#[test]
fn the_sampled_flag_is_respected_and_passed_on() {
    for (flags, sampled) in [("01", true), ("03", true), ("00", false), ("02", false)] {
        let trace_id = TraceId::from_hex(&format!("{flags}{}", &TRACE[2..])).unwrap();
        let header = format!("00-{trace_id}-{SPAN}-{flags}");
        let cx = extract(&vec![("traceparent".to_owned(), header.into_bytes())]);
        assert_eq!(cx.span().span_context().is_sampled(), sampled, "{flags}");

        let ((_, next), spans) = capture(|| consume(&cx));
        let sent = String::from_utf8(next[0].1.clone()).unwrap();
        let expected_flags = if sampled { "01" } else { "00" };
        assert!(
            sent.starts_with(&format!("00-{trace_id}-")) && sent.ends_with(expected_flags),
            "incoming {flags}: sent on {sent}"
        );
        // The default parent-based sampler keeps what the sender decided.
        let exported = spans.iter().filter(|s| s.trace_id() == trace_id).count();
        assert_eq!(exported, usize::from(sampled), "incoming {flags}: {spans}");
    }
}

#[test]
fn malformed_headers_start_a_new_trace_and_never_panic() {
    let mut cases: Vec<(String, KafkaHeaders)> = [
        String::new(),
        "garbage".to_owned(),
        "00".to_owned(),
        format!("00-{}-{SPAN}-01", "0".repeat(32)),
        format!("00-{TRACE}-{}-01", "0".repeat(16)),
        format!("ff-{TRACE}-{SPAN}-01"),
        format!("00-{}-{SPAN}-01", TRACE.to_uppercase()),
        format!("00-{TRACE}-{}-01", SPAN.to_uppercase()),
        format!("00-{TRACE}-{SPAN}-0G"),
        format!("00-{TRACE}-{SPAN}-1"),
        format!("00-{TRACE}-{SPAN}-001"),
        format!("00-{TRACE}-{SPAN}"),
        format!("00-{TRACE}-{SPAN}-01-extra"),
        format!("00-{TRACE}-{SPAN}-01-"),
        format!("00-{}-{SPAN}-01", &TRACE[..16]),
        format!("00-{TRACE}-{}-01", &SPAN[..8]),
        format!("00-+{}-{SPAN}-01", &TRACE[1..]),
        format!("00--{TRACE}-{SPAN}-01"),
        "💥".repeat(20),
    ]
    .into_iter()
    .map(|header| {
        let carrier = vec![
            ("traceparent".to_owned(), header.clone().into_bytes()),
            ("tracestate".to_owned(), b"congo=t61rcWkgMzE".to_vec()),
        ];
        (header, carrier)
    })
    .collect();
    cases.push((
        "duplicated traceparent".to_owned(),
        vec![
            ("traceparent".to_owned(), traceparent("01").into_bytes()),
            (
                "traceparent".to_owned(),
                format!("00-{TRACE}-b7ad6b7169203331-01").into_bytes(),
            ),
        ],
    ));
    cases.push((
        "non-UTF-8 value".to_owned(),
        vec![("traceparent".to_owned(), vec![0x30, 0x30, 0x2d, 0xff, 0xfe])],
    ));
    cases.push(("tracestate alone".to_owned(), {
        vec![("tracestate".to_owned(), b"congo=t61rcWkgMzE".to_vec())]
    }));

    for (what, carrier) in cases {
        // Extracted while another span is current: still not its child.
        let ((cx, seen), spans) = capture(|| {
            let cx = poll_loop(&carrier);
            let seen = consume_malformed(&cx);
            (cx, seen)
        });
        assert!(
            !cx.span().span_context().is_valid(),
            "{what:?} was accepted"
        );
        let span = spans.one("propagation.malformed");
        assert_eq!(span.span_id(), seen);
        assert!(span.is_root(), "{what:?} gave a parent");
        assert_ne!(span.trace_id().to_string(), TRACE);
        assert!(span.data().span_context.trace_state().header().is_empty());
    }
}

#[test]
fn well_formed_headers_of_a_later_version_are_read() {
    let cx = extract(&HashMap::from([(
        "traceparent".to_owned(),
        format!("cc-{TRACE}-{SPAN}-09-whatever-comes-next"),
    )]));
    let sc = cx.span().span_context().clone();
    assert_eq!(sc.trace_id().to_string(), TRACE);
    assert_eq!(sc.span_id().to_string(), SPAN);
    assert!(sc.is_sampled());
}

#[cfg(feature = "http")]
#[test]
fn no_current_span_injects_no_traceparent_but_still_the_baggage() {
    let _guard = Context::new()
        .with_baggage([KeyValue::new("customer.tier", "gold")])
        .attach();
    let mut headers = http::HeaderMap::new();
    inject(&mut headers);
    assert!(headers.get("traceparent").is_none());
    assert_eq!(headers.get("baggage").unwrap(), "customer.tier=gold");
}

#[test]
fn inject_replaces_stale_headers_in_a_reused_carrier() {
    let mut headers = vec![
        ("Traceparent".to_owned(), traceparent("01").into_bytes()),
        ("tracestate".to_owned(), b"stale=1".to_vec()),
    ];
    let (producer, _) = capture(|| produce(|| inject(&mut headers)));
    let traceparents: Vec<_> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("traceparent"))
        .collect();
    assert_eq!(traceparents.len(), 1);
    assert!(String::from_utf8_lossy(&traceparents[0].1).contains(&producer.span_id().to_string()));
    assert!(
        !headers.iter().any(|(k, _)| k == "tracestate"),
        "an empty tracestate is left out, the stale one removed"
    );
}
