//! Span names must be fixed: not built at run time, not a format string never formatted.

use proc_macro2::Span;
use syn::LitStr;
use traced_syntax::{Name, NameOf, NameProblem};

use super::{Finding, Rule};
use crate::scan::{Site, SpanSite, Text};

/// A span name built at run time.
pub const DYNAMIC: Rule = Rule {
    id: "dynamic-span-name",
    summary: "a span name built at run time (`format!`, `+`, tracing-opentelemetry's `otel.name`): every call gets its own name",
};

/// A span name with `{placeholders}`.
pub const PLACEHOLDER: Rule = Rule {
    id: "span-name-placeholder",
    summary: "a span name holding `{placeholders}` that is not an HTTP route template",
};

pub fn check(site: &Site, span: &SpanSite) -> Option<Finding> {
    match &span.name {
        Text::Built(how) => Some(Finding {
            rule: DYNAMIC.id,
            at: site.at,
            message: format!("span name built at run time with {how}: every call gets its own name, so spans cannot be grouped"),
            help: "keep the name a fixed literal (`\"rewards.redemption.apply\"`) and record the varying part as an attribute".into(),
            notes: Vec::new(),
        }),
        Text::Literal(name) if placeholders(name) => Some(Finding {
            rule: PLACEHOLDER.id,
            at: site.at,
            message: format!("span name `{name}` holds placeholders: it looks like a format string, and a name must not vary per call"),
            help: "keep the name fixed and record the varying part as an attribute; an HTTP route template is the one exception: `\"GET /users/{id}\"`, each placeholder a whole path segment".into(),
            notes: Vec::new(),
        }),
        Text::Literal(_) | Text::Unknown => None,
    }
}

/// Whether `#[traced]` would refuse the name for its placeholders (an HTTP route template is
/// accepted).
fn placeholders(name: &str) -> bool {
    let name = Name::Lit(LitStr::new(name, Span::call_site()));
    matches!(
        name.literal(NameOf::Span),
        Err(NameProblem::Placeholders(_))
    )
}
