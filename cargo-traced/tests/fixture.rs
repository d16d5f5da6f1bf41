//! The fixture workspace: each `//~ rule | token | help` marker is reported once, at that
//! token, with that fix, and nothing else is.

mod common;

use common::{fixture, lint_fixture, stdout};
use serde_json::Value;
use std::collections::BTreeMap;

/// One expected finding: file, line, rule; the token its column points at; part of its help.
#[derive(Debug)]
struct Marker {
    token: String,
    help: String,
}

fn markers() -> BTreeMap<(String, usize, String), Vec<Marker>> {
    let mut markers: BTreeMap<_, Vec<Marker>> = BTreeMap::new();
    let src = fixture().join("shop/src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let file = format!("shop/src/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            // Comments describe the markers; markers follow code.
            let Some((_, marker)) = line
                .split_once("//~ ")
                .filter(|_| !line.trim_start().starts_with("//"))
            else {
                continue;
            };
            let parts: Vec<&str> = marker.split(" | ").collect();
            assert_eq!(
                parts.len(),
                3,
                "{file}:{}: a marker is `//~ rule | token | help`",
                i + 1
            );
            markers
                .entry((file.clone(), i + 1, parts[0].to_string()))
                .or_default()
                .push(Marker {
                    token: parts[1].to_string(),
                    help: parts[2].to_string(),
                });
        }
    }
    markers
}

#[test]
fn each_mistake_is_reported_once_at_its_token_with_its_fix() {
    let output = lint_fixture("json");
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut expected = markers();
    assert!(expected.len() >= 19, "the fixture lost its markers");
    let mut unexpected = Vec::new();
    for finding in report["findings"].as_array().unwrap() {
        let file = finding["file"].as_str().unwrap().to_string();
        let line = finding["line"].as_u64().unwrap() as usize;
        let rule = finding["rule"].as_str().unwrap().to_string();
        let column = finding["column"].as_u64().unwrap() as usize;
        let help = finding["help"].as_str().unwrap();
        let key = (file.clone(), line, rule.clone());
        let Some(marker) = expected.get_mut(&key).and_then(|m| m.pop()) else {
            unexpected.push(format!(
                "{file}:{line}:{column} {rule}: {}",
                finding["message"]
            ));
            continue;
        };
        let text = std::fs::read_to_string(fixture().join(&file)).unwrap();
        let source_line = text.lines().nth(line - 1).unwrap();
        let at: String = source_line.chars().skip(column - 1).collect();
        assert!(
            at.starts_with(&marker.token),
            "{file}:{line}:{column} {rule} points at `{at}`, not at `{}`",
            marker.token
        );
        assert!(
            help.contains(&marker.help),
            "{file}:{line} {rule}: help `{help}` does not say `{}`",
            marker.help
        );
    }
    let missed: Vec<_> = expected
        .iter()
        .filter(|(_, m)| !m.is_empty())
        .map(|(k, _)| k)
        .collect();
    assert!(
        unexpected.is_empty(),
        "reported without a marker:\n{}",
        unexpected.join("\n")
    );
    assert!(missed.is_empty(), "marked but not reported: {missed:?}");
}

#[test]
fn every_rule_is_exercised_by_the_fixture() {
    let marked: Vec<String> = markers().into_keys().map(|(_, _, rule)| rule).collect();
    for rule in cargo_traced::lint::RULES {
        assert!(
            marked.contains(&rule.id.to_string()),
            "no fixture mistake for `{}`",
            rule.id
        );
    }
}
