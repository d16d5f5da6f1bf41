//! What the draft is made of: each key and event name written by hand that the member's
//! registry does not already hold, with where it is used and the types its values show.

use std::collections::{BTreeMap, BTreeSet};
use traced_registry::{EventLookup, Lookup, Primitive};

use crate::inventory::{self, event_calls::event_calls};
use crate::scan::{Text, Value, What};
use crate::sources;
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
            let file = source.path.to_string_lossy().replace('\\', "/");
            let tree =
                syn::parse_file(&source.text).map_err(|e| format!("cannot parse {file}: {e}"))?;
            // Which keys each literal event name's `add_event` sets.
            for call in event_calls(&tree) {
                let name = source.scan.sites.iter().find_map(|site| match &site.what {
                    What::Event(e)
                        if site.at.line == call.name.line && site.at.column == call.name.column =>
                    {
                        match &e.name {
                            Text::Literal(name) => Some(name.clone()),
                            _ => None,
                        }
                    }
                    _ => None,
                });
                let Some(name) = name else { continue };
                for site in &source.scan.sites {
                    if let (What::Attribute(a), true) = (&site.what, call.holds(site.at)) {
                        found
                            .event_keys
                            .entry(name.clone())
                            .or_default()
                            .insert(a.key.clone());
                        if registry
                            .as_ref()
                            .is_some_and(|r| matches!(r.lookup(&a.key), Lookup::Found(_)))
                        {
                            found.registered.insert(a.key.clone());
                        }
                    }
                }
            }
            for site in &source.scan.sites {
                let at = format!("{file}:{}:{}", site.at.line, site.at.column);
                match &site.what {
                    What::Attribute(a) if !a.key.trim().is_empty() => {
                        match registry.as_ref().map(|r| r.lookup(&a.key)) {
                            Some(Lookup::NotFound { suggestions }) => {
                                note_near(&mut found.near, &a.key, &suggestions);
                            }
                            Some(_) => continue,
                            None => {}
                        }
                        let (ty, redacted) = match &a.value {
                            Value::Records { ty, .. } => (Some(ty.as_str()), false),
                            // `redact`'s helpers return a `Redacted`, recorded as a string.
                            Value::Redacted => (Some(Primitive::String.as_str()), true),
                            _ => (None, false),
                        };
                        found
                            .keys
                            .entry(a.key.clone())
                            .or_default()
                            .push(Use { at, ty, redacted });
                    }
                    What::Event(e) => {
                        let Text::Literal(name) = &e.name else {
                            continue;
                        };
                        if name.trim().is_empty() {
                            continue;
                        }
                        match registry.as_ref().map(|r| r.event(name)) {
                            Some(EventLookup::NotFound { suggestions }) => {
                                note_near(&mut found.near, name, &suggestions);
                            }
                            Some(EventLookup::Found(_)) => continue,
                            None => {}
                        }
                        found.events.entry(name.clone()).or_default().push(Use {
                            at,
                            ty: None,
                            redacted: false,
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(found)
}

fn note_near(near: &mut BTreeMap<String, Vec<String>>, name: &str, suggestions: &[&str]) {
    if !suggestions.is_empty() {
        near.insert(
            name.to_string(),
            suggestions.iter().map(|s| s.to_string()).collect(),
        );
    }
}
