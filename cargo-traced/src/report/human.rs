//! Findings the way rustc shows diagnostics: the rule, the place, the line with a caret under
//! the token, the fix.

use std::fmt::Write;

use crate::lint::{Located, Outcome};
use crate::stdout::counted;

/// Tabs are shown as four spaces, as rustc does, so the caret stays under the token.
const TAB: &str = "    ";

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for located in &outcome.findings {
        finding(&mut out, located);
    }
    let n = outcome.findings.len();
    if n == 0 {
        let _ = writeln!(
            out,
            "ok: {} checked, no findings",
            counted(outcome.files, "file")
        );
    } else {
        let files = {
            let mut files: Vec<_> = outcome.findings.iter().map(|f| &f.file).collect();
            files.dedup();
            files.len()
        };
        let _ = writeln!(
            out,
            "error: {} in {} (of {} checked)",
            counted(n, "finding"),
            counted(files, "file"),
            outcome.files
        );
    }
    out
}

fn finding(out: &mut String, located: &Located) {
    let f = &located.finding;
    let line_no = f.at.line.to_string();
    let pad = " ".repeat(line_no.len());
    let line: String = located.line.replace('\t', TAB);
    // The caret's offset: the characters before the column, tabs widened.
    let before: usize = located
        .line
        .chars()
        .take(f.at.column.saturating_sub(1))
        .map(|c| if c == '\t' { TAB.len() } else { 1 })
        .sum();
    let _ = writeln!(out, "error[{}]: {}", f.rule, f.message);
    let _ = writeln!(
        out,
        "{pad}--> {}:{}:{}",
        located.file.display(),
        f.at.line,
        f.at.column
    );
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{line_no} | {}", line.trim_end());
    let _ = writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(before),
        "^".repeat(f.at.width.max(1))
    );
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{pad} = help: {}", f.help);
    for note in &f.notes {
        let _ = writeln!(out, "{pad} = note: {note}");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Finding;
    use crate::scan::Place;

    #[test]
    fn the_caret_stays_under_the_token_after_tabs() {
        let outcome = Outcome {
            files: 1,
            findings: vec![Located {
                file: "src/lib.rs".into(),
                line: "\tspan.add_event(\"x\", vec![]);".into(),
                function: None,
                finding: Finding {
                    rule: "unknown-event",
                    at: Place {
                        line: 12,
                        column: 17,
                        width: 3,
                    },
                    message: "event `x` is not in the registry".into(),
                    help: "register it".into(),
                    notes: vec!["a note".into()],
                },
            }],
        };
        assert_eq!(
            render(&outcome),
            "error[unknown-event]: event `x` is not in the registry\n  --> src/lib.rs:12:17\n   |\n12 |     span.add_event(\"x\", vec![]);\n   |                    ^^^\n   |\n   = help: register it\n   = note: a note\n\nerror: 1 finding in 1 file (of 1 checked)\n"
        );
    }
}
