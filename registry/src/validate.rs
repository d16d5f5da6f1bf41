//! Checks across files: keys defined twice, references and renames to unknown keys.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::error::LoadError;
use crate::lookup;
use crate::model::{Attribute, Event, Location};
use crate::schema::FileDefinitions;
use crate::suggest;
use crate::{Lookup, Registry};

/// Merges the files' definitions into one registry, reporting duplicates; checks references
/// and renames only when `check_refs` (every file could be read and parsed, so a missing key
/// is really missing and not in a file that failed).
pub(crate) fn build(
    files: Vec<PathBuf>,
    defs: Vec<FileDefinitions>,
    check_refs: bool,
    errors: &mut Vec<LoadError>,
) -> Registry {
    let mut attributes: BTreeMap<String, Attribute> = BTreeMap::new();
    let mut events: BTreeMap<String, Event> = BTreeMap::new();
    let mut broken: HashSet<String> = HashSet::new();
    let mut refs = Vec::new();
    let mut renames = Vec::new();
    let mut groups = Vec::new();
    let mut spans = Vec::new();
    let mut marks = Vec::new();
    for file in defs {
        groups.extend(file.groups);
        spans.extend(file.spans);
        marks.extend(file.marks);
        errors.extend(file.errors);
        broken.extend(file.broken_keys);
        refs.extend(file.refs);
        renames.extend(file.renames);
        for attr in file.attributes {
            if let Some(first) = attributes.get(&attr.key) {
                errors.push(twice(
                    "attribute",
                    &attr.key,
                    &first.defined_at,
                    &attr.defined_at,
                ));
            } else {
                attributes.insert(attr.key.clone(), attr);
            }
        }
        for event in file.events {
            if let Some(first) = events.get(&event.name) {
                errors.push(twice(
                    "event",
                    &event.name,
                    &first.defined_at,
                    &event.defined_at,
                ));
            } else {
                events.insert(event.name.clone(), event);
            }
        }
    }
    for (key, mark) in marks {
        // A mark on a key that is not defined is reported as its reference's error.
        if let Some(attr) = attributes.get_mut(&key) {
            crate::sensitive::join(&mut attr.sensitive, mark);
        }
    }
    let registry = Registry {
        attributes,
        events,
        spans: crate::spans::build(groups, spans, check_refs, errors),
        files,
    };
    if check_refs {
        for (key, at) in refs {
            if registry.attributes.contains_key(&key) || broken.contains(&key) {
                continue;
            }
            let near = lookup::suggestions(&registry.attributes, &key, |a| a.deprecated.is_some());
            let hint = suggest::did_you_mean(near.first().copied());
            let message = format!(
                "`ref: {key}` names no registered attribute{hint}; define it (`id:`/`key:` and \
                 `type:`) or fix the reference"
            );
            errors.push(LoadError::at_location(&at, message));
        }
        for (from, to, at) in renames {
            if broken.contains(&to) {
                continue;
            }
            let Lookup::NotFound { suggestions } = lookup::lookup(&registry.attributes, &to) else {
                continue;
            };
            let hint = suggest::did_you_mean(suggestions.first().copied());
            let message =
                format!("`{from}` is renamed to `{to}`, which is not a registered attribute{hint}");
            errors.push(LoadError::at_location(&at, message));
        }
    }
    registry
}

/// The error for a second definition of one name, at the second.
pub(crate) fn twice(what: &str, name: &str, first: &Location, again: &Location) -> LoadError {
    LoadError::at_location(
        again,
        format!(
            "{what} `{name}` is defined twice: first at {first}, again here at {again}; remove \
             one of the definitions"
        ),
    )
}
