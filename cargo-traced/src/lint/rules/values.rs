//! Values must record as the key's registered type, and be attribute values at all.

use traced_registry::{AttrType, Attribute};

use super::{Finding, Rule};
use crate::scan::{AttributeSite, Site, Value};

/// A value of another type than the key's.
pub const MISMATCH: Rule = Rule {
    id: "value-type-mismatch",
    summary: "a value whose type, visible in the call, is not the key's registered type",
};

/// A value that is no attribute value.
pub const NOT_PRIMITIVE: Rule = Rule {
    id: "non-primitive-value",
    summary: "a value that is certainly not a primitive attribute value (a time, a map, a struct...)",
};

pub fn check(
    site: &Site,
    attribute: &AttributeSite,
    registered: Option<&Attribute>,
) -> Option<Finding> {
    let at = attribute.value_at.unwrap_or(site.at);
    let key = &attribute.key;
    match &attribute.value {
        Value::Unrecordable { help } => Some(Finding {
            rule: NOT_PRIMITIVE.id,
            at,
            message: format!("the value recorded under `{key}` is not a primitive attribute value"),
            help: help.clone(),
            notes: Vec::new(),
        }),
        Value::Records { ty, shown } => {
            let attr = registered?;
            if matches!(attr.ty, AttrType::Any) {
                return None;
            }
            let expected = attr.ty.value_type()?;
            (expected != *ty).then(|| Finding {
                rule: MISMATCH.id,
                at,
                message: format!(
                    "attribute `{key}` is registered as `{}`, but this value is {shown} (records as `{ty}`)",
                    attr.ty
                ),
                help: format!("convert the value to `{expected}`, or record it under a key registered as `{ty}`"),
                notes: Vec::new(),
            })
        }
        Value::Absent | Value::Redacted | Value::Unknown => None,
    }
}
