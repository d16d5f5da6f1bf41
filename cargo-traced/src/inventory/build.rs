//! The inventory of a workspace's members: their `#[traced]` fns and hand-written spans.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use traced_registry::locate::Unavailable;
use traced_registry::{Lookup, Registry, SpanLookup};

use super::functions::{self, Function, Traced};
use super::model::{Entry, Inventory, TRACED};
use super::target::crate_and_module;
use crate::scan::{Site, Text, What};
use crate::sources;
use crate::workspace::{Member, Workspace};

/// The inventory of the selected members (all when `packages` is empty), and a note for each
/// member with spans and no registry. A file that does not parse, or a registry that does not
/// load, is an error naming it.
pub fn inventory(ws: &Workspace, packages: &[String]) -> Result<(Inventory, Vec<String>), String> {
    let mut spans = Vec::new();
    let mut notes = Vec::new();
    for member in ws.select(packages)? {
        let (entries, registered) = member_spans(ws, member)?;
        if !entries.is_empty() && !registered {
            notes.push(format!(
                "member `{}` has no attribute registry: its spans are listed without sensitive keys, and a declared span without its kind",
                member.name
            ));
        }
        spans.extend(entries);
    }
    Ok((Inventory::new(spans), notes))
}

/// A member's registry: `None` when it has none (sensitive marks and declared kinds are then
/// not known), an error when its setting is wrong or it does not load.
pub fn member_registry(member: &Member) -> Result<Option<Registry>, String> {
    match member.registry() {
        Ok((registry, _)) => Ok(Some(registry)),
        Err(Unavailable::NotFound(_)) => Ok(None),
        Err(other) => Err(format!("member `{}`: {}", member.name, other.message())),
    }
}

/// The member's spans, and whether it has a registry (when it has spans).
fn member_spans(ws: &Workspace, member: &Member) -> Result<(Vec<Entry>, bool), String> {
    let mut registry: Option<Option<Registry>> = None;
    let mut entries = Vec::new();
    for source in sources::read(ws, member)? {
        let spans: Vec<&Site> = source
            .scan
            .sites
            .iter()
            .filter(|s| matches!(s.what, What::Span(_)))
            .collect();
        // The scanner took the text; the fns need the tree (the text parsed once already).
        let file = syn::parse_file(&source.text)
            .map_err(|e| format!("cannot parse {}: {e}", source.path.display()))?;
        let fns = functions::functions(&file);
        if spans.is_empty() && fns.iter().all(|f| f.traced.is_none()) {
            continue;
        }
        let registry = match &mut registry {
            Some(loaded) => loaded.as_ref(),
            None => registry.insert(member_registry(member)?).as_ref(),
        };
        let in_member = ws.root.join(&source.path);
        let (krate, modules) = crate_and_module(&member.name, member_relative(member, &in_member));
        let origin = Origin {
            krate: &krate,
            modules: &modules,
            file: source.path.to_string_lossy().replace('\\', "/"),
        };
        for function in &fns {
            if let Some(traced) = &function.traced {
                entries.push(traced_entry(&origin, function, traced, registry));
            }
        }
        for site in spans {
            let cx = FileSites {
                sites: &source.scan.sites,
                fns: &fns,
            };
            entries.push(hand_written(&origin, site, &cx, registry));
        }
    }
    let registered = registry.is_none_or(|r| r.is_some());
    Ok((entries, registered))
}

fn member_relative<'p>(member: &Member, path: &'p Path) -> &'p Path {
    path.strip_prefix(&member.dir).unwrap_or(path)
}

/// Where a file's spans come from: its crate, module and path.
struct Origin<'a> {
    krate: &'a str,
    modules: &'a [String],
    file: String,
}

impl Origin<'_> {
    fn function(&self, function: Option<&Function>) -> String {
        let path: Vec<&str> = self
            .modules
            .iter()
            .map(String::as_str)
            .chain(
                function
                    .into_iter()
                    .flat_map(|f| f.path.iter().map(String::as_str)),
            )
            .collect();
        if path.is_empty() {
            "(crate root)".to_string()
        } else {
            path.join("::")
        }
    }
}

