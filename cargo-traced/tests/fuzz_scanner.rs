//! Generated and mutated Rust source thrown at the scanner and the rules: never a panic, and
//! every site and finding points inside the file.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::path::Path;
use traced_registry::{LoadOptions, Registry};

use cargo_traced::lint::rules::{Context, check};
use cargo_traced::scan::{self, Place};

/// Statements the scanner reads, with and without mistakes.
const STATEMENTS: &[&str] = &[
    r#"let mut span = tracer.start("checkout.pay");"#,
    r#"tracer.start(format!("a_{id}"));"#,
    r#"span.set_attribute(KeyValue::new("order.total_cents", 4200));"#,
    r#"span.set_attribute(KeyValue::new("user.email", redact::pseudonym(e).to_string()));"#,
    r#"span.set_attribute(Key::new("cache.hit").bool(true));"#,
    r#"span.add_event("order.placed", vec![KeyValue::new("k", 1.5)]);"#,
    r#"let _b = tracer.span_builder("checkout.place_order").with_kind(SpanKind::Client).with_attributes(vec![KeyValue::new("customer.id", "c")]).start(&tracer);"#,
    r#"SpanBuilder::from_name(concat!("a", 1)).start(&tracer);"#,
    r#"tracer.in_span("GET /o/{id}", |cx| { cx.span().set_attribute(KeyValue::new("é.ü", "ß")); });"#,
    r#"let _s = info_span!("op", customer.id = %id, ?order, n = 3, otel.name = format!("x{}", 1), otel.kind = "client");"#,
    r#"tracing::span!(Level::INFO, "checkout.place_order", order.total_cents = field::Empty);"#,
    r#"info!(target: "t", cart.size = 3, "msg {}", x);"#,
    r#"tracing::event!(Level::WARN, "quoted.key" = 1, r#type = 2);"#,
    r#"Context::current_with_baggage([KeyValue::new("b", "g")]);"#,
    "let x = \"\t\u{1F600}\";",
    "/* comment */ // traced: allow(unknown-key)",
    "vec![KeyValue::new(\"v\", SystemTime::now())];",
];

/// Odd pieces that break the syntax, now and then.
const PIECES: &[&str] = &[
    "{", "}", "(", ")", ",", "=", "%", "?", "!", ".", "#", "\"", "'a", "r#\"", "\n", "  ",
];

/// A fn around generated statements, sometimes with `#[instrument]`.
fn program() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(
            prop_oneof![
                9 => proptest::sample::select(STATEMENTS),
                1 => proptest::sample::select(PIECES),
            ],
            0..12,
        ),
        any::<bool>(),
    )
        .prop_map(|(statements, instrument)| {
            let attribute = if instrument {
                "#[tracing::instrument(skip(email), fields(order.total_cents = %total))]\n"
            } else {
                ""
            };
            format!(
                "use opentelemetry::{{KeyValue, Key}};\n{attribute}fn f(email: &str, total: i64) {{\n    {}\n}}\n",
                statements.join("\n    ")
            )
        })
}

/// A program with a range of characters taken out or replaced.
fn mutated() -> impl Strategy<Value = String> {
    (
        program(),
        any::<prop::sample::Index>(),
        0usize..20,
        "\\PC{0,4}",
    )
        .prop_map(|(source, at, len, insert)| {
            let chars: Vec<char> = source.chars().collect();
            let start = at.index(chars.len() + 1);
            let end = (start + len).min(chars.len());
            let mut out: String = chars[..start].iter().collect();
            out.push_str(&insert);
            out.extend(&chars[end..]);
            out
        })
}

fn registry() -> Registry {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture/attributes.yaml");
    Registry::load(&[path], &LoadOptions::default()).expect("the fixture registry loads")
}

/// Scans and checks `source`; every place must be inside it.
fn scan_and_check(source: &str, registry: &Registry) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = source.lines().collect();
    let inside = |at: Place| {
        at.line >= 1
            && at.width >= 1
            && lines
                .get(at.line - 1)
                .is_some_and(|line| at.column >= 1 && at.column <= line.chars().count() + 1)
    };
    let Ok(scanned) = scan::scan(source) else {
        return Ok(());
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cx = Context {
        registry,
        root,
        sources: &[],
    };
    for site in &scanned.sites {
        prop_assert!(inside(site.at), "site outside the file: {site:?}\n{source}");
        for finding in check(site, &cx) {
            prop_assert!(
                inside(finding.at),
                "finding outside the file: {finding:?}\n{source}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(traced_test_support::fuzz_config())]

    #[test]
    fn generated_programs(source in program()) {
        let registry = registry();
        // The generated programs parse unless a fragment breaks the syntax: then nothing is
        // reported, and nothing panics.
        scan_and_check(&source, &registry)?;
    }

    #[test]
    fn mutated_programs(source in mutated()) {
        scan_and_check(&source, &registry())?;
    }

    #[test]
    fn arbitrary_text(source in "\\PC{0,200}") {
        scan_and_check(&source, &registry())?;
    }
}

#[test]
fn the_generator_makes_programs_with_sites() {
    // Not vacuous: the statements parse and have sites.
    let source = format!("fn f() {{\n{}\n}}\n", STATEMENTS.join("\n"));
    let scanned = scan::scan(&source).expect("the statement fragments parse");
    assert!(scanned.sites.len() > 20, "{}", scanned.sites.len());
}
