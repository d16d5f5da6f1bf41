//! Key and event-name lookup: exact, then template prefix, then suggestions.

use std::collections::BTreeMap;

use crate::model::{AttrType, Attribute, Event};
use crate::suggest;
use crate::{EventLookup, Lookup};

/// How many "did you mean" suggestions an unknown name gets.
const SUGGESTIONS: usize = 3;

/// Exact key first; else the longest template key `T` with `key = T.<non-empty suffix>`; else
/// the nearest keys. Only a miss scans the whole registry.
pub(crate) fn lookup<'r>(attributes: &'r BTreeMap<String, Attribute>, key: &str) -> Lookup<'r> {
    if let Some(attr) = attributes.get(key) {
        return Lookup::Found(attr);
    }
    if let Some(attr) = template(attributes, key) {
        return Lookup::Template(attr);
    }
    Lookup::NotFound {
        suggestions: nearest(attributes, key, |a| a.deprecated.is_some()),
    }
}

/// Up to [`SUGGESTIONS`] names of `named` nearest to `name`, nearest first (live before
/// deprecated at equal distance).
pub(crate) fn nearest<'r, T>(
    named: &'r BTreeMap<String, T>,
    name: &str,
    deprecated: impl Fn(&T) -> bool,
) -> Vec<&'r str> {
    suggest::nearest(
        name,
        named.iter().map(|(n, v)| (n.as_str(), deprecated(v))),
        SUGGESTIONS,
    )
}

/// The longest template key that `key` extends with `.` and free text (which may itself
/// contain dots and slashes, like `k8s.pod.label.app.kubernetes.io/name`).
fn template<'r>(attributes: &'r BTreeMap<String, Attribute>, key: &str) -> Option<&'r Attribute> {
    let mut end = key.len();
    while let Some(dot) = key[..end].rfind('.') {
        if dot + 1 < key.len() {
            if let Some(attr) = attributes.get(&key[..dot]) {
                if matches!(attr.ty, AttrType::Template(_)) {
                    return Some(attr);
                }
            }
        }
        end = dot;
    }
    None
}

/// An event by exact name, else the nearest names.
pub(crate) fn event<'r>(events: &'r BTreeMap<String, Event>, name: &str) -> EventLookup<'r> {
    match events.get(name) {
        Some(event) => EventLookup::Found(event),
        None => EventLookup::NotFound {
            suggestions: nearest(events, name, |e| e.deprecated.is_some()),
        },
    }
}