fn traced_entry(
    origin: &Origin,
    function: &Function,
    traced: &Traced,
    registry: Option<&Registry>,
) -> Entry {
    let declared = traced.declared.as_ref().map(|ty| {
        let ty = ty.strip_prefix("span.").unwrap_or(ty);
        let def = registry.and_then(|r| match r.span(ty) {
            SpanLookup::Found(def) => Some(def),
            SpanLookup::NotFound { .. } => None,
        });
        (ty.to_string(), def.and_then(|d| d.kind.clone()))
    });
    // The macro's rule: `name`, else the declared span's type, else the fn's name.
    let name = match (&traced.name, &declared) {
        (Some(Ok(name)), _) => name.clone(),
        // The macro refuses it (built at run time, placeholders): the fn does not compile.
        (Some(Err(written)), _) => format!("<refused by #[traced]: {written}>"),
        (None, Some((ty, _))) => ty.clone(),
        (None, None) => traced.fn_name.clone(),
    };
    // `kind`, else the declared span's, else internal.
    let kind = match (&traced.kind, &declared) {
        (Some(kind), _) => Some(kind.clone()),
        (None, Some((_, Some(kind)))) => Some(kind.clone()),
        (None, Some((_, None))) if registry.is_none() => None,
        _ => Some("internal".to_string()),
    };
    let attributes = sorted(traced.keys.iter().cloned());
    Entry {
        krate: origin.krate.to_string(),
        function: origin.function(Some(function)),
        written_with: TRACED.to_string(),
        name,
        kind,
        declared: declared.map(|(ty, _)| ty),
        sensitive: sensitive(&attributes, registry),
        attributes,
        events: sorted(traced.events.iter().cloned()),
        allow_missing: sorted(traced.allow_missing.iter().cloned()),
        allow_sensitive: traced.allow_sensitive.iter().cloned().collect(),
        file: origin.file.clone(),
        line: function.at.line,
    }
}

/// `tracing` event macros: their fields are the event's attributes, not the span's.
const EVENT_MACROS: [&str; 6] = ["event!", "trace!", "debug!", "info!", "warn!", "error!"];

/// What a file holds, for its hand-written spans.
struct FileSites<'a> {
    sites: &'a [Site],
    fns: &'a [Function],
}

fn hand_written(
    origin: &Origin,
    site: &Site,
    cx: &FileSites,
    registry: Option<&Registry>,
) -> Entry {
    let What::Span(span) = &site.what else {
        unreachable!("only span sites are listed")
    };
    let function = functions::enclosing(cx.fns, site.at);
    let same_fn = |other: &&Site| {
        functions::enclosing(cx.fns, other.at).map(|f| f.start) == function.map(|f| f.start)
    };
    let mut attributes: BTreeSet<String> = span.keys.iter().flatten().cloned().collect();
    let mut events = BTreeSet::new();
    for other in cx.sites.iter().filter(same_fn) {
        match &other.what {
            // An event's attributes (a `tracing` event's fields, `add_event`'s list) are not
            // the span's.
            What::Attribute(a)
                if !EVENT_MACROS.contains(&other.api) && other.in_event.is_none() =>
            {
                attributes.insert(a.key.clone());
            }
            What::Event(e) => {
                if let Text::Literal(name) = &e.name {
                    events.insert(name.clone());
                }
            }
            _ => {}
        }
    }
    let name = match &span.name {
        Text::Literal(name) => name.clone(),
        Text::Built(how) => format!("<{}>", how.trim_matches('`')),
        Text::Unknown => "<unknown>".to_string(),
    };
    let attributes: Vec<String> = attributes.into_iter().collect();
    Entry {
        krate: origin.krate.to_string(),
        function: origin.function(function),
        written_with: site.api.to_string(),
        name,
        kind: span.kind.clone(),
        declared: None,
        sensitive: sensitive(&attributes, registry),
        attributes,
        events: events.into_iter().collect(),
        allow_missing: Vec::new(),
        allow_sensitive: BTreeMap::new(),
        file: origin.file.clone(),
        line: site.at.line,
    }
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    items.collect::<BTreeSet<_>>().into_iter().collect()
}

/// The keys the registry marks `pii` or `secret`.
fn sensitive(keys: &[String], registry: Option<&Registry>) -> BTreeMap<String, String> {
    let Some(registry) = registry else {
        return BTreeMap::new();
    };
    keys.iter()
        .filter_map(|key| match registry.lookup(key) {
            Lookup::Found(attr) | Lookup::Template { template: attr, .. } => attr
                .sensitive
                .as_ref()
                .map(|mark| (key.clone(), mark.level.as_str().to_string())),
            _ => None,
        })
        .collect()
}
