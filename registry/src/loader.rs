//! Reads registry files into a [`Registry`]: every file read, composed and checked.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{LoadError, LoadErrors};
use crate::{compose, position, schema, validate, walk, LoadOptions, Registry};

/// Loads every path (file or directory) into one registry, collecting every error.
pub(crate) fn load(paths: &[&Path], options: &LoadOptions) -> Result<Registry, LoadErrors> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut errors: Vec<LoadError> = Vec::new();
    for path in paths {
        walk::yaml_files(path, &mut files, &mut errors);
    }
    // The same file named twice (or reached through two paths) is read once, so its keys are
    // not reported as defined twice.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));

    let mut all_parsed = errors.is_empty();
    let mut defs = Vec::with_capacity(files.len());
    for result in parallel_map(&files, |file| read_one(file, options.strict)) {
        match result {
            Ok(file_defs) => defs.push(file_defs),
            Err(e) => {
                errors.push(e);
                all_parsed = false;
            }
        }
    }
    let registry = validate::build(files, defs, all_parsed, &mut errors);
    if errors.is_empty() {
        return Ok(registry);
    }
    let rank = |e: &LoadError| {
        let file = registry.files.iter().position(|f| *f == e.file);
        (file.map_or(0, |i| i + 1), e.line, e.column)
    };
    errors.sort_by_key(rank);
    Err(LoadErrors(errors))
}

/// Reads and parses one file; `Err` when it cannot be read or is not YAML at all.
fn read_one(file: &Path, strict: bool) -> Result<schema::FileDefinitions, LoadError> {
    let bytes =
        fs::read(file).map_err(|e| LoadError::whole_file(file, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[offset];
        LoadError::at(
            file,
            position::of_offset(e.as_bytes(), offset),
            format!(
                "the file is not UTF-8 text: byte 0x{byte:02X} starts no UTF-8 character; \
                 save it as UTF-8"
            ),
        )
    })?;
    let root = compose::compose(&text).map_err(|e| LoadError::at(file, e.at, e.message))?;
    Ok(schema::read_file(file, &root, strict))
}

