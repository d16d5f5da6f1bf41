//! The draft as a v2 registry file (`file_format: definition/2`), comments included: no YAML
//! library writes comments, and the comments are the point of a draft.

use std::collections::BTreeSet;
use std::fmt::Write;
use traced_registry::{EventLookup, Lookup, Registry};

use super::collect::{Found, Use};

/// What a key becomes in the draft.
enum Plan<'r> {
    /// Defined here with this type (`any` when not known), and whether it is pii.
    Define {
        ty: &'static str,
        problem: Option<String>,
        pii: bool,
    },
    /// A key of the official model: referenced, under this key (a template's own key).
    Reference { key: &'r str, note: Option<String> },
    /// A template key of the official model written without its suffix: nothing to add.
    Misused { form: String },
}

/// The brief each definition starts with.
pub const BRIEF: &str = "TODO: what the value is, and its unit";

/// The draft file. `semconv` is the official model, when given, and how to name it.
pub fn render(found: &Found, semconv: Option<(&Registry, &str)>) -> String {
    let mut out = String::new();
    header(&mut out, found, semconv.map(|(_, shown)| shown));
    if found.keys.is_empty() && found.events.is_empty() {
        comment(
            &mut out,
            "",
            "Nothing to draft: every key and event name written by hand is registered.",
        );
    }
    out.push_str("file_format: definition/2\n");
    let plans: Vec<(&String, &Vec<Use>, Plan)> = found
        .keys
        .iter()
        .map(|(key, uses)| (key, uses, plan(key, uses, semconv.map(|(r, _)| r))))
        .collect();

    let defined: Vec<_> = plans
        .iter()
        .filter(|(_, _, p)| matches!(p, Plan::Define { .. }))
        .collect();
    if !defined.is_empty() {
        out.push_str("attributes:\n");
    }
    for (key, uses, plan) in defined {
        let Plan::Define { ty, problem, pii } = plan else {
            continue;
        };
        comment(&mut out, "  ", &used_at(uses));
        near(&mut out, "  ", found, key, semconv.map(|(r, _)| r));
        if let Some(problem) = problem {
            comment(&mut out, "  ", problem);
        }
        let _ = writeln!(out, "  - key: {}", scalar(key));
        let _ = writeln!(out, "    type: {ty}");
        let _ = writeln!(out, "    brief: {}", scalar(BRIEF));
        out.push_str("    stability: development\n");
        if *pii {
            comment(
                &mut out,
                "    ",
                "recorded through `traced_runtime::redact`: personal data, so marked pii",
            );
            out.push_str("    annotations:\n      traced:\n        sensitive: pii\n");
        }
    }

    let referenced: Vec<_> = plans
        .iter()
        .filter_map(|(_, uses, p)| match p {
            Plan::Reference { key, note } => Some((*key, uses, note)),
            _ => None,
        })
        .collect();
    if let (false, Some((_, shown))) = (referenced.is_empty(), semconv) {
        comment(
            &mut out,
            "",
            &format!(
                "Keys of the official model ({shown}), referenced rather than redefined: load this file together with the model."
            ),
        );
        out.push_str("attribute_groups:\n  - id: draft.official\n    attributes:\n");
        let mut seen = BTreeSet::new();
        for (key, uses, note) in referenced {
            comment(&mut out, "      ", &used_at(uses));
            if let Some(note) = note {
                comment(&mut out, "      ", note);
            }
            if seen.insert(key) {
                let _ = writeln!(out, "      - ref: {}", scalar(key));
            }
        }
    }
    for (key, uses, plan) in &plans {
        if let Plan::Misused { form } = plan {
            comment(
                &mut out,
                "",
                &format!(
                    "`{key}` is a template of the official model: write it `{form}`; {}",
                    used_at(uses)
                ),
            );
        }
    }

    let (official, own): (Vec<_>, Vec<_>) = found.events.iter().partition(|(name, _)| {
        semconv.is_some_and(|(r, _)| matches!(r.event(name), EventLookup::Found(_)))
    });
    for (name, uses) in official {
        comment(
            &mut out,
            "",
            &format!(
                "event `{name}` is defined by the official model; {}",
                used_at(uses)
            ),
        );
    }
    if !own.is_empty() {
        out.push_str("events:\n");
    }
    // An event's `ref`s must resolve: keys defined here, referenced as they are written, or
    // registered as they are written.
    let resolvable = |key: &str| {
        found.registered.contains(key)
            || plans.iter().any(|(k, _, p)| {
                k.as_str() == key
                    && match p {
                        Plan::Define { .. } => true,
                        Plan::Reference { key: to, .. } => *to == key,
                        Plan::Misused { .. } => false,
                    }
            })
    };
    for (name, uses) in own {
        comment(&mut out, "  ", &used_at(uses));
        near(&mut out, "  ", found, name, None);
        let _ = writeln!(out, "  - name: {}", scalar(name));
        let _ = writeln!(out, "    brief: {}", scalar("TODO: what happened"));
        out.push_str("    stability: development\n");
        let keys: Vec<&String> = found
            .event_keys
            .get(name.as_str())
            .into_iter()
            .flatten()
            .filter(|k| resolvable(k))
            .collect();
        if !keys.is_empty() {
            out.push_str("    attributes:\n");
            for key in keys {
                let _ = writeln!(out, "      - ref: {}", scalar(key));
            }
        }
    }
    out
}

