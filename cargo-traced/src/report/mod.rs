//! The output formats of `cargo traced lint`, one file each.

mod github;
mod human;
mod json;
mod sarif;

use crate::lint::{Format, Outcome};

/// The whole output of a run in `format`.
pub fn render(format: Format, outcome: &Outcome) -> String {
    match format {
        Format::Human => human::render(outcome),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// The file's path with `/` separators, as URIs and annotations want it on every platform.
fn slashed(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The message with its help and notes, for formats with one text field.
fn full_text(finding: &crate::lint::Finding) -> String {
    let mut text = format!("{}\nhelp: {}", finding.message, finding.help);
    for note in &finding.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    text
}