/// `f` over `items` on a few threads, results in input order. YAML parsing dominates a load
/// and the files are independent; this matters most when the macro runs this unoptimized.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len() / 8)
        .min(8);
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for worker in workers {
            match worker.join() {
                Ok(done) => all.extend(done),
                // A panic in `f` is a bug; re-raise it rather than lose a file silently.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::test_util::TempDir;
    use crate::{
        AttrType, Deprecation, EnumValue, EventLookup, LoadError, LoadOptions, Lookup, Primitive,
        Registry,
    };

    const LENIENT: LoadOptions = LoadOptions { strict: false };
    const STRICT: LoadOptions = LoadOptions { strict: true };

    fn fixtures() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
    }

    fn load_ok(paths: &[&Path], options: &LoadOptions) -> Registry {
        match Registry::load(paths, options) {
            Ok(r) => r,
            Err(e) => panic!("unexpected errors:\n{e}"),
        }
    }

    fn load_err(paths: &[&Path], options: &LoadOptions) -> Vec<LoadError> {
        match Registry::load(paths, options) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e.0,
        }
    }

    /// The one error in `errors`, checked to be at `file:line`.
    fn single<'e>(errors: &'e [LoadError], file: &Path, line: usize) -> &'e LoadError {
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let e = &errors[0];
        assert_eq!(e.file, file, "{e}");
        assert_eq!(e.line, Some(line), "{e}");
        e
    }

    fn found<'r>(r: &'r Registry, key: &str) -> &'r crate::Attribute {
        match r.lookup(key) {
            Lookup::Found(a) => a,
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn loads_the_fixture_folder() {
        let dir = fixtures();
        let r = load_ok(&[&dir], &LENIENT);
        let v1 = dir.join("v1.yaml");
        assert_eq!(r.files(), [dir.join("deeper/v2.yaml"), v1.clone()]);
        let keys: Vec<_> = r.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "payment.amount",
                "payment.context",
                "payment.flags",
                "payment.method",
                "shop.header",
                "shop.legacy_id",
                "shop.old_status",
                "shop.order.id",
                "shop.order.status",
                "shop.retry.code",
            ]
        );
        // The strict reader accepts everything the fixtures use.
        load_ok(&[&dir], &STRICT);
    }

    #[test]
    fn v1_prefix_annotations_and_location() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        let id = found(&r, "shop.order.id");
        assert_eq!(id.brief, "The order identifier.");
        assert_eq!(id.stability.as_deref(), Some("stable"));
        assert_eq!(id.traced.get("pii").map(String::as_str), Some("false"));
        assert_eq!(
            id.traced.get("cardinality").map(String::as_str),
            Some("high")
        );
        assert_eq!(id.defined_at.file, fixtures().join("v1.yaml"));
        assert_eq!((id.defined_at.line, id.defined_at.column), (8, 9));
    }

    #[test]
    fn enums_string_and_int() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        match &found(&r, "shop.order.status").ty {
            AttrType::Enum {
                value_type,
                members,
            } => {
                assert_eq!(*value_type, Primitive::String);
                assert_eq!(members[1].value, EnumValue::String("closed".into()));
                assert_eq!(members[0].brief.as_deref(), Some("Still open."));
            }
            other => panic!("{other:?}"),
        }
        match &found(&r, "shop.retry.code").ty {
            AttrType::Enum {
                value_type,
                members,
            } => {
                assert_eq!(*value_type, Primitive::Int);
                assert_eq!(members[1].value, EnumValue::Int(2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn templates() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        match r.lookup("shop.header.x-forwarded.for/v2") {
            Lookup::Template { template, suffix } => {
                assert_eq!(template.key, "shop.header");
                assert_eq!(template.ty, AttrType::Template(Primitive::StringArray));
                assert_eq!(suffix, "x-forwarded.for/v2");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            r.lookup("shop.headers.x"),
            Lookup::NotFound { .. }
        ));
        assert!(matches!(
            r.lookup("shop.order.id."),
            Lookup::NotFound { .. }
        ));
    }

    #[test]
    fn a_template_key_needs_a_suffix() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        for bare in ["shop.header", "shop.header."] {
            match r.lookup(bare) {
                Lookup::TemplateWithoutSuffix { template, form } => {
                    assert_eq!(template.key, "shop.header");
                    assert_eq!(form, "shop.header.<name>");
                }
                other => panic!("{bare}: {other:?}"),
            }
            assert_eq!(r.lookup(bare).replacement(), None);
        }
    }

    #[test]
    fn a_renamed_template_keeps_its_suffix() {
        let dir = TempDir::new("renamed-template-suffix");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: pod.label\n        type: template[string]\n      - id: pod.labels\n        type: template[string]\n        deprecated: {reason: renamed, renamed_to: pod.label}\n      - id: pod.name\n        type: string\n      - id: pod.nom\n        type: string\n        deprecated: {reason: renamed, renamed_to: pod.name}\n",
        );
        let r = load_ok(&[&file], &LENIENT);
        let replacement = |key| r.lookup(key).replacement();
        assert_eq!(
            replacement("pod.labels.app.kubernetes.io/name").as_deref(),
            Some("pod.label.app.kubernetes.io/name")
        );
        assert_eq!(replacement("pod.nom").as_deref(), Some("pod.name"));
        assert_eq!(replacement("pod.label.app"), None);
        assert_eq!(replacement("pod.name"), None);
    }

    #[test]
    fn deprecations() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        assert_eq!(
            found(&r, "shop.legacy_id").deprecated,
            Some(Deprecation::Uncategorized {
                note: Some("Use `shop.order.id` instead.".into())
            })
        );
        assert_eq!(
            found(&r, "shop.old_status")
                .deprecated
                .as_ref()
                .and_then(Deprecation::renamed_to),
            Some("shop.order.status")
        );
        assert_eq!(
            found(&r, "payment.method").deprecated,
            Some(Deprecation::Obsoleted {
                note: Some("Not tracked anymore.".into())
            })
        );
    }

    #[test]
    fn v2_attributes_aliases_and_events() {
        let r = load_ok(&[&fixtures()], &LENIENT);
        let amount = found(&r, "payment.amount");
        assert_eq!(amount.brief, "The amount paid.");
        assert_eq!(found(&r, "payment.flags").brief, "The amount paid.");
        assert_eq!(found(&r, "payment.context").ty, AttrType::Any);
        let flags = found(&r, "payment.flags");
        assert_eq!((flags.defined_at.line, flags.defined_at.column), (7, 5));
        match r.event("payment.settled") {
            EventLookup::Found(e) => {
                assert_eq!(e.attributes, ["payment.amount", "shop.order.id"]);
                assert_eq!(e.defined_at.line, 25);
            }
            other => panic!("{other:?}"),
        }
        // A v1 event without `name` is named by its id, without the `event.` prefix.
        match r.event("shop.order.placed") {
            EventLookup::Found(e) => {
                assert_eq!(e.attributes, ["shop.order.id", "shop.order.status"]);
                assert_eq!(e.defined_at.line, 47);
            }
            other => panic!("{other:?}"),
        }
        match r.event("payment.setled") {
            EventLookup::NotFound { suggestions } => assert_eq!(suggestions, ["payment.settled"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn merge_keys() {
        let dir = TempDir::new("merge");
        let file = dir.write(
            "a.yaml",
            "common: &common\n  type: int\n  brief: shared\ngroups:\n  - id: g\n    attributes:\n      - id: a.one\n        <<: *common\n      - <<: *common\n        id: a.two\n        brief: own\n",
        );
        // `common:` is not a registry section: lenient mode ignores it.
        let r = load_ok(&[&file], &LENIENT);
        assert_eq!(found(&r, "a.one").ty, AttrType::Primitive(Primitive::Int));
        assert_eq!(found(&r, "a.one").brief, "shared");
        assert_eq!(found(&r, "a.two").brief, "own");
        assert_eq!(found(&r, "a.two").defined_at.line, 10);
    }

    #[test]
    fn malformed_yaml() {
        let dir = TempDir::new("malformed");
        let file = dir.write("bad.yaml", "groups:\n  - id: g\n   oops: x\n");
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 3);
        assert!(e.column.is_some());
        assert!(e.message.starts_with("malformed YAML"), "{e}");
    }

    #[test]
    fn bad_merge_points_at_the_merge_key() {
        let dir = TempDir::new("badmerge");
        let file = dir.write("a.yaml", "groups:\n  - id: g\n    <<: 5\n");
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 3);
        assert!(e.message.contains("merge"), "{e}");
    }

    #[test]
    fn duplicate_mapping_keys() {
        let dir = TempDir::new("dupkeys");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: a.b\n        type: int\n        type: string\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 6);
        assert_eq!(e.column, Some(9));
        assert!(e.message.contains("key `type` appears twice"), "{e}");
    }

    #[test]
    fn missing_path() {
        let dir = TempDir::new("missing");
        let missing = dir.path().join("nope.yaml");
        let errors = load_err(&[&missing], &LENIENT);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, missing);
        assert!(
            errors[0].to_string().contains("no such file"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn entries_without_key_or_type() {
        let dir = TempDir::new("nokey");
        let v1 = dir.write(
            "v1.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: a.ok\n        type: int\n      - type: string\n        brief: no id\n      - id: a.untyped\n        brief: no type\n",
        );
        let v2 = dir.write(
            "v2.yaml",
            "file_format: definition/2\nattributes:\n  - type: int\n    brief: no key\n",
        );
        let errors = load_err(&[&v1, &v2], &LENIENT);
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert_eq!(
            (errors[0].file.as_path(), errors[0].line),
            (v1.as_path(), Some(6))
        );
        assert!(errors[0].message.contains("without `id`"), "{}", errors[0]);
        assert_eq!(
            (errors[1].file.as_path(), errors[1].line),
            (v1.as_path(), Some(8))
        );
        assert!(
            errors[1].message.contains("`a.untyped` has no `type`"),
            "{}",
            errors[1]
        );
        assert_eq!(
            (errors[2].file.as_path(), errors[2].line),
            (v2.as_path(), Some(3))
        );
        assert!(errors[2].message.contains("without `key`"), "{}", errors[2]);
    }

    #[test]
    fn unknown_type() {
        let dir = TempDir::new("strng");
        let file = dir.write(
            "a.yaml",
            "file_format: definition/2\nattributes:\n  - key: a.b\n    brief: x\n    type: strng\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 5);
        assert_eq!(e.column, Some(5));
        assert!(e.message.contains("unknown type `strng`"), "{e}");
        assert!(e.message.contains("template[T], any, or an enum"), "{e}");
        assert!(e.message.ends_with("did you mean `string`?"), "{e}");
    }

    #[test]
    fn key_defined_twice_names_both_places() {
        let dir = TempDir::new("twice");
        let a = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: x.y\n        type: int\n",
        );
        let b = dir.write(
            "b.yaml",
            "file_format: definition/2\nattributes:\n  - key: x.z\n    type: int\n  - key: x.y\n    type: string\n",
        );
        let errors = load_err(&[dir.path()], &LENIENT);
        let e = single(&errors, &b, 5);
        assert!(
            e.message.contains(&format!("first at {}:4:9", a.display())),
            "{e}"
        );
        assert!(
            e.message
                .contains(&format!("again here at {}:5:5", b.display())),
            "{e}"
        );
    }

    #[test]
    fn the_same_file_twice_is_read_once() {
        let file = fixtures().join("v1.yaml");
        let r = load_ok(&[&file, &file], &LENIENT);
        assert_eq!(r.files().len(), 1);
    }

    #[test]
    fn renamed_to_an_unknown_key() {
        let dir = TempDir::new("renamed");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: a.new\n        type: int\n      - id: a.old\n        type: int\n        deprecated:\n          reason: renamed\n          renamed_to: a.nwe\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 10);
        assert!(e.message.contains("`a.old` is renamed to `a.nwe`"), "{e}");
        assert!(e.message.contains("did you mean `a.new`?"), "{e}");
    }

    #[test]
    fn renamed_to_a_template_expansion_is_fine() {
        let dir = TempDir::new("renamed-template");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: h.header\n        type: template[string]\n      - id: h.host\n        type: string\n        deprecated: {reason: renamed, renamed_to: h.header.host}\n",
        );
        load_ok(&[&file], &LENIENT);
    }

    #[test]
    fn refs_to_unknown_keys() {
        let dir = TempDir::new("refs");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: shop.order.id\n        type: string\n      - ref: shop.order.idd\n  - id: event.e\n    type: event\n    name: shop.e\n    attributes:\n      - ref: shop.order.id\n      - ref: shop.ordr.id\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(errors[0].line, Some(6));
        assert_eq!(errors[1].line, Some(12));
        assert!(
            errors[0]
                .message
                .contains("`ref: shop.order.idd` names no registered attribute; did you mean `shop.order.id`?"),
            "{}",
            errors[0]
        );
        let v2 = dir.write(
            "b.yaml",
            "file_format: definition/2\nevents:\n  - name: e2\n    attributes:\n      - ref: nothing.here\n",
        );
        let errors = load_err(&[&v2], &LENIENT);
        single(&errors, &v2, 5);
    }

    #[test]
    fn refs_are_not_checked_when_a_file_failed() {
        let dir = TempDir::new("refs-skip");
        let uses = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    type: span\n    attributes:\n      - ref: defined.elsewhere\n",
        );
        let broken = dir.write("b.yaml", "groups: [\n");
        let errors = load_err(&[&uses, &broken], &LENIENT);
        single(&errors, &broken, 2);
    }

    #[test]
    fn refs_to_broken_definitions_are_not_reported_again() {
        let dir = TempDir::new("refs-broken");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: a.b\n        type: strnig\n      - ref: a.b\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        single(&errors, &file, 5);
    }

    #[test]
    fn strict_mode_rejects_unknown_fields() {
        let dir = TempDir::new("strict");
        let file = dir.write(
            "a.yaml",
            "file_format: definition/2\nattributes:\n  - key: a.b\n    type: int\n    breif: typo\n    stability: stable\n",
        );
        load_ok(&[&file], &LENIENT);
        let errors = load_err(&[&file], &STRICT);
        let e = single(&errors, &file, 5);
        assert_eq!(e.column, Some(5));
        assert!(
            e.message
                .contains("unknown field `breif` in attribute `a.b`"),
            "{e}"
        );
        assert!(e.message.contains("did you mean `brief`?"), "{e}");

        let top = dir.write("b.yaml", "groups: []\nextra: 1\n");
        let errors = load_err(&[&top], &STRICT);
        single(&errors, &top, 2);
    }

    #[test]
    fn v2_sections_without_file_format() {
        let dir = TempDir::new("noformat");
        let file = dir.write("a.yaml", "attributes:\n  - key: a.b\n    type: int\n");
        let r = load_ok(&[&file], &LENIENT);
        assert!(matches!(r.lookup("a.b"), Lookup::Found(_)));
        let errors = load_err(&[&file], &STRICT);
        assert!(single(&errors, &file, 1).message.contains("file_format"));
        let other = dir.write("b.yaml", "name: not a registry\n");
        let errors = load_err(&[&other], &LENIENT);
        assert!(single(&errors, &other, 1)
            .message
            .contains("not a registry file"));
    }

    #[test]
    fn annotations_must_be_scalars() {
        let dir = TempDir::new("annotations");
        let file = dir.write(
            "a.yaml",
            "file_format: definition/2\nattributes:\n  - key: a.b\n    type: int\n    annotations:\n      traced:\n        pii: [1, 2]\n      other:\n        anything: [1]\n",
        );
        let errors = load_err(&[&file], &LENIENT);
        let e = single(&errors, &file, 7);
        assert!(e.message.contains("`annotations.traced.pii`"), "{e}");
    }

    #[test]
    fn collects_every_error() {
        let dir = TempDir::new("many");
        let a = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    attributes:\n      - id: a.one\n        type: strng\n      - id: a.two\n        type: {members: []}\n      - brief: nothing\n      - id: a.three\n        type: int\n        deprecated: {reason: gone}\n",
        );
        let b = dir.write("b.yaml", "file_format: definition/3\n");
        let missing = dir.path().join("missing");
        let errors = load_err(&[&missing, &a, &b], &LENIENT);
        let got: Vec<_> = errors
            .iter()
            .map(|e| {
                (
                    e.file.file_name().unwrap().to_string_lossy().into_owned(),
                    e.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("missing".to_string(), None),
                ("a.yaml".to_string(), Some(5)),
                ("a.yaml".to_string(), Some(7)),
                ("a.yaml".to_string(), Some(8)),
                ("a.yaml".to_string(), Some(11)),
                ("b.yaml".to_string(), Some(1)),
            ],
            "{errors:#?}"
        );
    }

    /// The one error in `file`, checked to be at `line:column`.
    fn single_at(file: &Path, line: usize, column: usize) -> LoadError {
        let errors = load_err(&[file], &LENIENT);
        let e = single(&errors, file, line);
        assert_eq!(e.column, Some(column), "{e}");
        e.clone()
    }

    #[test]
    fn not_utf8_points_at_the_first_bad_byte() {
        let dir = TempDir::new("latin1");
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, b"groups:\n  - id: g\n    brief: caf\xe9 au lait\n").unwrap();
        let e = single_at(&file, 3, 15);
        assert!(e.message.contains("not UTF-8"), "{e}");
        assert!(e.message.contains("0xE9"), "{e}");
    }

    #[test]
    fn control_character_points_at_its_line() {
        let dir = TempDir::new("nul");
        let mut text = "groups:\n  - id: g\n    attributes:\n".to_string();
        while text.lines().count() < 36 {
            text.push_str("      - id: a.b\n        type: int\n");
        }
        text.truncate(text.len() - "        type: int\n".len());
        text.push_str("        brief: x\u{0}y\n");
        assert_eq!(text.lines().count(), 37);
        let file = dir.write("a.yaml", &text);
        let e = single_at(&file, 37, 17);
        assert!(e.message.contains("U+0000"), "{e}");
    }

    #[test]
    fn cr_only_line_endings_keep_lines() {
        let dir = TempDir::new("cr");
        let file = dir.write(
            "a.yaml",
            "file_format: definition/2\rattributes:\r  - key: a.b\r    type: int\r  - key: a.c\r    type: strng\r",
        );
        let e = single_at(&file, 6, 5);
        assert!(e.message.contains("unknown type `strng`"), "{e}");
        let bad = dir.write("b.yaml", "groups:\r  - id: g\r   oops: x\r");
        let e = single_at(&bad, 3, 4);
        assert!(e.message.starts_with("malformed YAML"), "{e}");
    }

    #[test]
    fn alias_bomb_points_at_an_alias() {
        let dir = TempDir::new("bomb");
        let text: String = (1..10)
            .map(|i| format!("k{i}: &a{i} [{}]\n", format!("*a{},", i - 1).repeat(9)))
            .collect::<String>()
            .replace("*a0,", "x,");
        let file = dir.write("a.yaml", &text);
        let errors = load_err(&[&file], &LENIENT);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let e = &errors[0];
        assert!(e.message.contains("alias"), "{e}");
        let line = text.lines().nth(e.line.expect("a line") - 1).unwrap();
        let at = line.chars().skip(e.column.expect("a column") - 1);
        assert_eq!(at.take(2).collect::<String>(), "*a", "{e}");
    }

    #[test]
    fn garbage_never_panics() {
        let dir = TempDir::new("garbage");
        let inputs: &[&str] = &[
            "",
            "~",
            "42",
            "- a\n- b\n",
            "groups: 3\n",
            "groups:\n  - 1\n  - [x]\n  - {attributes: 5}\n",
            "groups:\n  - id: g\n    attributes:\n      - 7\n      - {id: [1], type: int}\n      - {id: a, type: [x]}\n      - {ref: 3}\n      - {id: b, type: {members: 3}}\n      - {id: c, type: {members: [1, {value: x}, {id: d}]}}\n      - {id: e, type: int, deprecated: 5}\n      - {id: f, type: int, deprecated: ~}\n",
            "file_format: 2\n",
            "file_format: definition/2\nattributes: {a: b}\nevents: 4\n",
            "file_format: definition/2\nattributes:\n  - ~\n  - key: ''\n    type: int\nevents:\n  - 1\n  - {brief: x}\n  - {name: e, attributes: [1, {key: k}]}\n",
            "a: &a [*a]\n",
            "a: *nope\n",
            "<<: 5\n",
            "a: {<<: [1]}\n",
            "? [complex]\n: key\n",
            "!tag {groups: []}\n",
            "\u{0}\u{1}\u{feff}groups:\n",
            "groups:\n  - id: g\n    prefix: [p]\n    type: event\n    attributes:\n      - id: x\n        type: template[]\n",
            "---\ngroups: []\n---\ngroups: []\n",
            "x: 99999999999999999999999\n",
            &"[".repeat(10_000),
            // Exponential alias expansion ("billion laughs") must stop, not hang.
            &(1..10)
                .map(|i| format!("k{i}: &a{i} [{}]\n", format!("*a{},", i - 1).repeat(9)))
                .collect::<String>()
                .replace("*a0,", "x,"),
            &"- ".repeat(10_000),
        ];
        for (i, input) in inputs.iter().enumerate() {
            let file = dir.write(&format!("{i}.yaml"), input);
            for options in [&LENIENT, &STRICT] {
                // Either result is fine; a panic fails the test.
                let _ = Registry::load(&[&file], options);
            }
        }
        let bytes = dir.path().join("binary.yaml");
        std::fs::write(&bytes, [0xff, 0xfe, 0x00, 0x80]).unwrap();
        assert!(Registry::load(&[&bytes], &LENIENT).is_err());
    }
}
