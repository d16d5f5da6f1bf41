//! Each rule on small snippets, against the fixture's registry: what fires, and what must not.

use std::path::{Path, PathBuf};
use traced_registry::{LoadOptions, Registry};

use super::{Context, check};
use crate::scan;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture")
}

/// `rule: message` of every finding in `body`, written inside a fn with a few typed arguments.
fn findings(body: &str) -> Vec<String> {
    let registry = Registry::load(
        &[fixture().join("attributes.yaml")],
        &LoadOptions::default(),
    )
    .unwrap();
    let root = fixture();
    let sources = [root.join("attributes.yaml")];
    let cx = Context {
        registry: &registry,
        root: &root,
        sources: &sources,
    };
    let source = format!(
        "use traced_runtime::redact;\nfn f(email: &str, total: i64, score: f64, span: &mut S, tracer: &T) {{\n{body}\n}}"
    );
    scan::scan(&source)
        .unwrap()
        .sites
        .iter()
        .flat_map(|site| check(site, &cx))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

fn rules(body: &str) -> Vec<String> {
    findings(body)
        .into_iter()
        .map(|f| f.split(':').next().unwrap().to_string())
        .collect()
}

#[test]
fn names() {
    assert_eq!(
        rules(r#"tracer.start(format!("a{total}"));"#),
        ["dynamic-span-name"]
    );
    assert_eq!(
        rules(r#"tracer.start(String::from("a") + "b");"#),
        ["dynamic-span-name"]
    );
    assert_eq!(
        rules(r#"tracer.start("a_{total}");"#),
        ["span-name-placeholder"]
    );
    assert_eq!(
        rules(r#"tracer.start(concat!("a_{", "x}"));"#),
        ["span-name-placeholder"]
    );
    // Fixed names, a route template, a lone brace and names the syntax cannot decide.
    for fine in [
        r#"tracer.start("checkout.pay");"#,
        r#"tracer.start("GET /orders/{id}");"#,
        r#"tracer.start("set {");"#,
        r#"tracer.start(NAME);"#,
        r#"tracer.start(name());"#,
        r#"tracer.start("checkout.pay".to_string());"#,
    ] {
        assert!(rules(fine).is_empty(), "{fine}: {:?}", findings(fine));
    }
}

#[test]
fn keys() {
    assert_eq!(
        findings(r#"KeyValue::new("order.totl_cents", total);"#),
        ["unknown-key: attribute key `order.totl_cents` is not in the registry"]
    );
    assert_eq!(
        rules(r#"Key::new("customer.identifier");"#),
        ["deprecated-key"]
    );
    assert_eq!(
        rules(r#"KeyValue::new("http.request.header.", "x");"#),
        ["template-key-without-suffix"]
    );
    assert!(rules(r#"KeyValue::new("http.request.header.accept", "json");"#).is_empty());
    assert!(rules(r#"KeyValue::new(KEY, total);"#).is_empty());
}

#[test]
fn values() {
    assert_eq!(
        findings(r#"KeyValue::new("payment.method", 3);"#),
        [
            "value-type-mismatch: attribute `payment.method` is registered as `enum of string`, but this value is `integer` (records as `int`)"
        ]
    );
    assert_eq!(
        rules(r#"KeyValue::new("order.total_cents", score);"#),
        ["value-type-mismatch"]
    );
    assert_eq!(
        rules(r#"Key::new("cache.hit").string(total);"#),
        ["value-type-mismatch"]
    );
    assert_eq!(
        rules(r#"KeyValue::new("cache.hit", Value::I64(1));"#),
        ["value-type-mismatch"]
    );
    assert_eq!(
        rules(r#"KeyValue::new("order.total_cents", total as f64);"#),
        ["value-type-mismatch"]
    );
    // A value of unknown type is not guessed; an unknown key with a non-primitive value is
    // two mistakes.
    assert!(rules(r#"KeyValue::new("order.total_cents", compute());"#).is_empty());
    assert_eq!(
        rules(r#"KeyValue::new("order.placed_at", std::time::Instant::now());"#),
        ["unknown-key", "non-primitive-value"]
    );
    assert_eq!(
        rules(r#"KeyValue::new("order.coupon", Coupon { code: 1 });"#),
        ["non-primitive-value"]
    );
}

#[test]
fn events() {
    assert_eq!(
        findings(r#"span.add_event("order.placd", vec![]);"#),
        ["unknown-event: event `order.placd` is not in the registry"]
    );
    assert_eq!(
        rules(r#"span.add_event(format!("order.{total}"), vec![]);"#),
        ["unknown-event"]
    );
    assert!(rules(r#"span.add_event("order.placed", vec![]);"#).is_empty());
    assert!(rules(r#"span.add_event(name, vec![]);"#).is_empty());
    // A tracing event's message is not an event name.
    assert!(rules(r#"tracing::info!("order.whatever {}", total);"#).is_empty());
}

#[test]
fn sensitive() {
    assert_eq!(
        rules(r#"KeyValue::new("user.email", email.to_string());"#),
        ["sensitive-raw"]
    );
    assert_eq!(
        rules(r#"KeyValue::new("url.full", "https://u:p@x");"#),
        ["sensitive-raw"]
    );
    assert!(findings(r#"KeyValue::new("url.full", cb);"#)[0].contains("attributes.yaml:"));
    assert!(
        rules(r#"KeyValue::new("user.email", redact::pseudonym(email).to_string());"#).is_empty()
    );
    assert!(rules(r#"let hashed = redact::pseudonym(email).to_string(); KeyValue::new("user.email", hashed);"#).is_empty());
    // A secret is refused even hashed; naming the key alone records nothing.
    assert_eq!(
        rules(r#"KeyValue::new("auth.token", redact::pseudonym(t).to_string());"#),
        ["sensitive-raw"]
    );
    assert!(rules(r#"let _ = Key::new("auth.token");"#).is_empty());
}

#[test]
fn declared_spans() {
    let missing = findings(
        r#"tracer.span_builder("checkout.place_order").with_attributes([KeyValue::new("payment.method", "card")]).start(tracer);"#,
    );
    assert_eq!(
        missing,
        [
            "declared-span-missing-required: span `checkout.place_order` is declared in the registry and requires attributes not given here: `customer.id`, `order.total_cents`"
        ]
    );
    for fine in [
        // Every required key given.
        r#"SpanBuilder::from_name("checkout.place_order").with_attributes(vec![KeyValue::new("customer.id", "c"), KeyValue::new("order.total_cents", total)]).start(tracer);"#,
        // Attributes that may come from elsewhere: not decided.
        r#"tracer.start("checkout.place_order");"#,
        r#"tracer.span_builder("checkout.place_order").with_attributes(attrs).start(tracer);"#,
        // Not a declared type.
        r#"tracing::info_span!("checkout.other");"#,
    ] {
        assert!(rules(fine).is_empty(), "{fine}: {:?}", findings(fine));
    }
}
