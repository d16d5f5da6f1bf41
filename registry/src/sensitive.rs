//! Sensitivity marks: `annotations: {traced: {sensitive: pii | secret}}` on an attribute
//! definition or on a group (v1 group, v2 `attribute_groups` entry), and the official model's
//! `tag: sensitive-information` on a reference.

use std::fmt;

use crate::model::Location;
use crate::node::{Node, Value};
use crate::position::Pos;

/// How sensitive a key's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitivity {
    /// Personal data: recorded only pseudonymized (`traced_runtime::redact`).
    Pii,
    /// Credentials, tokens, card numbers: never recorded, not even hashed.
    Secret,
}

impl Sensitivity {
    /// The name used in the YAML (`pii`, `secret`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Pii => "pii",
            Sensitivity::Secret => "secret",
        }
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key's sensitivity and where it was set, so an error can send the reader there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SensitiveMark {
    /// `pii` or `secret`.
    pub level: Sensitivity,
    /// Where the mark is written: the `sensitive:` key, or the reference's `tag:`.
    pub set_at: Location,
    /// How it was set, for `explain` and the macro's notes.
    pub source: MarkSource,
}

/// How a mark reached a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkSource {
    /// `annotations.traced.sensitive` on the attribute's own definition.
    Definition,
    /// `annotations.traced.sensitive` on a group naming or defining the attribute.
    Group(String),
    /// `tag: sensitive-information` on a reference (the official model's `url.full`).
    Tag,
}

impl fmt::Display for SensitiveMark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            MarkSource::Definition => write!(f, "{}, set at {}", self.level, self.set_at),
            MarkSource::Group(id) => {
                write!(f, "{}, set on group `{id}` at {}", self.level, self.set_at)
            }
            MarkSource::Tag => write!(
                f,
                "{} (`tag: sensitive-information`), set at {}",
                self.level, self.set_at
            ),
        }
    }
}

pub(crate) const ACCEPTED: &str = "`pii` (personal data, recorded only pseudonymized) or \
    `secret` (never recorded)";

/// The `sensitive:` entry under `item`'s `annotations.traced`: `Ok(None)` when absent, the
/// level and where its key is written, or an error message at a position.
pub(crate) fn read_mark(item: &Node) -> Result<Option<(Sensitivity, Pos)>, (Pos, String)> {
    let Some(entry) = item
        .get("annotations")
        .and_then(|a| a.get("traced"))
        .and_then(|t| t.entry("sensitive"))
    else {
        return Ok(None);
    };
    let level = match &entry.value.value {
        Value::Str(s) if s.trim() == "pii" => Sensitivity::Pii,
        Value::Str(s) if s.trim() == "secret" => Sensitivity::Secret,
        _ => {
            let found = match entry.value.scalar_text() {
                Some(text) => format!("`{text}`"),
                None => entry.value.describe().to_string(),
            };
            return Err((
                entry.value.at,
                format!("`annotations.traced.sensitive` must be {ACCEPTED}, found {found}"),
            ));
        }
    };
    Ok(Some((level, entry.key_at)))
}

/// Whether a reference carries the official model's `tag: sensitive-information`.
pub(crate) fn tagged(item: &Node) -> bool {
    match item.get("tag").map(|t| &t.value) {
        Some(Value::Str(tag)) => tag.trim() == "sensitive-information",
        Some(Value::Seq(tags)) => tags
            .iter()
            .any(|t| t.as_str().map(str::trim) == Some("sensitive-information")),
        _ => false,
    }
}

