//! `cargo traced registry --draft`: the draft loads with the registry loader (beside the
//! member's registry, or the official model when keys are referenced), and every key and
//! event name the scanner found is then registered.

mod common;

use cargo_traced::scan::{self, Text, What};
use cargo_traced::workspace::Workspace;
use common::{MEMBER, WORKSPACE, fixture, run, scratch, stderr};
use std::path::{Path, PathBuf};
use traced_registry::{EventLookup, LoadOptions, Lookup, Registry};
use traced_test_support::TempDir;

/// Runs the draft of the workspace at `root` into `root/draft.yaml`; returns its path.
fn draft(root: &Path, extra: &[&str]) -> PathBuf {
    let output_file = root.join(format!("draft-{}.yaml", extra.len()));
    let _ = std::fs::remove_file(&output_file);
    let manifest = root.join("Cargo.toml");
    let mut args = vec![
        "registry",
        "--draft",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "--output",
        output_file.to_str().unwrap(),
    ];
    args.extend(extra);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("wrote a draft of"),
        "{}",
        stderr(&output)
    );
    output_file
}

fn load(paths: &[&Path]) -> Registry {
    Registry::load(paths, &LoadOptions::default())
        .unwrap_or_else(|errors| panic!("the draft does not load:\n{errors}"))
}

/// Every attribute key and literal event name the scanner finds in the workspace.
fn found(root: &Path) -> (Vec<String>, Vec<String>) {
    let ws = Workspace::load(Some(&root.join("Cargo.toml"))).unwrap();
    let (mut keys, mut events) = (Vec::new(), Vec::new());
    for member in &ws.members {
        for file in member.rust_files().unwrap() {
            let source = std::fs::read_to_string(file).unwrap();
            for site in scan::scan(&source).unwrap().sites {
                match site.what {
                    What::Attribute(a) => keys.push(a.key),
                    What::Event(e) => {
                        if let Text::Literal(name) = e.name {
                            events.push(name);
                        }
                    }
                    What::Span(_) => {}
                }
            }
        }
    }
    (keys, events)
}

#[test]
fn the_fixtures_draft_loads_beside_its_registry_and_registers_every_key() {
    let dir = scratch("draft-fixture", &[]);
    let root = dir.path();
    // The fixture is copied: the draft is written beside it, and the fixture stays clean.
    copy(&fixture(), root);
    let registry_file = root.join("attributes.yaml");
    let before = load(&[&registry_file]);
    let draft = draft(root, &[]);
    let text = std::fs::read_to_string(&draft).unwrap();
    let after = load(&[&registry_file, &draft]);
    let (keys, events) = found(root);
    assert!(
        keys.len() > 20 && !events.is_empty(),
        "the fixture lost its sites"
    );
    for key in &keys {
        match (before.lookup(key), after.lookup(key)) {
            (Lookup::NotFound { .. }, Lookup::Found(attr)) => {
                assert_eq!(attr.stability.as_deref(), Some("development"), "{key}");
                assert_eq!(attr.brief, cargo_traced::draft::BRIEF, "{key}");
            }
            (Lookup::NotFound { .. }, other) => {
                panic!("`{key}` is not registered by the draft: {other:?}\n{text}")
            }
            (known, now) => assert_eq!(known, now, "`{key}` was registered already"),
        }
    }
    for name in &events {
        assert!(
            matches!(after.event(name), EventLookup::Found(_)),
            "event `{name}`\n{text}"
        );
    }
    // What the registry holds already is not drafted again, and the typos are pointed out.
    assert!(!text.contains("key: customer.id\n"), "{text}");
    assert!(text.contains("near `customer.id`"), "{text}");
    assert!(text.contains("- key: cart.size\n    type: int\n"), "{text}");
    let EventLookup::Found(misspelt) = after.event("order.plcaed") else {
        panic!("{text}")
    };
    assert_eq!(misspelt.attributes, ["order.total_cents"]);
}