fn header(out: &mut String, found: &Found, semconv: Option<&str>) {
    let mut text = format!(
        "A starter attribute registry, drafted by `cargo traced registry --draft` from the keys and event names written by hand in {}.",
        found.members.join(", ")
    );
    if !found.with_registry.is_empty() {
        text.push_str(&format!(
            " Keys and events already in the registry of {} are left out: load this file beside that registry.",
            found.with_registry.join(", ")
        ));
    }
    if semconv.is_some() {
        text.push_str(" Keys of the official model are referenced, under `attribute_groups`.");
    }
    text.push_str(
        " Each type is the one the values in the code show; a key whose values show none, or disagree, is `any` with a FIXME: the file loads, but `#[traced]` refuses an `any` key until its type is chosen. Fill in every `brief`, settle every FIXME, then save it as `attributes.yaml` beside the Cargo.toml (or list it in `[package.metadata.traced] registry`).",
    );
    comment(out, "", &text);
}

fn plan<'r>(key: &str, uses: &[Use], semconv: Option<&'r Registry>) -> Plan<'r> {
    match semconv.map(|r| r.lookup(key)) {
        Some(Lookup::Found(attr)) => {
            let note = attr.deprecated.as_ref().map(|d| match d.renamed_to() {
                Some(to) => {
                    format!("FIXME: `{key}` is deprecated in the official model: renamed to `{to}`")
                }
                None => format!("FIXME: `{key}` is deprecated in the official model"),
            });
            return Plan::Reference {
                key: &attr.key,
                note,
            };
        }
        Some(Lookup::Template { template, .. }) => {
            return Plan::Reference {
                key: &template.key,
                note: Some(format!(
                    "`{key}` is written under the template `{}`",
                    template.key
                )),
            };
        }
        Some(Lookup::TemplateWithoutSuffix { form, .. }) => return Plan::Misused { form },
        Some(Lookup::NotFound { .. }) | None => {}
    }
    let mut types: Vec<(&str, Vec<&str>)> = Vec::new();
    for u in uses {
        if let Some(ty) = u.ty {
            match types.iter_mut().find(|(t, _)| *t == ty) {
                Some((_, at)) => at.push(&u.at),
                None => types.push((ty, vec![&u.at])),
            }
        }
    }
    let pii = uses.iter().any(|u| u.redacted);
    match types.as_slice() {
        [(ty, _)] => Plan::Define {
            ty,
            problem: None,
            pii,
        },
        [] => Plan::Define {
            ty: "any",
            problem: Some(
                "FIXME(type): no value here shows its type (a variable, a call): set `type:`"
                    .to_string(),
            ),
            pii,
        },
        several => {
            let listed: Vec<String> = several
                .iter()
                .map(|(ty, at)| format!("{ty} at {}", at.join(", ")))
                .collect();
            Plan::Define {
                ty: "any",
                problem: Some(format!(
                    "FIXME(type): the values disagree: {}; choose one type (and convert the other values)",
                    listed.join("; ")
                )),
                pii,
            }
        }
    }
}

/// The nearest names the member's registry, or the official model, holds: the key may be a
/// typo of one, to fix in the code rather than register.
fn near(out: &mut String, indent: &str, found: &Found, name: &str, semconv: Option<&Registry>) {
    let mut names: Vec<String> = found.near.get(name).cloned().unwrap_or_default();
    if let Some(Lookup::NotFound { suggestions }) = semconv.map(|r| r.lookup(name)) {
        names.extend(suggestions.iter().map(|s| format!("{s} (official)")));
    }
    if !names.is_empty() {
        let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        comment(
            out,
            indent,
            &format!(
                "near {}: if this is a typo, fix the code instead of registering it",
                listed.join(", ")
            ),
        );
    }
}

fn used_at(uses: &[Use]) -> String {
    let places: Vec<&str> = uses.iter().map(|u| u.at.as_str()).collect();
    format!("used at {}", places.join(", "))
}

/// `text` as YAML comment lines of at most about 100 columns, after `indent`.
fn comment(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 2 + line.len() + 1 + word.len() > 100 {
            let _ = writeln!(out, "{indent}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// A YAML scalar: plain when it reads back as the same string, else double-quoted (a JSON
/// string is a valid YAML double-quoted scalar).
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
            .contains(&text.to_ascii_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_they_read_back_as_strings() {
        assert_eq!(scalar("customer.id"), "customer.id");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("1.5"), "\"1.5\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("é\"#"), "\"é\\\"#\"");
    }

    #[test]
    fn long_comments_wrap() {
        let mut out = String::new();
        comment(&mut out, "  ", &"word ".repeat(40));
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.len() <= 100 && l.starts_with("  # ")));
    }
}
