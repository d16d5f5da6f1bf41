//! What the draft is made of: each key and event name written by hand that the member's
//! registry does not already hold, with where it is used and the types its values show.

use std::collections::{BTreeMap, BTreeSet};
use traced_registry::{EventLookup, Lookup, Primitive, Registry};

use crate::inventory;
use crate::scan::{EventSite, Site, Text, Value, What};
use crate::sources::{self, Source};
use crate::workspace::Workspace;

/// One place a key or event name is written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    /// `file:line:column`, the file relative to the workspace root.
    pub at: String,
    /// The type the value records as, when the syntax shows it.
    pub ty: Option<&'static str>,
    /// Whether the value goes through `traced_runtime::redact`.
    pub redacted: bool,
}

/// The keys and event names to draft, each with its uses in source order.
#[derive(Debug, Default)]
pub struct Found {
    /// Key → uses.
    pub keys: BTreeMap<String, Vec<Use>>,
    /// Event name → uses.
    pub events: BTreeMap<String, Vec<Use>>,
    /// Event name → the keys its `add_event` calls set.
    pub event_keys: BTreeMap<String, BTreeSet<String>>,
    /// Keys set in `add_event` calls that a member's registry holds as they are written.
    pub registered: BTreeSet<String>,
    /// Key or event name → the nearest ones the member's registry holds: a typo, perhaps.
    pub near: BTreeMap<String, Vec<String>>,
    /// The members read, in order.
    pub members: Vec<String>,
    /// Members whose registry was found: their keys are left out.
    pub with_registry: Vec<String>,
}

/// Scans the selected members (all when `packages` is empty).
pub fn collect(ws: &Workspace, packages: &[String]) -> Result<Found, String> {
    let mut found = Found::default();
    for member in ws.select(packages)? {
        found.members.push(member.name.clone());
        let registry = inventory::member_registry(member)?;
        if registry.is_some() {
            found.with_registry.push(member.name.clone());
        }
        for source in sources::read(ws, member)? {
            found.event_keys_of(&source, registry.as_ref());
            let file = source.path.to_string_lossy().replace('\\', "/");
            for site in &source.scan.sites {
                found.site(site, &file, registry.as_ref());
            }
        }
    }
    Ok(found)
}

impl Found {
    /// A key or event name not in the member's registry.
    fn site(&mut self, site: &Site, file: &str, registry: Option<&Registry>) {
        let at = format!("{file}:{}:{}", site.at.line, site.at.column);
        match &site.what {
            What::Attribute(a) if !a.key.trim().is_empty() => {
                match registry.map(|r| r.lookup(&a.key)) {
                    Some(Lookup::NotFound { suggestions }) => {
                        note_near(&mut self.near, &a.key, &suggestions);
                    }
                    Some(_) => return,
                    None => {}
                }
                let (ty, redacted) = match &a.value {
                    Value::Records { ty, .. } => (Some(ty.as_str()), false),
                    // `redact`'s helpers return a `Redacted`, recorded as a string.
                    Value::Redacted => (Some(Primitive::String.as_str()), true),
                    _ => (None, false),
                };
                let uses = self.keys.entry(a.key.clone()).or_default();
                uses.push(Use { at, ty, redacted });
            }
            What::Event(e) => {
                let Text::Literal(name) = &e.name else {
                    return;
                };
                if name.trim().is_empty() {
                    return;
                }
                match registry.map(|r| r.event(name)) {
                    Some(EventLookup::NotFound { suggestions }) => {
                        note_near(&mut self.near, name, &suggestions);
                    }
                    Some(EventLookup::Found(_)) => return,
                    None => {}
                }
                self.events.entry(name.clone()).or_default().push(Use {
                    at,
                    ty: None,
                    redacted: false,
                });
            }
            _ => {}
        }
    }

    /// The keys each literal event name's `add_event` calls set in `source`.
    fn event_keys_of(&mut self, source: &Source, registry: Option<&Registry>) {
        let sites = &source.scan.sites;
        for site in sites {
            let (What::Attribute(a), Some(event)) = (&site.what, site.in_event) else {
                continue;
            };
            let name = sites.iter().find_map(|other| match &other.what {
                What::Event(EventSite {
                    name: Text::Literal(name),
                }) if other.at == event => Some(name),
                _ => None,
            });
            let Some(name) = name else { continue };
            let keys = self.event_keys.entry(name.clone()).or_default();
            keys.insert(a.key.clone());
            if registry.is_some_and(|r| matches!(r.lookup(&a.key), Lookup::Found(_))) {
                self.registered.insert(a.key.clone());
            }
        }
    }
}

fn note_near(near: &mut BTreeMap<String, Vec<String>>, name: &str, suggestions: &[&str]) {
    if !suggestions.is_empty() {
        near.insert(
            name.to_string(),
            suggestions.iter().map(|s| s.to_string()).collect(),
        );
    }
}
