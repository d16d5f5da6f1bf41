//! Line and column of mapping keys, found by scanning the raw text.
//!
//! The YAML tree carries no positions, so every `name: value` pair written on one line is
//! indexed here, and definitions are matched to it by name and value in order of appearance.
//! Block scalars (`note: |`) are skipped so prose that looks like `id: x` is not indexed.

use std::borrow::Cow;
use std::collections::HashMap;

pub(crate) use crate::source::Pos;

#[derive(Debug)]
struct Field<'a> {
    pos: Pos,
    /// The scalar written after the colon, unquoted; empty for collections and block scalars.
    value: Cow<'a, str>,
}

/// Every `name: value` pair of one file, by name, in file order.
#[derive(Debug, Default)]
pub(crate) struct Index<'a> {
    fields: HashMap<Cow<'a, str>, Vec<Field<'a>>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(text: &'a str) -> Index<'a> {
        let mut index = Index::default();
        // Lines indented deeper than this column belong to a block scalar.
        let mut block: Option<usize> = None;
        for (n, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            if let Some(b) = block {
                if line.trim().is_empty() || indent > b {
                    continue;
                }
                block = None;
            }
            if let Some(b) = index.scan_line(line, n + 1, indent) {
                block = Some(b);
            }
        }
        index
    }

    /// Indexes one line; returns the key's column when its value opens a block scalar.
    fn scan_line(&mut self, line: &'a str, line_no: usize, indent: usize) -> Option<usize> {
        let mut col = indent;
        let mut rest = &line[indent..];
        // Sequence indicators: `- `, possibly repeated (`- - id: x`).
        while let Some(r) = rest.strip_prefix("- ").or(rest.strip_prefix("-\t")) {
            let trimmed = r.trim_start();
            col += rest.len() - trimmed.len();
            rest = trimmed;
        }
        if rest.starts_with('#') || rest.is_empty() {
            return None;
        }
        if rest.starts_with('{') {
            self.scan_flow(rest, line_no, col);
            return None;
        }
        let (key, after_key) = split_key(rest)?;
        let key_col = col;
        let value_off = col + (rest.len() - after_key.len());
        let (value, value_col) = strip_leading(after_key, value_off);
        if value.starts_with('|') || value.starts_with('>') {
            self.push(key, Cow::Borrowed(""), line_no, key_col);
            return Some(key_col);
        }
        if value.starts_with('{') {
            self.push(key, Cow::Borrowed(""), line_no, key_col);
            self.scan_flow(value, line_no, value_col);
            return None;
        }
        self.push(key, scalar(value), line_no, key_col);
        None
    }

    /// Indexes `{a: b, c: {d: e}}` written on one line, starting at 0-based column `col`.
    fn scan_flow(&mut self, text: &'a str, line_no: usize, col: usize) {
        let Some(inner) = text.strip_prefix('{') else {
            return;
        };
        let mut start = 0;
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (i, c) in inner.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '{' | '[') => depth += 1,
                (None, '}' | ']') if depth > 0 => depth -= 1,
                (None, ',' | '}') if depth == 0 => {
                    self.scan_flow_item(&inner[start..i], line_no, col + 1 + start);
                    start = i + 1;
                    if c == '}' {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn scan_flow_item(&mut self, item: &'a str, line_no: usize, col: usize) {
        let (item, col) = strip_leading(item, col);
        let Some((key, after_key)) = split_key(item) else {
            return;
        };
        let (value, value_col) = strip_leading(after_key, col + (item.len() - after_key.len()));
        if value.starts_with('{') {
            self.push(key, Cow::Borrowed(""), line_no, col);
            self.scan_flow(value, line_no, value_col);
        } else {
            self.push(key, scalar(value.trim_end()), line_no, col);
        }
    }

    fn push(&mut self, key: Cow<'a, str>, value: Cow<'a, str>, line: usize, col0: usize) {
        let pos = Pos {
            line,
            column: col0 + 1,
        };
        self.fields
            .entry(key)
            .or_default()
            .push(Field { pos, value });
    }

    fn matching<'s>(
        &'s self,
        name: &str,
        value: Option<&'s str>,
    ) -> impl Iterator<Item = Pos> + 's {
        self.fields
            .get(name)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(move |f| value.is_none_or(|v| f.value == v))
            .map(|f| f.pos)
    }

    /// The first `name: value` strictly after `after` (anywhere when `after` is `None`).
    pub(crate) fn find_after(
        &self,
        name: &str,
        value: Option<&str>,
        after: Option<Pos>,
    ) -> Option<Pos> {
        let fields = self.fields.get(name)?;
        // Fields are pushed in file order, so the search can start right after `after`.
        let start = after.map_or(0, |a| fields.partition_point(|f| f.pos <= a));
        fields[start..]
            .iter()
            .find(|f| value.is_none_or(|v| f.value == v))
            .map(|f| f.pos)
    }

    /// The `name: value` in the same mapping as the key at `anchor` (same column), nearest by
    /// line; keys of one block mapping share their column.
    pub(crate) fn find_near(&self, name: &str, value: Option<&str>, anchor: Pos) -> Option<Pos> {
        self.matching(name, value)
            .filter(|p| p.column == anchor.column)
            .min_by_key(|p| (p.line.abs_diff(anchor.line), p.line < anchor.line))
    }
}

