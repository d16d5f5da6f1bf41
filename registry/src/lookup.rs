//! Key and event-name lookup: exact, then template prefix, then suggestions.

use std::collections::BTreeMap;

use crate::model::{AttrType, Attribute, Event};
use crate::suggest;
use crate::{EventLookup, Lookup};

/// How many "did you mean" suggestions an unknown name gets.
const SUGGESTIONS: usize = 3;

/// Exact key first; else the longest template key `T` with `key = T.<non-empty suffix>`; else
/// the nearest keys. A template key alone, or followed by `.` only, is a template without its
/// suffix. Only a miss scans the whole registry.
pub(crate) fn lookup<'r>(attributes: &'r BTreeMap<String, Attribute>, key: &str) -> Lookup<'r> {
    let exact = key.strip_suffix('.').unwrap_or(key);
    if let Some(attr) = attributes.get(exact) {
        if matches!(attr.ty, AttrType::Template(_)) {
            return Lookup::TemplateWithoutSuffix {
                template: attr,
                form: format!("{}.<name>", attr.key),
            };
        }
        if exact.len() == key.len() {
            return Lookup::Found(attr);
        }
    }
    if let Some((attr, suffix)) = template(attributes, key) {
        return Lookup::Template {
            template: attr,
            suffix: suffix.to_string(),
        };
    }
    Lookup::NotFound {
        suggestions: suggestions(attributes, key, |a| a.deprecated.is_some()),
    }
}

/// Up to [`SUGGESTIONS`] names of `named` nearest to `name`, nearest first (live before
/// deprecated at equal distance).
pub(crate) fn suggestions<'r, T>(
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
/// contain dots and slashes, like `k8s.pod.label.app.kubernetes.io/name`), and that text.
fn template<'r, 'k>(
    attributes: &'r BTreeMap<String, Attribute>,
    key: &'k str,
) -> Option<(&'r Attribute, &'k str)> {
    let mut end = key.len();
    while let Some(dot) = key[..end].rfind('.') {
        if dot + 1 < key.len() {
            if let Some(attr) = attributes.get(&key[..dot]) {
                if matches!(attr.ty, AttrType::Template(_)) {
                    return Some((attr, &key[dot + 1..]));
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
            suggestions: suggestions(events, name, |e| e.deprecated.is_some()),
        },
    }
}
