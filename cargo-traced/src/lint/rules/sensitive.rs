//! Keys the registry marks sensitive: a `pii` value goes through `traced_runtime::redact`, a
//! `secret` is never recorded. The macros check the value's type; here the syntax decides, so
//! a value counts as redacted when its expression calls into a `redact` module (however the
//! module was imported), or is a local initialized that way; anything else is raw.

use traced_registry::{Attribute, MarkSource, Sensitivity};

use super::{Context, Finding, Rule};
use crate::scan::{AttributeSite, Site, Value};

/// A sensitive key recorded raw.
pub const RAW: Rule = Rule {
    id: "sensitive-raw",
    summary: "a key marked `pii` recorded without `traced_runtime::redact`, or a key marked `secret` recorded at all",
};

pub fn check(
    site: &Site,
    attribute: &AttributeSite,
    registered: Option<&Attribute>,
    cx: &Context,
) -> Option<Finding> {
    let mark = registered?.sensitive.as_ref()?;
    let key = &attribute.key;
    let how = match &mark.source {
        MarkSource::Definition => format!("marked `{}` at {}", mark.level, cx.shown(&mark.set_at)),
        MarkSource::Group(id) => format!(
            "marked `{}` by its group `{id}` at {}",
            mark.level,
            cx.shown(&mark.set_at)
        ),
        MarkSource::Tag => format!(
            "tagged `sensitive-information` at {}, so it is `pii`",
            cx.shown(&mark.set_at)
        ),
    };
    let at = attribute.value_at.unwrap_or(site.at);
    match (mark.level, &attribute.value) {
        (_, Value::Absent) | (Sensitivity::Pii, Value::Redacted) => None,
        (Sensitivity::Secret, _) => Some(Finding {
            rule: RAW.id,
            at: site.at,
            message: format!("attribute `{key}` is {how}: a secret is never recorded, not even hashed"),
            help: "record a non-secret fact instead, e.g. `KeyValue::new(\"auth.token_present\", true)`".into(),
            notes: Vec::new(),
        }),
        (Sensitivity::Pii, _) => {
            let helper = match key.as_str() {
                "url.full" => "traced_runtime::redact::url(&value).to_string()",
                "url.query" => "traced_runtime::redact::query(&value).to_string()",
                _ => "traced_runtime::redact::pseudonym(value).to_string()",
            };
            Some(Finding {
                rule: RAW.id,
                at,
                message: format!("attribute `{key}` is {how}: its value is recorded raw"),
                help: format!("record `{helper}`"),
                notes: Vec::new(),
            })
        }
    }
}