impl Index<'_> {
    /// The second `name:` of the block mapping starting at `start` (a duplicated key).
    pub(crate) fn second_in_mapping(&self, name: &str, start: Pos) -> Option<Pos> {
        self.matching(name, None)
            .filter(|p| p.column == start.column && *p >= start)
            .nth(1)
    }
}

/// Splits `key: rest` (or `key:` at the end), handling quoted keys.
fn split_key(text: &str) -> Option<(Cow<'_, str>, &str)> {
    if let Some(q @ ('"' | '\'')) = text.chars().next() {
        let end = text[1..].find(q)? + 1;
        let after = text[end + 1..].trim_start_matches(' ');
        let after = after.strip_prefix(':')?;
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        return Some((Cow::Borrowed(&text[1..end]), after));
    }
    let mut search = 0;
    loop {
        let i = search + text[search..].find(':')?;
        let after = &text[i + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = text[..i].trim_end();
            if key.is_empty() || key.contains(" #") {
                return None;
            }
            return Some((Cow::Borrowed(key), after));
        }
        search = i + 1;
    }
}

/// Skips blanks, returning the rest and its 0-based column.
fn strip_leading(text: &str, col: usize) -> (&str, usize) {
    let trimmed = text.trim_start_matches([' ', '\t']);
    (trimmed, col + (text.len() - trimmed.len()))
}

/// The scalar spelled by `text` (quotes and trailing comments removed, anchors skipped).
fn scalar(text: &str) -> Cow<'_, str> {
    let mut text = text.trim();
    if let Some(anchored) = text.strip_prefix('&') {
        text = anchored
            .split_once([' ', '\t'])
            .map_or("", |(_, rest)| rest.trim_start());
    }
    if let Some(inner) = text.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = chars.next() {
                        out.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                c => out.push(c),
            }
        }
        return Cow::Owned(out);
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                break;
            }
            out.push(c);
        }
        return Cow::Owned(out);
    }
    let end = text.find(" #").unwrap_or(text.len());
    Cow::Borrowed(text[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn finds_block_and_sequence_keys() {
        let text = "groups:\n  - id: registry.http\n    attributes:\n      - id: http.route\n        type: string\n";
        let index = Index::new(text);
        assert_eq!(
            index.find_after("id", Some("http.route"), None),
            Some(pos(4, 9))
        );
        assert_eq!(index.find_after("groups", None, None), Some(pos(1, 1)));
        assert_eq!(
            index.find_near("type", Some("string"), pos(4, 9)),
            Some(pos(5, 9))
        );
    }

    #[test]
    fn handles_quotes_comments_anchors_and_flow() {
        let text =
            "- key: \"a.b\" # the key\n- key: 'c''d'\n- key: &x e.f\n- {key: g.h, type: int}\n";
        let index = Index::new(text);
        assert_eq!(index.find_after("key", Some("a.b"), None), Some(pos(1, 3)));
        assert_eq!(index.find_after("key", Some("c'd"), None), Some(pos(2, 3)));
        assert_eq!(index.find_after("key", Some("e.f"), None), Some(pos(3, 3)));
        assert_eq!(index.find_after("key", Some("g.h"), None), Some(pos(4, 4)));
        assert_eq!(
            index.find_after("type", Some("int"), None),
            Some(pos(4, 14))
        );
    }

    #[test]
    fn skips_block_scalars() {
        let text = "- note: |\n    id: fake\n\n    more\n  id: real\n";
        let index = Index::new(text);
        assert_eq!(index.find_after("id", Some("fake"), None), None);
        assert_eq!(index.find_after("id", Some("real"), None), Some(pos(5, 3)));
    }

    #[test]
    fn find_after_is_strict() {
        let text = "- ref: a\n- ref: a\n";
        let index = Index::new(text);
        let first = index.find_after("ref", Some("a"), None);
        assert_eq!(first, Some(pos(1, 3)));
        assert_eq!(index.find_after("ref", Some("a"), first), Some(pos(2, 3)));
        assert_eq!(index.find_after("ref", Some("a"), Some(pos(2, 3))), None);
    }

    #[test]
    fn never_panics_on_odd_lines() {
        for text in [
            "-",
            "- -",
            ":",
            "'",
            "\"",
            "{",
            "{a",
            "a: {b: [c, {d: e}",
            "- 'x: y",
            "é: ü",
            "\t- a: b",
        ] {
            let _ = Index::new(text);
        }
    }
}