fn copy(from: &Path, to: &Path) {
    for entry in walk(from) {
        let target = to.join(entry.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A codebase adopting traced: no registry, types that disagree, official keys.
const ADOPTING: &str = r#"
use opentelemetry::trace::{Span, Tracer};
use opentelemetry::{global, KeyValue};

pub fn work(name: &str, url: &str) {
    let tracer = global::tracer("app");
    let mut span = tracer.start("app.work");
    span.set_attribute(KeyValue::new("app.count", 3));
    span.set_attribute(KeyValue::new("app.ratio", 0.5));
    span.set_attribute(KeyValue::new("app.flag", true));
    span.set_attribute(KeyValue::new("app.name", name.to_string()));
    span.set_attribute(KeyValue::new("app.owner", lookup(name)));
    span.set_attribute(KeyValue::new("app.contact", traced_runtime::redact::pseudonym(name)));
    span.set_attribute(KeyValue::new("http.request.method", "GET"));
    span.set_attribute(KeyValue::new("http.request.header.x-request-id", "r-1"));
    span.set_attribute(KeyValue::new("url.full", traced_runtime::redact::url(url)));
    span.add_event("app.retried", vec![KeyValue::new("app.attempt", 2), KeyValue::new("http.request.method", "GET")]);
    span.add_event("exception", vec![]);
}

pub fn other() {
    let _s = tracing::info_span!("app.other", app.count = "three");
}
"#;

/// A fresh copy per test: the tests run at once.
fn adopting(test: &str) -> TempDir {
    scratch(
        &format!("draft-adopting-{test}"),
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            ("app/src/lib.rs", ADOPTING),
        ],
    )
}

#[test]
fn with_no_registry_every_key_is_drafted_and_conflicts_are_listed_not_guessed() {
    let dir = adopting("alone");
    let root = dir.path();
    let draft = draft(root, &[]);
    let text = std::fs::read_to_string(&draft).unwrap();
    let registry = load(&[&draft]);
    // Strict, as for a hand-written file: no field the loader does not know.
    let strict = LoadOptions { strict: true };
    if let Err(errors) = Registry::load(&[&draft], &strict) {
        panic!("the draft has fields a strict load refuses:\n{errors}\n{text}");
    }
    let (keys, events) = found(root);
    for key in &keys {
        assert!(
            matches!(registry.lookup(key), Lookup::Found(_)),
            "`{key}`\n{text}"
        );
    }
    for name in &events {
        assert!(
            matches!(registry.event(name), EventLookup::Found(_)),
            "event `{name}`\n{text}"
        );
    }
    let ty = |key: &str| match registry.lookup(key) {
        Lookup::Found(attr) => attr.ty.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(ty("app.ratio"), "double");
    assert_eq!(ty("app.flag"), "boolean");
    assert_eq!(ty("app.name"), "string");
    // Disagreeing or unseen types load as `any`, which `#[traced]` refuses until settled.
    assert_eq!(ty("app.count"), "any");
    assert_eq!(ty("app.owner"), "any");
    for words in [
        "FIXME(type): the values disagree:",
        "int at app/src/lib.rs:8:38;",
        "string at app/src/lib.rs:22:47;",
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
    assert!(
        text.contains("FIXME(type): no value here shows its type"),
        "{text}"
    );
    // An event references the keys its `add_event` sets.
    let EventLookup::Found(retried) = registry.event("app.retried") else {
        panic!("{text}")
    };
    assert_eq!(retried.attributes, ["app.attempt", "http.request.method"]);
    // A redacted value is personal data.
    let Lookup::Found(contact) = registry.lookup("app.contact") else {
        panic!()
    };
    assert!(contact.sensitive.is_some(), "{text}");
    assert!(text.contains("# used at app/src/lib.rs:13:38\n"), "{text}");
}

#[test]
fn official_keys_are_referenced_from_the_model_not_redefined() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let dir = adopting("semconv");
    let root = dir.path();
    let draft = draft(root, &["--semconv", model.to_str().unwrap()]);
    let text = std::fs::read_to_string(&draft).unwrap();
    let registry = load(&[&draft, &model]);
    let (keys, events) = found(root);
    for key in &keys {
        assert!(
            matches!(
                registry.lookup(key),
                Lookup::Found(_) | Lookup::Template { .. }
            ),
            "`{key}`\n{text}"
        );
    }
    for name in &events {
        assert!(
            matches!(registry.event(name), EventLookup::Found(_)),
            "event `{name}`\n{text}"
        );
    }
    for official in ["http.request.method", "url.full", "http.request.header"] {
        assert!(
            text.contains(&format!("- ref: {official}\n")),
            "{official}\n{text}"
        );
        assert!(
            !text.contains(&format!("- key: {official}\n")),
            "{official}\n{text}"
        );
    }
    assert!(
        text.contains("event `exception` is defined by the official model"),
        "{text}"
    );
    assert!(text.contains("- key: app.count\n"), "{text}");
    let EventLookup::Found(retried) = registry.event("app.retried") else {
        panic!("{text}")
    };
    assert_eq!(retried.attributes, ["app.attempt", "http.request.method"]);
    // Without the model beside it, the references name no key: the file says what it needs.
    let alone = Registry::load(&[&draft], &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(alone.contains("url.full"), "{alone}");
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = adopting("existing");
    let root = dir.path();
    let existing = root.join("attributes.yaml");
    std::fs::write(&existing, "# ours\n").unwrap();
    let output = run(&[
        "registry",
        "--draft",
        "--manifest-path",
        root.join("Cargo.toml").to_str().unwrap(),
        "--output",
        existing.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("never overwrites"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "# ours\n");
    let bad_model = run(&[
        "registry",
        "--draft",
        "--manifest-path",
        root.join("Cargo.toml").to_str().unwrap(),
        "--semconv",
        root.join("no-model").to_str().unwrap(),
    ]);
    assert_eq!(bad_model.status.code(), Some(2));
    assert!(
        stderr(&bad_model).contains("--semconv"),
        "{}",
        stderr(&bad_model)
    );
}
