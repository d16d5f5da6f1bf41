//! The scanner on code that uses every recognized form.

use super::*;

fn sites(source: &str) -> Vec<Site> {
    scan(source).expect("parses").sites
}

/// `line:column key` for every attribute site.
fn keys(source: &str) -> Vec<String> {
    sites(source)
        .into_iter()
        .filter_map(|s| match s.what {
            What::Attribute(a) => Some(format!("{}:{} {}", s.at.line, s.at.column, a.key)),
            _ => None,
        })
        .collect()
}

/// Name, kind, keys and api of every span site.
type Spans = Vec<(Text, Option<String>, Option<Vec<String>>, &'static str)>;

fn spans(source: &str) -> Spans {
    sites(source)
        .into_iter()
        .filter_map(|s| match s.what {
            What::Span(span) => Some((span.name, span.kind, span.keys, s.api)),
            _ => None,
        })
        .collect()
}

#[test]
fn opentelemetry_calls() {
    let source = r#"
use opentelemetry::{global, KeyValue, Key, trace::{Tracer, SpanBuilder, SpanKind}};
fn apply(tracer: &global::BoxedTracer, id: &str, coins: i64) {
    let mut span = tracer.start("rewards.apply");
    span.set_attribute(KeyValue::new("customer.id", id));
    span.set_attribute(KeyValue::new(Key::new("coins"), coins));
    span.add_event("fraud.flagged", vec![KeyValue::new("fraud.rule", "r1")]);
    let _ = Key::from_static_str("alone");
    let _ = Key::new("typed").i64(3);
    let _b = tracer.span_builder("x.client").with_kind(SpanKind::Client).with_attributes(vec![KeyValue::new("a", 1), KeyValue::new("b", 2)]).start(tracer);
    let _c = SpanBuilder::from_name(format!("apply_{id}"));
    tracer.in_span("in.span", |_cx| {});
    timer.start(3);
}
"#;
    assert_eq!(
        keys(source),
        [
            "5:38 customer.id",
            "6:47 coins",
            "7:56 fraud.rule",
            "8:34 alone",
            "9:22 typed",
            "10:109 a",
            "10:132 b"
        ]
    );
    let found = spans(source);
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0].0, Text::Literal("rewards.apply".into()));
    assert_eq!(found[0].2, None);
    assert_eq!(found[1].0, Text::Literal("x.client".into()));
    assert_eq!(found[1].1.as_deref(), Some("client"));
    assert_eq!(found[1].2, Some(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(found[2].0, Text::Built("`format!`".into()));
    assert_eq!(found[3].3, "tracer.in_span");
    let events: Vec<_> = sites(source)
        .into_iter()
        .filter(|s| matches!(s.what, What::Event(_)))
        .map(|s| (s.at.line, s.at.column, s.function))
        .collect();
    assert_eq!(events, [(7, 20, Some("apply".to_string()))]);
}

#[test]
fn typed_setters_and_values() {
    let source =
        r#"fn f(n: u32) { let _ = Key::new("k").string(n); let _ = KeyValue::new("v", n); }"#;
    let values: Vec<Value> = sites(source)
        .into_iter()
        .filter_map(|s| match s.what {
            What::Attribute(a) => Some(a.value),
            _ => None,
        })
        .collect();
    assert!(matches!(
        &values[0],
        Value::Records {
            ty: Primitive::String,
            ..
        }
    ));
    assert!(matches!(
        &values[1],
        Value::Records {
            ty: Primitive::Int,
            ..
        }
    ));
}

#[test]
fn tracing_macros_and_instrument() {
    let source = r#"
use tracing::{info_span, info};
struct Svc;
impl Svc {
    #[tracing::instrument(skip(self), fields(customer.id = %id, otel.kind = "server"))]
    fn handle(&self, id: &str, count: u32) {
        let _s = info_span!("op", order.id = 3, otel.name = format!("op {id}"), message = "x");
        info!(cache.hit = true, "looked up {}", id);
        tracing::event!(tracing::Level::INFO, ?id);
        traced_runtime::event!("mine", "k" = 1);
    }
}
fn logs() { log::info!(a = 1; "x"); }
"#;
    assert_eq!(
        keys(source),
        [
            "5:46 customer.id",
            "6:22 id",
            "6:32 count",
            "7:35 order.id",
            "8:15 cache.hit",
            "9:48 id"
        ]
    );
    let found = spans(source);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].0, Text::Literal("handle".into()));
    assert_eq!(found[0].1.as_deref(), Some("server"));
    assert_eq!(
        found[0].2.as_ref().unwrap(),
        &["id", "count", "customer.id"]
    );
    assert_eq!(found[1].0, Text::Built("`format!`".into()));
    assert_eq!(found[1].2.as_ref().unwrap(), &["order.id"]);
    let functions: Vec<_> = sites(source).into_iter().map(|s| s.function).collect();
    assert!(
        functions
            .iter()
            .all(|f| f.as_deref() == Some("Svc::handle")),
        "{functions:?}"
    );
}

