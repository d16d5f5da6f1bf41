//! Regression tests against the official OpenTelemetry semantic-conventions model.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use traced_registry::{
    AttrType, Deprecation, EnumValue, EventLookup, LoadOptions, Lookup, Primitive, Registry,
};

/// Loaded once for all tests; `None` when the model is absent (and not on CI).
fn model() -> Option<&'static Registry> {
    static MODEL: OnceLock<Option<Registry>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let path = traced_test_support::official_model()?;
            match Registry::load(&[path], &LoadOptions::default()) {
                Ok(r) => Some(r),
                Err(e) => panic!("the official model must load cleanly:\n{e}"),
            }
        })
        .as_ref()
}

fn found<'r>(registry: &'r Registry, key: &str) -> &'r traced_registry::Attribute {
    match registry.lookup(key) {
        Lookup::Found(attr) => attr,
        other => panic!("{key}: {other:?}"),
    }
}

#[test]
fn counts() {
    let Some(r) = model() else { return };
    assert_eq!(r.files().len(), 249, "250 YAML files minus manifest.yaml");
    let total = r.attributes().count();
    let deprecated = r.attributes().filter(|a| a.deprecated.is_some()).count();
    assert_eq!(total, 943);
    assert_eq!(total - deprecated, 736);
    assert_eq!(deprecated, 207);
    assert_eq!(r.events().count(), 32);

    let mut reasons = BTreeMap::new();
    for a in r.attributes() {
        let reason = match &a.deprecated {
            Some(Deprecation::Renamed { .. }) => "renamed",
            Some(Deprecation::Obsoleted { .. }) => "obsoleted",
            Some(Deprecation::Uncategorized { .. }) => "uncategorized",
            None => continue,
        };
        *reasons.entry(reason).or_insert(0) += 1;
    }
    assert_eq!(
        reasons,
        BTreeMap::from([("obsoleted", 22), ("renamed", 98), ("uncategorized", 87)])
    );
}

#[test]
fn counts_by_type() {
    let Some(r) = model() else { return };
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    for a in r.attributes() {
        let name = match &a.ty {
            AttrType::Enum { value_type, .. } => format!("enum of {value_type}"),
            other => other.to_string(),
        };
        *by_type.entry(name).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("string", 544),
        ("enum of string", 169),
        ("enum of int", 2),
        ("int", 101),
        ("template[string]", 33),
        ("string[]", 32),
        ("boolean", 26),
        ("double", 17),
        ("any", 10),
        ("template[string[]]", 8),
        ("int[]", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(by_type, expected);
}

#[test]
fn loads_in_strict_mode_too() {
    let Some(path) = traced_test_support::official_model() else {
        return;
    };
    if let Err(e) = Registry::load(&[path], &LoadOptions { strict: true }) {
        panic!("strict mode must accept every field the official model uses:\n{e}");
    }
}

#[test]
fn every_location_names_its_key() {
    let Some(r) = model() else { return };
    let mut texts = BTreeMap::new();
    for a in r.attributes() {
        let text = texts
            .entry(a.defined_at.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&a.defined_at.file).unwrap());
        let line = text.lines().nth(a.defined_at.line - 1).unwrap_or_default();
        let at = line.get(a.defined_at.column - 1..).unwrap_or_default();
        assert!(
            at.starts_with("id:") || at.starts_with("key:"),
            "{}: {} does not point at its key: {line:?}",
            a.key,
            a.defined_at
        );
        assert!(line.contains(&a.key), "{}: {line:?}", a.key);
    }
    for e in r.events() {
        let text = texts
            .entry(e.defined_at.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&e.defined_at.file).unwrap());
        let line = text.lines().nth(e.defined_at.line - 1).unwrap_or_default();
        assert!(line.contains(&e.name), "{}: {line:?}", e.name);
    }
}

#[test]
fn deprecated_key_that_is_also_a_namespace() {
    let Some(r) = model() else { return };
    let attr = found(r, "db.operation");
    assert!(attr.deprecated.is_some());
    assert!(matches!(r.lookup("db.operation.name"), Lookup::Found(_)));
}

