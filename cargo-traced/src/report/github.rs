//! GitHub Actions workflow commands: one `::error` annotation per finding.

use crate::lint::Outcome;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for located in &outcome.findings {
        let f = &located.finding;
        out.push_str(&format!(
            "::error file={},line={},col={},endColumn={},title={}::{}\n",
            property(&super::slashed(&located.file)),
            f.at.line,
            f.at.column,
            f.at.column + f.at.width,
            property(&format!("traced {}", f.rule)),
            data(&super::full_text(f)),
        ));
    }
    out
}

/// A message, escaped as workflow commands require.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: a message's escapes, plus `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