#[test]
fn unparseable_files_say_where() {
    let error = scan("fn f( {").unwrap_err();
    assert_eq!(error.at.line, 1);
    assert!(!error.message.is_empty());
}

#[test]
fn baggage_and_resources_are_not_span_attributes() {
    let source = r#"
fn f() {
    let _a = Context::current_with_baggage([KeyValue::new("customer.tier", "gold")]);
    let _b = Context::new().with_baggage(vec![KeyValue::new("note", "x")]).attach();
    let _c = Resource::builder().with_service_name("s").with_attributes([KeyValue::new("deployment.environment", "p")]).build();
    let _d = opentelemetry_sdk::Resource::new([KeyValue::new("host.name", "h")]);
    let _e = KeyValue::new("span.key", 1);
}
"#;
    assert_eq!(keys(source), ["7:28 span.key"]);
}

#[test]
fn tracing_opentelemetry_set_attribute_takes_a_key_and_a_value() {
    let source = r#"fn f(span: &tracing::Span) { span.set_attribute("cache.hit", true); span.set_attribute(KeyValue::new("k", 1)); }"#;
    assert_eq!(keys(source), ["1:49 cache.hit", "1:102 k"]);
}

#[test]
fn names_through_locals_bound_once() {
    let source = r#"
fn f(tracer: &T, id: &str) {
    let built = format!("apply_{id}");
    let fixed = "checkout.pay";
    let _a = tracer.start(built);
    let _b = tracer.start(fixed);
    let twice = "x";
    let twice = format!("{twice}");
    let _c = tracer.start(twice);
}
"#;
    let names: Vec<Text> = spans(source).into_iter().map(|s| s.0).collect();
    assert_eq!(
        names,
        [
            Text::Built("`format!` (in `built`)".into()),
            Text::Literal("checkout.pay".into()),
            Text::Unknown
        ]
    );
}

#[test]
fn metric_fields_of_the_metrics_layer_are_not_attributes() {
    let source = r#"fn f() { tracing::info!(monotonic_counter.orders = 1, counter.x = 2, histogram.ms = 3.5, order.kind = "web"); }"#;
    let found = keys(source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with(" order.kind"));
}

#[test]
fn attributes_inside_an_event_belong_to_it() {
    // The second `add_event` sits in a macro the scanner walks as code: its attributes are
    // still the event's. The name argument and the receiver are not inside the event.
    let source = r#"
fn f(span: &mut S, n: i64) {
    span.add_event("order.placed", vec![KeyValue::new("order.items", n)]);
    traced_later!(span.add_event_with_timestamp("order.paid", now(), vec![KeyValue::new("payment.kind", "card")]));
    span.set_attribute(KeyValue::new("order.id", n));
}
"#;
    let found = sites(source);
    let event_at = |name: &str| {
        found
            .iter()
            .find(|s| matches!(&s.what, What::Event(e) if e.name == Text::Literal(name.into())))
            .map(|s| s.at)
            .expect("event site")
    };
    let owner = |key: &str| {
        found
            .iter()
            .find(|s| matches!(&s.what, What::Attribute(a) if a.key == key))
            .expect("attribute site")
            .in_event
    };
    assert_eq!(owner("order.items"), Some(event_at("order.placed")));
    assert_eq!(owner("payment.kind"), Some(event_at("order.paid")));
    assert_eq!(owner("order.id"), None);
}
