//! A span the registry declares, started by hand, must carry its required attributes.
//!
//! A hand-written span is tied to a declared span type when its literal name is the type
//! (`span_builder("rewards.redemption.apply")` for a declared `rewards.redemption.apply`):
//! `#[traced(span = ..)]` names the type explicitly, a hand-written call has only its name.
//! It is checked only when the call shows every attribute the span starts with (a builder
//! chain whose `with_attributes` lists only literal keys, a `tracing` span's fields); a span
//! whose attributes may come from elsewhere is skipped.

use traced_registry::{RequirementLevel, SpanLookup};

use super::{Context, Finding, Rule};
use crate::scan::{Site, SpanSite, Text};

/// A declared span without its required keys.
pub const MISSING: Rule = Rule {
    id: "declared-span-missing-required",
    summary: "a span named as a declared span type, started without the type's required attributes",
};

pub fn check(site: &Site, span: &SpanSite, cx: &Context) -> Option<Finding> {
    let (Text::Literal(name), Some(keys)) = (&span.name, &span.keys) else {
        return None;
    };
    let SpanLookup::Found(declared) = cx.registry.span(name) else {
        return None;
    };
    let missing: Vec<&str> = declared
        .attributes
        .iter()
        .filter(|a| a.level == RequirementLevel::Required && !keys.contains(&a.key))
        .map(|a| a.key.as_str())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let listed = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let plural = if missing.len() == 1 { "" } else { "s" };
    let example = if site.api.ends_with('!') || site.api.starts_with("#[") {
        format!("as a field: `{} = ..`", missing[0])
    } else {
        format!(
            "in `with_attributes`: `KeyValue::new(\"{}\", ..)`",
            missing[0]
        )
    };
    Some(Finding {
        rule: MISSING.id,
        at: site.at,
        message: format!(
            "span `{name}` is declared in the registry and requires attribute{plural} not given here: {listed}"
        ),
        help: format!("give each when the span starts, {example}"),
        notes: vec![format!(
            "span `{}` is defined at {}",
            declared.ty,
            cx.shown(&declared.defined_at)
        )],
    })
}
