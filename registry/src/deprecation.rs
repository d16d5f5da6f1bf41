//! Reading `deprecated:`: the v1 string form, or `{reason, renamed_to, note}`.

use crate::field::{non_empty, unknown_field, unknown_in, FieldError};
use crate::model::Deprecation;
use crate::node::{Node, Value};
use crate::suggest;

pub(crate) const DEPRECATED_FIELDS: &[&str] = &["reason", "renamed_to", "note"];

/// Parses `deprecated:`: a string (the v1 form) or `{reason, renamed_to, note}`.
pub(crate) fn parse_deprecation(node: &Node, strict: bool) -> Result<Deprecation, FieldError> {
    let entries = match &node.value {
        Value::Str(s) => return Ok(Deprecation::Uncategorized { note: non_empty(s) }),
        Value::Map(entries) => entries,
        _ => {
            return Err(FieldError::at_field(format!(
            "`deprecated` must be a string or a mapping `{{reason, renamed_to, note}}`, found {}",
            node.describe()
        )))
        }
    };
    if let Some(field) = unknown_in(entries, DEPRECATED_FIELDS, strict) {
        return Err(FieldError::at(
            field.key_at,
            unknown_field(&field.key, "`deprecated`", DEPRECATED_FIELDS),
        ));
    }
    let note = node
        .get("note")
        .and_then(Node::scalar_text)
        .and_then(|s| non_empty(&s));
    let renamed_to = match node.get("renamed_to") {
        None => None,
        Some(Node {
            value: Value::Null, ..
        }) => None,
        Some(other) => Some(other.as_str().and_then(non_empty).ok_or_else(|| {
            FieldError::at(
                node.key_at("renamed_to"),
                format!(
                    "`renamed_to` must be the key of the replacement attribute, found {}",
                    other.describe()
                ),
            )
        })?),
    };
    let reason = node.get("reason").and_then(Node::as_str).map(str::trim);
    match (reason, renamed_to) {
        (Some("renamed") | None, Some(renamed_to)) => Ok(Deprecation::Renamed { renamed_to, note }),
        (Some("renamed"), None) => Err(FieldError::at(
            node.key_at("reason"),
            "`reason: renamed` needs `renamed_to: <key of the replacement>`".to_string(),
        )),
        (Some("obsoleted"), _) => Ok(Deprecation::Obsoleted { note }),
        (Some("uncategorized") | None, _) => Ok(Deprecation::Uncategorized { note }),
        (Some(other), _) => {
            let hint = suggest::hint(other, &["renamed", "obsoleted", "uncategorized"]);
            Err(FieldError::at(
                node.key_at("reason"),
                format!(
                    "unknown deprecation reason `{other}`; expected renamed, obsoleted or \
                     uncategorized{hint}"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::yaml::{map, s};

    #[test]
    fn deprecations() {
        assert_eq!(
            parse_deprecation(&s("  use x instead "), false),
            Ok(Deprecation::Uncategorized {
                note: Some("use x instead".to_string())
            })
        );
        let renamed = map(vec![("reason", s("renamed")), ("renamed_to", s("a.b"))]);
        assert_eq!(
            parse_deprecation(&renamed, false).unwrap().renamed_to(),
            Some("a.b")
        );
        let missing = map(vec![("reason", s("renamed"))]);
        assert!(parse_deprecation(&missing, false).is_err());
        let typo = map(vec![("reason", s("obsolete"))]);
        assert!(parse_deprecation(&typo, false)
            .unwrap_err()
            .message
            .contains("did you mean `obsoleted`"));
        let extra = map(vec![("reason", s("obsoleted")), ("why", s("x"))]);
        assert!(parse_deprecation(&extra, false).is_ok());
        assert!(parse_deprecation(&extra, true).is_err());
    }
}
