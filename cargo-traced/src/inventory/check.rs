//! `--check`: a committed inventory compared with the code's, each difference in words.
//!
//! A span's identity is its crate and fn path (and whether `#[traced]` or a hand-written call
//! makes it), never its line: moving code changes nothing, renaming a span is "renamed". Within
//! one fn, unchanged spans are matched first, then spans of the same name; the ones left are
//! paired in order, as renames.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::model::{Entry, FORMAT, Inventory};

/// Why a committed inventory could not be compared: exit 2.
#[derive(Debug)]
pub struct Unusable(pub String);

/// Reads a committed inventory. The error says which file, what is wrong (with serde_json's
/// line and column) and how to write a good one.
pub fn read(path: &Path, update: &str) -> Result<Inventory, Unusable> {
    let shown = path.display();
    let create = format!("help: write it with `{update}`");
    let text = std::fs::read_to_string(path).map_err(|e| {
        Unusable(format!(
            "cannot read the span inventory {shown}: {e}\n{create}"
        ))
    })?;
    parse(&text).map_err(|e| Unusable(format!("{shown}:{e}\n{create}")))
}

/// An inventory from JSON; the error starts with `line:column: `.
pub fn parse(text: &str) -> Result<Inventory, String> {
    let inventory: Inventory = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        // serde_json ends its message with the place, which leads ours.
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at line {line} column {column}"))
            .unwrap_or(&message);
        format!("{line}:{column}: not a span inventory: {message}")
    })?;
    if inventory.format != FORMAT {
        return Err(format!(
            "1:1: not a span inventory: `format` is `{}`, expected `{FORMAT}`",
            inventory.format
        ));
    }
    Ok(inventory)
}

/// Every difference from `old` (committed) to `new` (the code), in words; empty when equal.
pub fn differences(old: &Inventory, new: &Inventory) -> Vec<String> {
    let (old_groups, new_groups) = (by_identity(old), by_identity(new));
    let identities: BTreeSet<_> = old_groups.keys().chain(new_groups.keys()).collect();
    let mut out = Vec::new();
    for identity in identities {
        let mut before: Vec<&Entry> = old_groups.get(identity).cloned().unwrap_or_default();
        let mut after: Vec<&Entry> = new_groups.get(identity).cloned().unwrap_or_default();
        let mut pairs = Vec::new();
        // Unchanged spans first, so that of two spans with one name (a fn under two `cfg`s)
        // neither is compared with the other's twin.
        for matches in [Entry::same as fn(&Entry, &Entry) -> bool, |a, b| {
            a.name == b.name
        }] {
            before.retain(|b| match after.iter().position(|a| matches(a, b)) {
                Some(i) => {
                    pairs.push((*b, after.remove(i)));
                    false
                }
                None => true,
            });
        }
        before.sort_by_key(|e| e.line);
        after.sort_by_key(|e| e.line);
        let renamed = before.len().min(after.len());
        for (b, a) in before.drain(..renamed).zip(after.drain(..renamed)) {
            out.push(format!(
                "span renamed: {}: {:?} → {:?}",
                a.owner(),
                b.name,
                a.name
            ));
            pairs.push((b, a));
        }
        for b in before {
            out.push(format!(
                "span removed: {}: {:?} ({}, was at {}:{})",
                b.owner(),
                b.name,
                b.written_with,
                b.file,
                b.line
            ));
        }
        for a in after {
            out.push(format!(
                "span added: {}: {:?} ({} at {}:{})",
                a.owner(),
                a.name,
                a.written_with,
                a.file,
                a.line
            ));
        }
        for (b, a) in pairs {
            changes(b, a, &mut out);
        }
    }
    out
}

/// The spans of each identity: crate, fn path, and whether `#[traced]` makes them.
fn by_identity(inventory: &Inventory) -> BTreeMap<(String, String, bool), Vec<&Entry>> {
    let mut groups: BTreeMap<_, Vec<&Entry>> = BTreeMap::new();
    for entry in &inventory.spans {
        groups
            .entry((
                entry.krate.clone(),
                entry.function.clone(),
                entry.is_traced(),
            ))
            .or_default()
            .push(entry);
    }
    groups
}

