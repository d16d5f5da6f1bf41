//! The inventory as a Markdown page: one table per crate, in the inventory's order.

use super::model::{Entry, Inventory};

/// The page.
pub fn render(inventory: &Inventory) -> String {
    let mut out = String::from(
        "# Spans\n\nWritten by `cargo traced spans`: every span of the workspace, `#[traced]` fns and spans written by hand.\n",
    );
    let mut crates: Vec<&str> = inventory.spans.iter().map(|e| e.krate.as_str()).collect();
    crates.dedup();
    if crates.is_empty() {
        out.push_str("\nNo spans.\n");
    }
    for krate in crates {
        out.push_str(&format!("\n## {krate}\n\n"));
        out.push_str("| Span | Kind | Written with | Function | Attributes | Events | Sensitive | Declared | Escapes | Where |\n");
        out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for entry in inventory.spans.iter().filter(|e| e.krate == krate) {
            out.push_str(&row(entry));
        }
    }
    out
}

fn row(entry: &Entry) -> String {
    let sensitive: Vec<String> = entry
        .sensitive
        .iter()
        .map(|(key, level)| format!("{} ({level})", code(key)))
        .collect();
    let escapes: Vec<String> = entry
        .allow_missing
        .iter()
        .map(|key| format!("allow_missing {}", code(key)))
        .chain(
            entry
                .allow_sensitive
                .iter()
                .map(|(key, reason)| format!("allow_sensitive {}: {}", code(key), cell(reason))),
        )
        .collect();
    let cells = [
        code(&entry.name),
        entry.kind.clone().unwrap_or_default(),
        if entry.is_traced() {
            code(&entry.written_with)
        } else {
            format!("{} (hand-written)", code(&entry.written_with))
        },
        code(&entry.function),
        codes(&entry.attributes),
        codes(&entry.events),
        sensitive.join("<br>"),
        entry.declared.as_deref().map(code).unwrap_or_default(),
        escapes.join("<br>"),
        format!("{}:{}", cell(&entry.file), entry.line),
    ];
    format!("| {} |\n", cells.join(" | "))
}

fn codes(items: &[String]) -> String {
    items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
}

/// Text in a table cell: a `|` would end the cell, a line break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Code in a cell, with a longer fence when the text holds backticks; an empty name is
/// said, as an empty code span is no code span.
fn code(text: &str) -> String {
    let text = cell(text);
    if text.is_empty() {
        "*(empty)*".to_string()
    } else if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_pipes_backticks_and_line_breaks_inside() {
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(cell("two\nlines"), "two lines");
        assert_eq!(code(""), "*(empty)*");
        let empty = Inventory::new(Vec::new());
        assert!(render(&empty).ends_with("\nNo spans.\n"));
    }
}
