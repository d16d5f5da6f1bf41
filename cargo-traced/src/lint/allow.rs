//! `// traced: allow(rule-id)` on the line before a finding silences it. syn drops comments, so
//! they are read from the source lines.

/// The rule ids a `// traced: allow(a, b)` comment on `line` (1-based) allows for `line + 1`.
pub fn allowed(lines: &[&str], line: usize) -> Vec<String> {
    let Some(previous) = line.checked_sub(2).and_then(|i| lines.get(i)) else {
        return Vec::new();
    };
    let Some((_, comment)) = previous.split_once("//") else {
        return Vec::new();
    };
    let comment = comment.trim_start_matches('/').trim();
    let Some(list) = comment
        .strip_prefix("traced:")
        .map(str::trim_start)
        .and_then(|c| c.strip_prefix("allow("))
        .and_then(|c| c.split_once(')'))
        .map(|(list, _)| list)
    else {
        return Vec::new();
    };
    list.split(',')
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_on_the_line_before() {
        let lines = [
            "    // traced: allow(unknown-key, sensitive-raw) -- the peer's own key",
            "    KeyValue::new(\"peer.key\", v);",
            "    let x = 1; // traced: allow(unknown-key)",
            "    KeyValue::new(\"other\", v);",
            "    // traced allow(unknown-key)",
            "    KeyValue::new(\"third\", v);",
        ];
        assert_eq!(allowed(&lines, 2), ["unknown-key", "sensitive-raw"]);
        assert_eq!(allowed(&lines, 4), ["unknown-key"]);
        assert!(allowed(&lines, 6).is_empty());
        assert!(allowed(&lines, 1).is_empty());
        assert!(allowed(&lines, 99).is_empty());
    }
}
