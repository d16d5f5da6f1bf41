//! Process hops to and from the OpenTelemetry Python SDK (`tests/python/w3c_peer.py`): the
//! headers each side writes are read by the other with the same trace, parent, sampling
//! decision and baggage.
//!
//! The interpreter: `TRACED_PYTHON`, else a virtualenv the first test creates under the target
//! directory from `.ci/requirements.txt` ([`traced_test_support::python`]). When neither can
//! be had the tests fail with the reason; they never pass without running the peer.

use opentelemetry::baggage::BaggageExt;
use opentelemetry::trace::{SpanContext, TraceContextExt};
use opentelemetry::{Context, KeyValue};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use traced_runtime::propagation::{extract, inject};
use traced_runtime::testing::capture;
use traced_runtime::traced;

/// Runs the peer in `mode`, feeding `stdin`; its `key=value` output lines.
fn peer(python: &Path, args: &[&str], stdin: &str) -> HashMap<String, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/w3c_peer.py");
    let mut child = Command::new(python)
        .arg(script)
        .args(args)
        .env_remove("OTEL_PROPAGATORS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the peer starts");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.as_bytes())
        .expect("the peer reads its input");
    let out = child.wait_with_output().expect("the peer finishes");
    assert!(
        out.status.success(),
        "peer {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The headers Python wrote, as Kafka-style record headers.
fn headers_from(printed: &HashMap<String, String>) -> Vec<(String, Vec<u8>)> {
    printed
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.strip_prefix("header.")?.to_owned(),
                v.clone().into_bytes(),
            ))
        })
        .collect()
}

#[traced(name = "interop.consume", kind = consumer, parent = cx)]
fn consume(cx: &Context) -> SpanContext {
    Context::map_current(|cx| cx.span().span_context().clone())
}

#[test]
fn headers_injected_by_python_are_extracted_here() {
    let python = traced_test_support::python();
    let printed = peer(&python, &["produce"], "");
    let headers = headers_from(&printed);
    assert!(
        !headers.is_empty(),
        "Python injected no headers: {printed:?}"
    );

    let cx = extract(&headers);
    let remote = cx.span().span_context().clone();
    assert_eq!(remote.trace_id().to_string(), printed["trace_id"]);
    assert_eq!(remote.span_id().to_string(), printed["span_id"]);
    assert_eq!(remote.is_sampled(), printed["sampled"] == "1");
    assert_eq!(
        cx.baggage().get("customer.tier").map(|v| v.to_string()),
        Some("gold".to_owned())
    );

    let (child, spans) = capture(|| consume(&cx));
    let span = spans.one("interop.consume");
    assert_eq!(span.span_id(), child.span_id());
    assert_eq!(
        span.parent_span_id().map(|id| id.to_string()).as_deref(),
        Some(printed["span_id"].as_str())
    );
    assert_eq!(span.trace_id().to_string(), printed["trace_id"]);
}

#[test]
fn an_unsampled_python_parent_is_respected() {
    let python = traced_test_support::python();
    let printed = peer(&python, &["produce", "unsampled"], "");
    assert_eq!(printed["sampled"], "0");
    let cx = extract(&headers_from(&printed));
    assert_eq!(
        cx.span().span_context().trace_id().to_string(),
        printed["trace_id"]
    );
    assert!(!cx.span().span_context().is_sampled());
    let (child, spans) = capture(|| consume(&cx));
    assert!(!child.is_sampled());
    assert!(spans.is_empty(), "nothing exported: {spans}");
}

#[traced(name = "interop.produce", kind = producer)]
fn produce() -> (SpanContext, HashMap<String, String>) {
    let mut headers = HashMap::new();
    inject(&mut headers);
    (
        Context::map_current(|cx| cx.span().span_context().clone()),
        headers,
    )
}

#[test]
fn headers_injected_here_are_extracted_by_python() {
    let python = traced_test_support::python();
    let ((producer, headers), spans) = capture(|| {
        let _baggage =
            Context::current_with_baggage([KeyValue::new("customer.tier", "gold")]).attach();
        produce()
    });
    assert_eq!(spans.one("interop.produce").span_id(), producer.span_id());
    let stdin: String = headers.iter().map(|(k, v)| format!("{k}={v}\n")).collect();

    let printed = peer(&python, &["consume"], &stdin);
    assert_eq!(printed["valid"], "1", "Python rejected {headers:?}");
    assert_eq!(printed["trace_id"], producer.trace_id().to_string());
    assert_eq!(printed["span_id"], producer.span_id().to_string());
    assert_eq!(printed["sampled"], "1");
    assert_eq!(printed["baggage.customer.tier"], "gold");
}
