//! One JSON document: every finding with its rule, place, message and fix.

use serde::Serialize;

use crate::lint::Outcome;

#[derive(Serialize)]
struct Document<'a> {
    files_checked: usize,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    file: String,
    line: usize,
    column: usize,
    end_column: usize,
    function: Option<&'a str>,
    message: &'a str,
    help: &'a str,
    notes: &'a [String],
}

pub fn render(outcome: &Outcome) -> String {
    let document = Document {
        files_checked: outcome.files,
        findings: outcome
            .findings
            .iter()
            .map(|l| Finding {
                rule: l.finding.rule,
                file: super::slashed(&l.file),
                line: l.finding.at.line,
                column: l.finding.at.column,
                end_column: l.finding.at.column + l.finding.at.width,
                function: l.function.as_deref(),
                message: &l.finding.message,
                help: &l.finding.help,
                notes: &l.finding.notes,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}
