//! Reading `type:`: a type name, `template[T]`, `any`, or an enum with its members.

use crate::deprecation::parse_deprecation;
use crate::field::{trimmed, unknown_field, unknown_in, FieldError};
use crate::model::{AttrType, EnumMember, EnumValue, Primitive};
use crate::node::{Node, Value};
use crate::suggest;

/// Every type spelled as a name, for "expected one of" and "did you mean".
const TYPE_NAMES: &[&str] = &[
    "string",
    "int",
    "double",
    "boolean",
    "string[]",
    "int[]",
    "double[]",
    "boolean[]",
    "template[string]",
    "template[int]",
    "template[double]",
    "template[boolean]",
    "template[string[]]",
    "template[int[]]",
    "template[double[]]",
    "template[boolean[]]",
    "any",
];

const EXPECTED_TYPES: &str = "string, int, double, boolean, string[], int[], double[], \
     boolean[], template[T], any, or an enum (`members:`)";

pub(crate) const ENUM_FIELDS: &[&str] = &["members", "allow_custom_values"];
pub(crate) const MEMBER_FIELDS: &[&str] = &[
    "id",
    "value",
    "brief",
    "note",
    "stability",
    "deprecated",
    "annotations",
];
/// Parses `type:`. With `strict`, unknown fields in an enum are errors.
pub(crate) fn parse_type(node: &Node, strict: bool) -> Result<AttrType, FieldError> {
    match &node.value {
        Value::Str(name) => parse_type_name(name.trim()).ok_or_else(|| {
            let hint = suggest::hint(name.trim(), TYPE_NAMES);
            FieldError::at_field(format!(
                "unknown type `{name}`; expected one of {EXPECTED_TYPES}{hint}"
            ))
        }),
        Value::Map(entries) => {
            if let Some(field) = unknown_in(entries, ENUM_FIELDS, strict) {
                return Err(FieldError::at(
                    field.key_at,
                    unknown_field(&field.key, "an enum type", ENUM_FIELDS),
                ));
            }
            parse_enum(node, strict)
        }
        _ => Err(FieldError::at_field(format!(
            "expected a type name or an enum (`members:`), found {}; use one of {EXPECTED_TYPES}",
            node.describe()
        ))),
    }
}

fn parse_type_name(name: &str) -> Option<AttrType> {
    if name == "any" {
        return Some(AttrType::Any);
    }
    if let Some(inner) = name
        .strip_prefix("template[")
        .and_then(|r| r.strip_suffix(']'))
    {
        return Primitive::parse(inner.trim()).map(AttrType::Template);
    }
    Primitive::parse(name).map(AttrType::Primitive)
}

fn parse_enum(node: &Node, strict: bool) -> Result<AttrType, FieldError> {
    let members_at = node.key_at("members");
    let members = match node.get("members").map(|m| &m.value) {
        Some(Value::Seq(items)) if !items.is_empty() => items,
        Some(Value::Seq(_)) => {
            return Err(FieldError::at(
                members_at,
                "enum type with no members; list at least one `- id: ..., value: ...`".to_string(),
            ))
        }
        Some(_) => {
            let found = node.get("members").map_or("nothing", Node::describe);
            return Err(FieldError::at(
                members_at,
                format!("`members` must be a list of `{{id, value}}`, found {found}"),
            ));
        }
        None => {
            return Err(FieldError::at_field(format!(
                "a mapping `type:` must be an enum with `members:`; otherwise use one of {EXPECTED_TYPES}"
            )))
        }
    };
    let mut out = Vec::with_capacity(members.len());
    let (mut strings, mut ints, mut doubles) = (0, 0, 0);
    for member in members {
        let m = parse_member(member, strict)?;
        match m.value {
            EnumValue::String(_) => strings += 1,
            EnumValue::Int(_) => ints += 1,
            EnumValue::Double(_) => doubles += 1,
        }
        out.push(m);
    }
    let value_type = match (strings, ints, doubles) {
        (_, 0, 0) => Primitive::String,
        (0, _, 0) => Primitive::Int,
        (0, _, _) => Primitive::Double,
        _ => {
            return Err(FieldError::at(
                members_at,
                "enum members mix string and number values; give every member a value of the \
                 same type"
                    .to_string(),
            ))
        }
    };
    if value_type == Primitive::Double {
        // Integers among doubles are doubles (`value: 1` next to `value: 1.5`).
        for m in &mut out {
            if let EnumValue::Int(i) = m.value {
                m.value = EnumValue::Double(i as f64);
            }
        }
    }
    Ok(AttrType::Enum {
        value_type,
        members: out,
    })
}

