//! SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules in the driver, each
//! result with its rule, level, message and a region in a file relative to the checkout.

use serde_json::{Value, json};

use crate::lint::{Outcome, RULES};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://docs.rs/cargo-traced";

pub fn render(outcome: &Outcome) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": rule.summary },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|located| {
            let f = &located.finding;
            json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule),
                "level": "error",
                "message": { "text": super::full_text(f) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": super::slashed(&located.file),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": f.at.line,
                            "startColumn": f.at.column,
                            "endColumn": f.at.column + f.at.width,
                        },
                    },
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cargo-traced",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                },
            },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("plain data serializes");
    text.push('\n');
    text
}