/// What changed in one span, named as it is now.
fn changes(old: &Entry, new: &Entry, out: &mut Vec<String>) {
    let subject = format!("{} {:?}", new.owner(), new.name);
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_string());
    if old.kind != new.kind {
        out.push(format!(
            "kind changed: {subject}: {} → {}",
            shown(&old.kind),
            shown(&new.kind)
        ));
    }
    if old.declared != new.declared {
        out.push(format!(
            "declared span changed: {subject}: {} → {}",
            shown(&old.declared),
            shown(&new.declared)
        ));
    }
    if old.written_with != new.written_with {
        out.push(format!(
            "now written with {}: {subject} (was {})",
            new.written_with, old.written_with
        ));
    }
    let mark = |entry: &Entry, key: &str| {
        entry
            .sensitive
            .get(key)
            .map(|level| format!(" ({level})"))
            .unwrap_or_default()
    };
    let (added, removed) = set_changes(&old.attributes, &new.attributes);
    for key in added {
        out.push(format!(
            "attribute added: {subject}: {key}{}",
            mark(new, key)
        ));
    }
    for key in removed {
        out.push(format!(
            "attribute removed: {subject}: {key}{}",
            mark(old, key)
        ));
    }
    for key in new.attributes.iter().filter(|k| old.attributes.contains(k)) {
        match (old.sensitive.get(key), new.sensitive.get(key)) {
            (old_level, Some(level)) if old_level != Some(level) => {
                out.push(format!("now sensitive: {subject}: {key} ({level})"));
            }
            (Some(level), None) => {
                out.push(format!(
                    "no longer sensitive: {subject}: {key} (was {level})"
                ));
            }
            _ => {}
        }
    }
    let (added, removed) = set_changes(&old.events, &new.events);
    for name in added {
        out.push(format!("event added: {subject}: {name}"));
    }
    for name in removed {
        out.push(format!("event removed: {subject}: {name}"));
    }
    let (added, removed) = set_changes(&old.allow_missing, &new.allow_missing);
    for key in added {
        out.push(format!("allow_missing added: {subject}: {key}"));
    }
    for key in removed {
        out.push(format!("allow_missing removed: {subject}: {key}"));
    }
    for (key, reason) in &new.allow_sensitive {
        match old.allow_sensitive.get(key) {
            None => out.push(format!(
                "allow_sensitive added: {subject}: {key} ({reason:?})"
            )),
            Some(before) if before != reason => out.push(format!(
                "allow_sensitive reason changed: {subject}: {key}: {before:?} → {reason:?}"
            )),
            Some(_) => {}
        }
    }
    for key in old.allow_sensitive.keys() {
        if !new.allow_sensitive.contains_key(key) {
            out.push(format!("allow_sensitive removed: {subject}: {key}"));
        }
    }
}

/// `(in new only, in old only)`.
fn set_changes<'a>(old: &'a [String], new: &'a [String]) -> (Vec<&'a String>, Vec<&'a String>) {
    (
        new.iter().filter(|k| !old.contains(k)).collect(),
        old.iter().filter(|k| !new.contains(k)).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> Entry {
        Entry {
            krate: "app".into(),
            function: "m::f".into(),
            written_with: super::super::model::TRACED.into(),
            name: name.into(),
            kind: Some("internal".into()),
            declared: None,
            attributes: vec!["a.b".into()],
            events: vec!["e.one".into()],
            sensitive: BTreeMap::new(),
            allow_missing: Vec::new(),
            allow_sensitive: BTreeMap::new(),
            file: "src/m.rs".into(),
            line: 3,
        }
    }

    fn between(old: Entry, new: Entry) -> Vec<String> {
        differences(&Inventory::new(vec![old]), &Inventory::new(vec![new]))
    }

    #[test]
    fn each_change_is_said_in_words() {
        let old = entry("n");
        let mut new = entry("n");
        new.declared = Some("http.client".into());
        new.events = vec!["e.two".into()];
        new.allow_missing = vec!["url.full".into()];
        new.allow_sensitive
            .insert("user.email".into(), "inbox".into());
        new.written_with = "tracer.start".into();
        let said = between(old, new);
        // Written by hand now: another identity, so removed and added.
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(
            said,
            [
                "span added: fn m::f (app): \"n\" (tracer.start at src/m.rs:3)",
                "span removed: fn m::f (app): \"n\" (#[traced], was at src/m.rs:3)",
            ]
        );

        let mut new = entry("n");
        new.declared = Some("http.client".into());
        new.events = vec!["e.two".into()];
        new.allow_missing = vec!["url.full".into()];
        new.allow_sensitive
            .insert("user.email".into(), "inbox".into());
        let said = between(entry("n"), new);
        let subject = "fn m::f (app) \"n\"";
        assert_eq!(
            said,
            [
                format!("declared span changed: {subject}: none → http.client"),
                format!("event added: {subject}: e.two"),
                format!("event removed: {subject}: e.one"),
                format!("allow_missing added: {subject}: url.full"),
                format!("allow_sensitive added: {subject}: user.email (\"inbox\")"),
            ]
        );

        let mut old = entry("n");
        old.sensitive.insert("a.b".into(), "pii".into());
        let said = between(old, entry("n"));
        assert_eq!(
            said,
            [format!("no longer sensitive: {subject}: a.b (was pii)")]
        );
    }

    #[test]
    fn spans_of_one_fn_match_by_name_then_in_order() {
        let both = |names: &[&str]| {
            Inventory::new(
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| Entry {
                        line: i + 1,
                        ..entry(n)
                    })
                    .collect(),
            )
        };
        assert!(differences(&both(&["x", "y"]), &both(&["y", "x"])).is_empty());
        assert_eq!(
            differences(&both(&["x", "y"]), &both(&["x", "z"])),
            ["span renamed: fn m::f (app): \"y\" → \"z\""]
        );
    }
}