fn parse_member(member: &Node, strict: bool) -> Result<EnumMember, FieldError> {
    let Value::Map(entries) = &member.value else {
        return Err(FieldError::at(
            member.at,
            format!(
                "enum member must be a mapping `{{id, value}}`, found {}",
                member.describe()
            ),
        ));
    };
    if let Some(field) = unknown_in(entries, MEMBER_FIELDS, strict) {
        return Err(FieldError::at(
            field.key_at,
            unknown_field(&field.key, "an enum member", MEMBER_FIELDS),
        ));
    }
    let Some(id) = member.get("id").and_then(Node::scalar_text) else {
        return Err(FieldError::at(
            member.at,
            "enum member without `id`; add `id: <name>`".to_string(),
        ));
    };
    let value = match member.get("value").map(|v| &v.value) {
        Some(Value::Str(s)) => EnumValue::String(s.clone()),
        Some(Value::Int(i)) => EnumValue::Int(*i),
        Some(Value::Float(f)) => EnumValue::Double(*f),
        Some(_) => {
            let found = member.get("value").map_or("nothing", Node::describe);
            return Err(FieldError::at(
                member.key_at("value"),
                format!("enum member `{id}` has {found} as its value; use a string, int or double"),
            ));
        }
        None => {
            return Err(FieldError::at(
                member.key_at("id"),
                format!("enum member `{id}` has no `value`; add `value: ...`"),
            ))
        }
    };
    let deprecated = match member.get("deprecated") {
        Some(d) => Some(parse_deprecation(d, strict).map_err(|e| FieldError {
            message: format!("enum member `{id}`: {}", e.message),
            at: Some(e.at.unwrap_or(member.key_at("deprecated"))),
        })?),
        None => None,
    };
    Ok(EnumMember {
        id,
        value,
        brief: member.get("brief").and_then(Node::scalar_text).map(trimmed),
        deprecated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::yaml::{map, node, s, seq};

    #[test]
    fn primitive_template_and_any() {
        assert_eq!(
            parse_type(&s("int[]"), false),
            Ok(AttrType::Primitive(Primitive::IntArray))
        );
        assert_eq!(
            parse_type(&s("template[string[]]"), false),
            Ok(AttrType::Template(Primitive::StringArray))
        );
        assert_eq!(parse_type(&s("any"), false), Ok(AttrType::Any));
    }

    #[test]
    fn unknown_type_suggests() {
        let err = parse_type(&s("strng"), false).unwrap_err();
        assert!(err
            .message
            .starts_with("unknown type `strng`; expected one of string"));
        assert!(
            err.message.ends_with("did you mean `string`?"),
            "{}",
            err.message
        );
        assert!(parse_type(&s("template[strng]"), false).is_err());
        assert!(parse_type(&node(Value::Int(3)), false).is_err());
    }

    #[test]
    fn enum_value_types() {
        let member = |id: &str, v: Node| map(vec![("id", s(id)), ("value", v)]);
        let ints = map(vec![(
            "members",
            seq(vec![
                member("ok", node(Value::Int(0))),
                member("x", node(Value::Int(2))),
            ]),
        )]);
        match parse_type(&ints, false).unwrap() {
            AttrType::Enum { value_type, .. } => assert_eq!(value_type, Primitive::Int),
            other => panic!("{other:?}"),
        }
        let mixed = map(vec![(
            "members",
            seq(vec![
                member("a", node(Value::Int(0))),
                member("b", node(Value::Float(0.5))),
            ]),
        )]);
        match parse_type(&mixed, false).unwrap() {
            AttrType::Enum {
                value_type,
                members,
            } => {
                assert_eq!(value_type, Primitive::Double);
                assert_eq!(members[0].value, EnumValue::Double(0.0));
            }
            other => panic!("{other:?}"),
        }
        let bad = map(vec![(
            "members",
            seq(vec![member("a", s("x")), member("b", node(Value::Int(1)))]),
        )]);
        assert!(parse_type(&bad, false).is_err());
        let empty = map(vec![("members", seq(vec![]))]);
        assert!(parse_type(&empty, false).is_err());
        let boolean = map(vec![(
            "members",
            seq(vec![member("a", node(Value::Bool(true)))]),
        )]);
        assert!(parse_type(&boolean, false).is_err());
    }
}
