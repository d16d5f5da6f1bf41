//! Each output format on the fixture, against committed snapshots; SARIF's required fields.

mod common;

use common::{lint_fixture, snapshot, stdout};
use serde_json::Value;

#[test]
fn human() {
    let output = lint_fixture("human");
    assert_eq!(output.status.code(), Some(1));
    snapshot("fixture.human.txt", &stdout(&output));
}

#[test]
fn json() {
    let output = lint_fixture("json");
    assert_eq!(output.status.code(), Some(1));
    snapshot("fixture.json", &stdout(&output));
}

#[test]
fn github() {
    let output = lint_fixture("github");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error file=shop/src/")),
        "{text}"
    );
    snapshot("fixture.github.txt", &text);
}

#[test]
fn sarif() {
    let output = lint_fixture("sarif");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    snapshot("fixture.sarif.json", &text);
    check_sarif(&serde_json::from_str(&text).unwrap());
}

/// What SARIF 2.1.0 requires, and what GitHub code scanning reads.
fn check_sarif(log: &Value) {
    let text = |v: &Value, what: &str| {
        v.as_str()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| panic!("{what} must be a non-empty string: {v}"))
            .to_string()
    };
    assert!(text(&log["$schema"], "$schema").contains("sarif-2.1.0"));
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs[]");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(text(&driver["name"], "driver.name"), "cargo-traced");
    assert!(text(&driver["informationUri"], "informationUri").starts_with("https://"));
    let rules: Vec<String> = driver["rules"]
        .as_array()
        .expect("driver.rules[]")
        .iter()
        .map(|r| {
            text(&r["shortDescription"]["text"], "rule shortDescription");
            text(&r["id"], "rule id")
        })
        .collect();
    let results = runs[0]["results"].as_array().expect("results[]");
    assert!(!results.is_empty());
    for result in results {
        let rule = text(&result["ruleId"], "ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index], rule, "ruleIndex points at its rule");
        assert!(
            ["error", "warning", "note", "none"]
                .contains(&text(&result["level"], "level").as_str())
        );
        text(&result["message"]["text"], "message.text");
        let locations = result["locations"].as_array().expect("locations[]");
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        let uri = text(&physical["artifactLocation"]["uri"], "artifactLocation.uri");
        assert!(
            !uri.starts_with('/') && !uri.contains('\\') && uri.ends_with(".rs"),
            "relative URI: {uri}"
        );
        let region = &physical["region"];
        assert!(region["startLine"].as_u64().expect("startLine") >= 1);
        let start = region["startColumn"].as_u64().expect("startColumn");
        assert!(start >= 1 && region["endColumn"].as_u64().expect("endColumn") > start);
    }
}
