//! `cargo traced spans` on the fixture's `orders` member: the Markdown and JSON snapshots,
//! `--check` against variants of the real output (each difference in words, moved code not
//! one), `--update`, and the files `--check` cannot use.

mod common;

use common::{fixture, run, snapshot, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::Output;
use traced_test_support::TempDir;

fn spans(extra: &[&str]) -> Output {
    let manifest = fixture().join("Cargo.toml");
    let mut args = vec![
        "spans",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "-p",
        "orders",
    ];
    args.extend(extra);
    run(&args)
}

fn json() -> Value {
    let output = spans(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// `--check` against `committed`, written to a file.
fn check(name: &str, committed: &str) -> Output {
    let dir = TempDir::new("cargo-traced-spans");
    let file = dir.write(name, committed);
    spans(&["--check", file.to_str().unwrap()])
}

/// The inventory with the span of `function` changed by `edit`.
fn variant(function: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut inventory = json();
    let entry = inventory["spans"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["fn"] == function)
        .unwrap_or_else(|| panic!("no span of fn {function}"));
    edit(entry);
    serde_json::to_string_pretty(&inventory).unwrap()
}

#[test]
fn markdown_and_json_snapshots() {
    let markdown = spans(&[]);
    assert_eq!(markdown.status.code(), Some(0), "{}", stderr(&markdown));
    snapshot("fixture.spans.md", &stdout(&markdown));
    let json = spans(&["--format", "json"]);
    snapshot("fixture.spans.json", &stdout(&json));
}

#[test]
fn every_span_of_the_member_is_listed_as_the_macro_names_it() {
    let inventory = json();
    let spans: Vec<(String, String, String)> = inventory["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or("-").to_string();
            (field("fn"), field("name"), field("kind"))
        })
        .collect();
    let expected = [
        ("hand_written::audit", "orders.audit", "internal"),
        ("hand_written::ship", "orders.ship", "producer"),
        ("traced_fns::Cart::total", "total", "internal"),
        (
            "traced_fns::apply_coupon",
            "orders.coupon.apply",
            "internal",
        ),
        ("traced_fns::fetch_order", "GET /orders/{id}", "client"),
        (
            "traced_fns::notify::<Mail as Notifier>::send",
            "notify.send",
            "producer",
        ),
        (
            "traced_fns::place_order",
            "checkout.place_order",
            "internal",
        ),
        ("traced_fns::retry_order", "orders.place.retry", "internal"),
        ("flow", "orders.test.flow", "internal"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(f, n, k)| (f.to_string(), n.to_string(), k.to_string()))
        .collect();
    assert_eq!(spans, expected);
    let coupon = &inventory["spans"][3];
    assert_eq!(
        coupon["attributes"],
        serde_json::json!(["cache.hit", "customer.id", "order.coupon"])
    );
    assert_eq!(coupon["events"], serde_json::json!(["order.placed"]));
    // `add_event`'s attributes are the event's, not the span's.
    let ship = &inventory["spans"][1];
    assert_eq!(
        ship["attributes"],
        serde_json::json!(["customer.id", "order.total_cents"])
    );
    assert_eq!(ship["events"], serde_json::json!(["order.placed"]));
    let fetch = &inventory["spans"][4];
    assert_eq!(fetch["sensitive"]["user.email"], "pii");
    assert_eq!(
        fetch["allow_sensitive"]["user.email"],
        "the support inbox, by contract"
    );
    assert_eq!(inventory["spans"][8]["crate"], "orders/tests/flow");
}

#[test]
fn check_passes_on_the_same_inventory_and_on_moved_code() {
    let same = check("same.json", &json().to_string());
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(
        stdout(&same).starts_with("ok: 9 spans"),
        "{}",
        stdout(&same)
    );
    let moved = variant("traced_fns::apply_coupon", |e| {
        e["line"] = 200.into();
        e["file"] = "orders/src/elsewhere.rs".into();
    });
    let moved = check("moved.json", &moved);
    assert_eq!(moved.status.code(), Some(0), "{}", stderr(&moved));
}

#[test]
fn output_writes_what_standard_output_shows() {
    let dir = TempDir::new("cargo-traced-output");
    let file = dir.path().join("SPANS.md");
    let written = spans(&["--output", file.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout(&spans(&[])));
}

/// `--check` fails, and says `words` among the differences.
fn fails_saying(name: &str, committed: String, words: &str) {
    let output = check(name, &committed);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(words), "expected `{words}` in:\n{err}");
    assert!(err.contains("--update"), "{err}");
}

#[test]
fn check_fails_on_a_renamed_span() {
    let before = variant("traced_fns::apply_coupon", |e| {
        e["name"] = "orders.coupon.applied".into()
    });
    fails_saying(
        "renamed.json",
        before,
        "span renamed: fn traced_fns::apply_coupon (orders): \"orders.coupon.applied\" → \"orders.coupon.apply\"",
    );
}

#[test]
fn check_fails_on_a_removed_and_an_added_span() {
    let mut inventory = json();
    let spans = inventory["spans"].as_array_mut().unwrap();
    let mut gone = spans[0].clone();
    gone["fn"] = "hand_written::refund".into();
    gone["name"] = "orders.refund".into();
    spans.push(gone);
    spans.retain(|e| e["fn"] != "flow");
    let output = check(
        "removed.json",
        &serde_json::to_string_pretty(&inventory).unwrap(),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("span removed: fn hand_written::refund (orders): \"orders.refund\""),
        "{err}"
    );
    assert!(
        err.contains(
            "span added: fn flow (orders/tests/flow): \"orders.test.flow\" (#[traced] at orders/tests/flow.rs:6)"
        ),
        "{err}"
    );
    assert!(err.contains("(2 differences)"), "{err}");
}

#[test]
fn check_fails_on_a_kind_change() {
    let before = variant("traced_fns::apply_coupon", |e| e["kind"] = "server".into());
    fails_saying(
        "kind.json",
        before,
        "kind changed: fn traced_fns::apply_coupon (orders) \"orders.coupon.apply\": server → internal",
    );
}

#[test]
fn check_fails_on_attribute_changes() {
    let before = variant("traced_fns::apply_coupon", |e| {
        e["attributes"] = serde_json::json!(["customer.id", "order.coupon", "order.total_cents"])
    });
    fails_saying(
        "attributes.json",
        before.clone(),
        "attribute added: fn traced_fns::apply_coupon (orders) \"orders.coupon.apply\": cache.hit",
    );
    fails_saying(
        "attributes.json",
        before,
        "attribute removed: fn traced_fns::apply_coupon (orders) \"orders.coupon.apply\": order.total_cents",
    );
}

#[test]
fn check_fails_on_a_key_now_sensitive_and_on_escapes() {
    let before = variant("traced_fns::fetch_order", |e| {
        e["sensitive"] = serde_json::json!({"user.email": "pii"});
        e["allow_sensitive"] = serde_json::json!({});
    });
    let output = check("sensitive.json", &before);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("now sensitive: fn traced_fns::fetch_order (orders) \"GET /orders/{id}\": url.full (pii)"),
        "{err}"
    );
    assert!(
        err.contains("allow_sensitive added: fn traced_fns::fetch_order (orders) \"GET /orders/{id}\": user.email"),
        "{err}"
    );
}

#[test]
fn update_writes_what_check_then_accepts() {
    let dir = TempDir::new("cargo-traced-update");
    let file = dir.path().join("updated.json");
    let update = spans(&["--update", file.to_str().unwrap()]);
    assert_eq!(update.status.code(), Some(0), "{}", stderr(&update));
    assert!(stderr(&update).contains("wrote 9 spans"));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, stdout(&spans(&["--format", "json"])));
    let again = spans(&["--check", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

/// `--check` exits 2 on an unusable file, saying where and how to write a good one.
fn unusable(output: &Output, words: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    for w in words {
        assert!(err.contains(w), "expected `{w}` in:\n{err}");
    }
    assert!(
        err.contains("help: write it with `cargo traced spans --manifest-path"),
        "{err}"
    );
    assert!(err.contains("-p orders --update"), "{err}");
}

#[test]
fn check_exits_2_on_a_file_it_cannot_use() {
    let dir = TempDir::new("cargo-traced-missing");
    let missing = dir.path().join("missing.json");
    unusable(
        &spans(&["--check", missing.to_str().unwrap()]),
        &["cannot read the span inventory", "missing.json"],
    );
    unusable(
        &check(
            "broken.json",
            "{\n  \"format\": \"cargo-traced/spans/1\",\n  \"spans\": [\n    {,\n",
        ),
        &["broken.json:4:6: not a span inventory: key must be a string"],
    );
    unusable(
        &check("report.json", "{\"findings\": []}"),
        &["report.json:1:11: not a span inventory: unknown field `findings`"],
    );
    unusable(
        &check(
            "future.json",
            "{\"format\": \"cargo-traced/spans/9\", \"spans\": []}",
        ),
        &["future.json:1:1: not a span inventory: `format` is `cargo-traced/spans/9`"],
    );
}

#[test]
fn check_with_another_option_is_refused() {
    let output = spans(&["--check", "a.json", "--update", "b.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot be used with"),
        "{}",
        stderr(&output)
    );
    assert!(!Path::new("b.json").exists());
}

#[test]
fn a_member_without_a_registry_is_listed_with_a_note() {
    let dir = common::scratch(
        "spans-unregistered",
        &[
            ("Cargo.toml", common::WORKSPACE),
            ("app/Cargo.toml", common::MEMBER),
            (
                "app/src/lib.rs",
                "pub fn f(tracer: &impl opentelemetry::trace::Tracer) { let _s = tracer.start(\"app.f\"); }\n",
            ),
        ],
    );
    let manifest = dir.path().join("Cargo.toml");
    let output = run(&["spans", "--manifest-path", manifest.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("| `app.f` |"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("note: member `app` has no attribute registry"),
        "{}",
        stderr(&output)
    );
}

/// Every `#[traced` attribute of the examples' sources, counted from the text: the inventory
/// (the committed one, and the code's) lists as many `#[traced]` fns.
#[test]
fn the_examples_inventory_lists_every_traced_fn() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut written = 0;
    let mut folders = vec![examples.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                written += text
                    .lines()
                    .filter(|l| l.trim_start().starts_with("#[traced"))
                    .count();
            }
        }
    }
    assert!(written >= 16, "the examples lost their #[traced] fns");
    let traced = |json: &str| {
        let inventory: Value = serde_json::from_str(json).unwrap();
        inventory["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["written_with"] == "#[traced]")
            .count()
    };
    let committed = std::fs::read_to_string(examples.join("spans.json")).unwrap();
    assert_eq!(traced(&committed), written);
    let manifest = examples.join("Cargo.toml");
    let now = run(&[
        "spans",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "-p",
        "traced-examples",
        "--format",
        "json",
    ]);
    assert_eq!(now.status.code(), Some(0), "{}", stderr(&now));
    assert_eq!(traced(&stdout(&now)), written);
}