#[test]
fn template_keys() {
    let Some(r) = model() else { return };
    match r.lookup("http.request.header.x-forwarded-for") {
        Lookup::Template { template, suffix } => {
            assert_eq!(template.key, "http.request.header");
            assert_eq!(template.ty, AttrType::Template(Primitive::StringArray));
            assert_eq!(suffix, "x-forwarded-for");
        }
        other => panic!("{other:?}"),
    }
    // The free text may hold dots and slashes.
    match r.lookup("k8s.pod.label.app.kubernetes.io/name") {
        Lookup::Template { template, .. } => assert_eq!(template.key, "k8s.pod.label"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_template_key_needs_a_suffix() {
    let Some(r) = model() else { return };
    let templates: Vec<_> = r
        .attributes()
        .filter(|a| matches!(a.ty, AttrType::Template(_)))
        .collect();
    assert_eq!(templates.len(), 41);
    for t in templates {
        for bare in [t.key.clone(), format!("{}.", t.key)] {
            match r.lookup(&bare) {
                Lookup::TemplateWithoutSuffix { template, form } => {
                    assert_eq!(template.key, t.key);
                    assert_eq!(form, format!("{}.<name>", t.key));
                }
                other => panic!("{bare}: {other:?}"),
            }
        }
    }
}

#[test]
fn a_renamed_template_keeps_its_suffix() {
    let Some(r) = model() else { return };
    assert_eq!(
        r.lookup("k8s.pod.labels.app").replacement().as_deref(),
        Some("k8s.pod.label.app")
    );
    assert_eq!(
        r.lookup("http.method").replacement().as_deref(),
        Some("http.request.method")
    );
}

#[test]
fn server_address_from_a_v2_file() {
    let Some(r) = model() else { return };
    let attr = found(r, "server.address");
    assert_eq!(attr.ty, AttrType::Primitive(Primitive::String));
    assert_eq!(attr.stability.as_deref(), Some("stable"));
    assert!(attr.defined_at.file.ends_with("server/registry.yaml"));
    assert_eq!((attr.defined_at.line, attr.defined_at.column), (4, 5));
}

#[test]
fn int_enum() {
    let Some(r) = model() else { return };
    let attr = found(r, "rpc.grpc.status_code");
    let AttrType::Enum {
        value_type,
        members,
    } = &attr.ty
    else {
        panic!("{:?}", attr.ty)
    };
    assert_eq!(*value_type, Primitive::Int);
    assert!(members
        .iter()
        .any(|m| m.id == "ok" && m.value == EnumValue::Int(0)));
    assert_eq!(members.len(), 17);
}

#[test]
fn any_typed_key() {
    let Some(r) = model() else { return };
    assert_eq!(found(r, "http.request.body.content").ty, AttrType::Any);
}

#[test]
fn renamed_key() {
    let Some(r) = model() else { return };
    let attr = found(r, "http.method");
    assert_eq!(
        attr.deprecated.as_ref().and_then(Deprecation::renamed_to),
        Some("http.request.method")
    );
}

#[test]
fn misspelled_key_suggests_the_right_one_first() {
    let Some(r) = model() else { return };
    match r.lookup("http.request.methd") {
        Lookup::NotFound { suggestions } => {
            assert_eq!(suggestions.first(), Some(&"http.request.method"));
            assert!(suggestions.len() <= 3);
        }
        other => panic!("{other:?}"),
    }
    match r.lookup("completely.unrelated.thing") {
        Lookup::NotFound { suggestions } => assert!(suggestions.is_empty(), "{suggestions:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn events() {
    let Some(r) = model() else { return };
    match r.event("session.start") {
        EventLookup::Found(e) => {
            assert!(e.defined_at.file.ends_with("session/events.yaml"));
            assert_eq!(e.attributes, ["session.id", "session.previous_id"]);
        }
        other => panic!("{other:?}"),
    }
    match r.event("exception") {
        EventLookup::Found(e) => assert!(e.attributes.contains(&"exception.type".to_string())),
        other => panic!("{other:?}"),
    }
    match r.event("session.strat") {
        EventLookup::NotFound { suggestions } => assert_eq!(suggestions[0], "session.start"),
        other => panic!("{other:?}"),
    }
}

fn span<'r>(registry: &'r Registry, ty: &str) -> &'r traced_registry::Span {
    match registry.span(ty) {
        traced_registry::SpanLookup::Found(span) => span,
        other => panic!("{ty}: {other:?}"),
    }
}

#[test]
fn span_counts() {
    let Some(r) = model() else { return };
    let refinements = r.spans().filter(|s| s.refines.is_some()).count();
    assert_eq!(r.spans().count() - refinements, 78);
    assert_eq!(refinements, 35);
}

#[test]
fn http_client_span() {
    let Some(r) = model() else { return };
    let s = span(r, "http.client");
    assert_eq!(s.kind.as_deref(), Some("client"));
    assert!(
        s.defined_at.file.ends_with("http/spans.yaml"),
        "{:?}",
        s.defined_at
    );
    let mut required: Vec<_> = s
        .attributes
        .iter()
        .filter(|a| a.level == traced_registry::RequirementLevel::Required)
        .map(|a| (a.key.as_str(), a.sampling_relevant))
        .collect();
    required.sort();
    assert_eq!(
        required,
        [
            ("http.request.method", true),
            ("server.address", true),
            ("server.port", true),
            ("url.full", true),
        ]
    );
    // The v1 `span.` id finds the same span.
    assert_eq!(span(r, "span.http.client").ty, "http.client");
}

#[test]
fn a_v2_messaging_span_and_a_refinement() {
    let Some(r) = model() else { return };
    let create = span(r, "messaging.create.producer");
    assert_eq!(create.kind.as_deref(), Some("producer"));
    let system = create
        .attribute("messaging.system")
        .expect("from its own refs");
    assert!(system.sampling_relevant);
    let kafka = span(r, "messaging.kafka.create.producer");
    assert_eq!(kafka.refines.as_deref(), Some("messaging.create.producer"));
    assert_eq!(kafka.kind.as_deref(), Some("producer"));
    assert!(kafka.attribute("messaging.kafka.message.key").is_some());
    assert!(
        kafka
            .attribute("messaging.system")
            .unwrap()
            .sampling_relevant
    );
}
