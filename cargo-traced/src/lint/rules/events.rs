//! Event names must be registered.

use traced_registry::EventLookup;

use super::{Context, Finding, Rule, did_you_mean};
use crate::scan::{EventSite, Site, Text};

/// An event name not in the registry.
pub const UNKNOWN: Rule = Rule {
    id: "unknown-event",
    summary: "an event name in `add_event` that is not in the registry, or built at run time",
};

pub fn check(site: &Site, event: &EventSite, cx: &Context) -> Option<Finding> {
    match &event.name {
        Text::Literal(name) => match cx.registry.event(name) {
            EventLookup::Found(_) => None,
            EventLookup::NotFound { suggestions } => Some(Finding {
                rule: UNKNOWN.id,
                at: site.at,
                message: format!("event `{name}` is not in the registry"),
                help: did_you_mean(&suggestions)
                    .unwrap_or_else(|| "use a registered event name, or register this one".into()),
                notes: Vec::new(),
            }),
        },
        Text::Built(how) => Some(Finding {
            rule: UNKNOWN.id,
            at: site.at,
            message: format!("event name built at run time with {how}: it cannot be a registered event"),
            help: "name the event with a registered literal and record the varying part as an attribute".into(),
            notes: Vec::new(),
        }),
        Text::Unknown => None,
    }
}
