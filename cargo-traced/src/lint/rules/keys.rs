//! Attribute keys must be registered, live, and a template key needs its suffix.

use traced_registry::{Deprecation, Lookup};

use super::{Context, Finding, Rule, did_you_mean};
use crate::scan::{AttributeSite, Site};

/// A key not in the registry.
pub const UNKNOWN: Rule = Rule {
    id: "unknown-key",
    summary: "an attribute key that is not in the registry (with the nearest registered keys)",
};

/// A deprecated key.
pub const DEPRECATED: Rule = Rule {
    id: "deprecated-key",
    summary: "an attribute key the registry deprecates (with the key it was renamed to)",
};

/// A template key without its suffix.
pub const TEMPLATE: Rule = Rule {
    id: "template-key-without-suffix",
    summary: "a template key (`http.request.header`) written without its suffix",
};

pub fn check(
    site: &Site,
    attribute: &AttributeSite,
    lookup: &Lookup,
    cx: &Context,
) -> Option<Finding> {
    let key = &attribute.key;
    match lookup {
        Lookup::NotFound { suggestions } => {
            let help = if site.api == crate::scan::INSTRUMENT_ARGUMENT {
                let near = did_you_mean(suggestions)
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                format!(
                    "`#[instrument]` records each argument under its own name: `skip({key})` it, and record it in `fields(..)` under a registered key{near}"
                )
            } else {
                did_you_mean(suggestions)
                    .unwrap_or_else(|| "use a registered key, or register this one".to_string())
            };
            Some(Finding {
                rule: UNKNOWN.id,
                at: site.at,
                message: format!("attribute key `{key}` is not in the registry"),
                help,
                notes: registry_files(cx),
            })
        }
        Lookup::TemplateWithoutSuffix { form, template } => Some(Finding {
            rule: TEMPLATE.id,
            at: site.at,
            message: format!("attribute key `{key}` is a template: it needs a suffix"),
            help: format!("write `{form}`"),
            notes: vec![format!(
                "`{}` is defined at {}",
                template.key,
                cx.shown(&template.defined_at)
            )],
        }),
        Lookup::Found(attr) | Lookup::Template { template: attr, .. } => {
            let deprecation = attr.deprecated.as_ref()?;
            let help = match (lookup.replacement(), deprecation) {
                (Some(new), _) => format!("use `{new}` instead"),
                (None, Deprecation::Obsoleted { .. }) => {
                    "remove it: it has no replacement".to_string()
                }
                (None, _) => "use the key the registry's note names, or remove it".to_string(),
            };
            let mut notes = Vec::new();
            if let Some(note) = deprecation.note() {
                notes.push(note.to_string());
            }
            notes.push(format!(
                "`{}` is defined at {}",
                attr.key,
                cx.shown(&attr.defined_at)
            ));
            Some(Finding {
                rule: DEPRECATED.id,
                at: site.at,
                message: format!("attribute key `{key}` is deprecated"),
                help,
                notes,
            })
        }
    }
}

/// "the registry is <files>", so an unknown key says where to add it.
fn registry_files(cx: &Context) -> Vec<String> {
    let files: Vec<String> = cx
        .sources
        .iter()
        .map(|f| f.strip_prefix(cx.root).unwrap_or(f).display().to_string())
        .collect();
    match files.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!("the registry is {one}")],
        many => vec![format!("the registry is read from {}", many.join(", "))],
    }
}