/// Joins a mark into what a key already has: the strongest wins, and of two equal ones the
/// key's own definition, else the first found.
pub(crate) fn join(current: &mut Option<SensitiveMark>, new: SensitiveMark) {
    let stronger = match current {
        None => true,
        Some(old) => {
            new.level > old.level
                || (new.level == old.level
                    && new.source == MarkSource::Definition
                    && old.source != MarkSource::Definition)
        }
    };
    if stronger {
        *current = Some(new);
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::TempDir;
    use crate::{LoadOptions, Lookup, MarkSource, Registry, Sensitivity};

    fn mark_of(r: &Registry, key: &str) -> Option<(Sensitivity, usize, MarkSource)> {
        match r.lookup(key) {
            Lookup::Found(a) => a
                .sensitive
                .as_ref()
                .map(|m| (m.level, m.set_at.line, m.source.clone())),
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn marks_on_definitions_groups_and_tags() {
        let dir = TempDir::new("sensitive-marks");
        let v1 = dir.write(
            "v1.yaml",
            "groups:\n  - id: registry.user\n    prefix: user\n    annotations: {traced: {sensitive: pii}}\n    attributes:\n      - id: email\n        type: string\n      - id: token\n        type: string\n        annotations:\n          traced:\n            sensitive: secret\n  - id: url.common\n    attributes:\n      - ref: url.full\n        tag: sensitive-information\n      - ref: url.path\n",
        );
        let v2 = dir.write(
            "v2.yaml",
            "file_format: definition/2\nattributes:\n  - key: url.full\n    type: string\n  - key: url.path\n    type: string\n  - key: card.number\n    type: string\n    annotations: {traced: {sensitive: secret}}\n  - key: phone.number\n    type: string\nattribute_groups:\n  - id: contact\n    annotations: {traced: {sensitive: pii}}\n    attributes:\n      - ref: phone.number\n",
        );
        let strict = LoadOptions { strict: true };
        let r = Registry::load(&[&v1, &v2], &strict).unwrap_or_else(|e| panic!("{e}"));
        let group = MarkSource::Group("registry.user".into());
        assert_eq!(
            mark_of(&r, "user.email"),
            Some((Sensitivity::Pii, 4, group))
        );
        // The key's own mark wins over its group's when it is stronger.
        assert_eq!(
            mark_of(&r, "user.token"),
            Some((Sensitivity::Secret, 12, MarkSource::Definition))
        );
        assert_eq!(
            mark_of(&r, "url.full"),
            Some((Sensitivity::Pii, 16, MarkSource::Tag))
        );
        assert_eq!(mark_of(&r, "url.path"), None);
        assert_eq!(
            mark_of(&r, "card.number"),
            Some((Sensitivity::Secret, 9, MarkSource::Definition))
        );
        assert_eq!(
            mark_of(&r, "phone.number"),
            Some((Sensitivity::Pii, 14, MarkSource::Group("contact".into())))
        );
        let shown = match r.lookup("url.full") {
            Lookup::Found(a) => a.sensitive.as_ref().unwrap().to_string(),
            _ => unreachable!(),
        };
        assert!(shown.starts_with("pii (`tag: sensitive-information`), set at "));
        assert!(shown.ends_with("v1.yaml:16:9"), "{shown}");
    }

    #[test]
    fn a_bad_mark_is_an_error_with_the_accepted_values() {
        let dir = TempDir::new("sensitive-bad");
        let file = dir.write(
            "a.yaml",
            "groups:\n  - id: g\n    annotations: {traced: {sensitive: [pii]}}\n    attributes:\n      - id: user.email\n        type: string\n        annotations: {traced: {sensitive: maybe}}\n",
        );
        let errors = match Registry::load(&[&file], &LoadOptions::default()) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e.0,
        };
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0]
                .message
                .starts_with("group `g`: `annotations.traced.sensitive` must be"),
            "{}",
            errors[0]
        );
        assert!(errors[0].message.ends_with("found a list"), "{}", errors[0]);
        let e = &errors[1];
        assert_eq!((e.file.as_path(), e.line), (file.as_path(), Some(7)));
        assert_eq!(
            e.message,
            "attribute `user.email`: `annotations.traced.sensitive` must be `pii` (personal data, \
             recorded only pseudonymized) or `secret` (never recorded), found `maybe`"
        );
    }
}
