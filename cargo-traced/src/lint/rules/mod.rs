//! The rules: each with a stable id, checked on one [`Site`] against the member's registry.

mod declared;
mod events;
mod keys;
mod names;
mod sensitive;
mod values;

use std::path::Path;
use traced_registry::{Attribute, Lookup, Registry};

use crate::scan::{Place, Site, What};

/// A rule: its id (used in reports, SARIF and `// traced: allow(id)`) and what it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable kebab-case id.
    pub id: &'static str,
    /// One line: what the rule reports.
    pub summary: &'static str,
}

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    names::DYNAMIC,
    names::PLACEHOLDER,
    keys::UNKNOWN,
    keys::DEPRECATED,
    keys::TEMPLATE,
    values::MISMATCH,
    values::NOT_PRIMITIVE,
    events::UNKNOWN,
    sensitive::RAW,
    declared::MISSING,
];

/// One problem at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's id.
    pub rule: &'static str,
    /// Where it points.
    pub at: Place,
    /// What is wrong.
    pub message: String,
    /// The fix.
    pub help: String,
    /// Where the registry says so, or other context.
    pub notes: Vec<String>,
}

/// What the rules read besides the site.
pub struct Context<'r> {
    /// The member's registry.
    pub registry: &'r Registry,
    /// The workspace root, to show registry files relative to it.
    pub root: &'r Path,
    /// The registry's paths, as found (files or folders).
    pub sources: &'r [std::path::PathBuf],
}

impl Context<'_> {
    /// A registry location as a report shows it: relative to the workspace root.
    pub fn shown(&self, at: &traced_registry::Location) -> String {
        let file = at.file.strip_prefix(self.root).unwrap_or(&at.file);
        format!("{}:{}:{}", file.display(), at.line, at.column)
    }
}

/// Every finding of every rule on `site`.
pub fn check(site: &Site, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    match &site.what {
        What::Span(span) => {
            findings.extend(names::check(site, span));
            findings.extend(declared::check(site, span, cx));
        }
        What::Attribute(attribute) => {
            let lookup = cx.registry.lookup(&attribute.key);
            findings.extend(keys::check(site, attribute, &lookup, cx));
            let registered = registered(&lookup);
            findings.extend(values::check(site, attribute, registered));
            findings.extend(sensitive::check(site, attribute, registered, cx));
        }
        What::Event(event) => findings.extend(events::check(site, event, cx)),
    }
    findings
}

/// The registered attribute a key names, through templates.
fn registered<'r>(lookup: &Lookup<'r>) -> Option<&'r Attribute> {
    match lookup {
        Lookup::Found(attr) | Lookup::Template { template: attr, .. } => Some(attr),
        Lookup::TemplateWithoutSuffix { .. } | Lookup::NotFound { .. } => None,
    }
}

/// "; did you mean `a`?" or "; did you mean one of `a`, `b`?", or nothing.
fn did_you_mean(suggestions: &[&str]) -> Option<String> {
    match suggestions {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests;
