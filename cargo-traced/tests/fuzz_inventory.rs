//! Mutated and generated inventories given to `--check`: never a panic, every error says the
//! line and column where the file stops being an inventory, and the comparison is empty exactly
//! when the two say the same of every span.

mod common;

use cargo_traced::inventory::check::{differences, parse};
use cargo_traced::inventory::{Entry, Inventory};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;

/// The committed snapshot of the fixture's inventory: a real file to mutate.
fn real() -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/fixture.spans.json");
    std::fs::read_to_string(path).unwrap()
}

/// Pieces of JSON and of inventories, spliced in.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "0",
    "-1",
    "1e999",
    "\"crate\"",
    "\"fn\"",
    "\"spans\"",
    "\"format\"",
    "\"cargo-traced/spans/1\"",
    "\\u12",
    "é",
    "\n",
    " ",
];

#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Truncate(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), proptest::sample::select(PIECES)).prop_map(|(at, p)| Edit::Insert(at, p)),
        any::<usize>().prop_map(Edit::Truncate),
    ];
    proptest::collection::vec(edit, 1..4)
}

/// `text` with the edits applied at character boundaries.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len().max(1);
        match edit {
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            Edit::Insert(at, piece) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, piece.chars());
            }
            Edit::Truncate(at) => chars.truncate(at % len),
        }
    }
    chars.into_iter().collect()
}

/// The error's `line:column:` lies inside the text (or just past its end).
fn says_where(text: &str, error: &str) -> Result<(), TestCaseError> {
    let mut parts = error.splitn(3, ':');
    let line: usize = parts
        .next()
        .unwrap_or("")
        .parse()
        .map_err(|_| TestCaseError::fail(format!("no line in `{error}`")))?;
    let column: usize = parts
        .next()
        .unwrap_or("")
        .parse()
        .map_err(|_| TestCaseError::fail(format!("no column in `{error}`")))?;
    prop_assert!(
        parts
            .next()
            .is_some_and(|rest| rest.starts_with(" not a span inventory: ")),
        "{error}"
    );
    let lines = text.split('\n').count();
    prop_assert!(line <= lines.max(1), "line {line} of {lines}: {error}");
    if line >= 1 && line <= lines {
        let width = text.split('\n').nth(line - 1).unwrap().chars().count();
        prop_assert!(column <= width + 1, "column {column} of {width}: {error}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(traced_test_support::fuzz_config())]

    #[test]
    fn mutated_files_never_panic_and_errors_say_where(edits in edits()) {
        let original = parse(&real()).expect("the snapshot is an inventory");
        let text = mutate(&real(), &edits);
        match parse(&text) {
            Ok(mutated) => {
                let found = differences(&original, &mutated);
                if mutated.spans.iter().zip(&original.spans).all(|(a, b)| a.same(b))
                    && mutated.spans.len() == original.spans.len()
                {
                    prop_assert!(found.is_empty(), "{found:?}");
                }
            }
            Err(error) => says_where(&text, &error)?,
        }
    }

    #[test]
    fn the_comparison_is_empty_exactly_when_every_span_is_the_same(
        a in inventory(), b in inventory(), moved in any::<usize>(),
    ) {
        prop_assert!(differences(&a, &a).is_empty());
        // Moved code (other lines, another order) is no difference.
        let mut shuffled = a.spans.clone();
        let by = moved % shuffled.len().max(1);
        shuffled.rotate_left(by);
        for entry in &mut shuffled {
            entry.line += moved % 7;
        }
        prop_assert!(differences(&a, &Inventory::new(shuffled)).is_empty());
        let found = differences(&a, &b);
        let key = |i: &Inventory| {
            let mut spans: Vec<String> = i.spans.iter().map(|e| {
                let mut e = e.clone();
                e.file.clear();
                e.line = 0;
                serde_json::to_string(&e).unwrap()
            }).collect();
            spans.sort();
            spans
        };
        prop_assert_eq!(found.is_empty(), key(&a) == key(&b), "{:?}", found);
    }
}

/// Small inventories over few names, so that identities and names collide often.
fn inventory() -> impl Strategy<Value = Inventory> {
    let pick =
        |names: &'static [&'static str]| proptest::sample::select(names).prop_map(String::from);
    let keys =
        proptest::collection::vec(pick(&["a.b", "c.d", "user.email"]), 0..3).prop_map(|mut k| {
            k.sort();
            k.dedup();
            k
        });
    let entry = (
        pick(&["app", "app/tests/t"]),
        pick(&["f", "m::g", "<S as T>::h"]),
        pick(&["#[traced]", "tracer.start"]),
        pick(&["x.one", "x.two", "GET /a/{id}"]),
        proptest::option::of(pick(&["internal", "client"])),
        keys.clone(),
        keys,
        any::<bool>(),
        1..500usize,
    )
        .prop_map(
            |(krate, function, written_with, name, kind, attributes, events, pii, line)| {
                let sensitive: BTreeMap<String, String> = attributes
                    .iter()
                    .filter(|k| pii && k.starts_with("user."))
                    .map(|k| (k.clone(), "pii".to_string()))
                    .collect();
                Entry {
                    krate,
                    function,
                    written_with,
                    name,
                    kind,
                    declared: None,
                    attributes,
                    events,
                    sensitive,
                    allow_missing: Vec::new(),
                    allow_sensitive: BTreeMap::new(),
                    file: "src/lib.rs".into(),
                    line,
                }
            },
        );
    proptest::collection::vec(entry, 0..6).prop_map(Inventory::new)
}

#[test]
fn mutated_files_given_to_the_command_exit_2_or_compare() {
    let manifest = common::fixture().join("Cargo.toml");
    let dir = traced_test_support::TempDir::new("cargo-traced-fuzz");
    let cuts = [
        vec![Edit::Truncate(100)],
        vec![Edit::Delete(0, 1)],
        vec![Edit::Insert(40, "é")],
        vec![Edit::Insert(300, "null")],
        vec![Edit::Delete(250, 30)],
    ];
    for (i, cut) in cuts.iter().enumerate() {
        let text = mutate(&real(), cut);
        let file = dir.write(&format!("m{i}.json"), &text);
        let output = common::run(&[
            "spans",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "-p",
            "orders",
            "--check",
            file.to_str().unwrap(),
        ]);
        let err = common::stderr(&output);
        match output.status.code() {
            Some(2) => assert!(
                err.contains(&format!("{}:", file.display()))
                    && err.contains("not a span inventory"),
                "{err}"
            ),
            Some(0 | 1) => {}
            other => panic!("exit {other:?} on {cut:?}:\n{err}"),
        }
    }
}
