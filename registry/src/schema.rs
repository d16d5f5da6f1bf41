//! Reads the definitions of one file out of its YAML tree: v1 (`groups:`) and v2
//! (`file_format: definition/2`) side by side.

use std::collections::HashMap;
use std::path::Path;

use crate::error::LoadError;
use crate::locate::{Index, Pos};
use crate::model::{Annotations, Attribute, Deprecation, Event, Location};
use crate::node::Node;
use crate::types::{non_empty, parse_deprecation, parse_type, trimmed, unknown_field};

const V1_TOP: &[&str] = &["groups", "imports"];
const V2_TOP: &[&str] = &[
    "file_format",
    "attributes",
    "attribute_groups",
    "events",
    "spans",
    "metrics",
    "entities",
    "span_refinements",
    "metric_refinements",
    "event_refinements",
    "entity_refinements",
    "imports",
];
const V1_GROUP: &[&str] = &[
    "id",
    "type",
    "brief",
    "note",
    "prefix",
    "stability",
    "deprecated",
    "attributes",
    "extends",
    "span_kind",
    "events",
    "metric_name",
    "instrument",
    "unit",
    "name",
    "display_name",
    "annotations",
    "entity_associations",
    "body",
    "constraints",
    "visibility",
];
const V1_ATTRIBUTE: &[&str] = &[
    "id",
    "type",
    "brief",
    "note",
    "stability",
    "deprecated",
    "examples",
    "requirement_level",
    "sampling_relevant",
    "tag",
    "annotations",
    "role",
    "display_name",
];
const V1_REF: &[&str] = &[
    "ref",
    "brief",
    "note",
    "stability",
    "deprecated",
    "examples",
    "requirement_level",
    "sampling_relevant",
    "tag",
    "annotations",
    "role",
];
const V2_ATTRIBUTE: &[&str] = &[
    "key",
    "type",
    "brief",
    "note",
    "stability",
    "deprecated",
    "examples",
    "annotations",
];
const V2_EVENT: &[&str] = &[
    "name",
    "brief",
    "note",
    "stability",
    "deprecated",
    "attributes",
    "body",
    "annotations",
    "entity_associations",
    "visibility",
];

const EXPECTED_FILE: &str = "expected a v1 file (`groups:`) or a v2 file \
    (`file_format: definition/2` with `attributes:`/`events:`)";

/// What one file defines and references, and what is wrong in it.
#[derive(Debug, Default)]
pub(crate) struct FileDefs {
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) events: Vec<Event>,
    /// Every `ref:` to an attribute key, for the cross-file check.
    pub(crate) refs: Vec<(String, Location)>,
    /// `(renamed key, renamed_to, where renamed_to is written)`.
    pub(crate) renames: Vec<(String, String, Location)>,
    /// Keys whose definition is broken: still known, so references to them are not errors too.
    pub(crate) broken_keys: Vec<String>,
    pub(crate) errors: Vec<LoadError>,
}

/// Reads the definitions of `root`, parsed from `text` of `file`.
pub(crate) fn read_file(file: &Path, text: &str, root: &Node, strict: bool) -> FileDefs {
    let mut reader = Reader {
        file,
        index: Index::new(text),
        strict,
        cursors: HashMap::new(),
        out: FileDefs::default(),
    };
    reader.root(root);
    reader.out
}

struct Reader<'a> {
    file: &'a Path,
    index: Index<'a>,
    strict: bool,
    /// The last position matched per field name: definitions are matched in file order.
    cursors: HashMap<&'static str, Pos>,
    out: FileDefs,
}

impl Reader<'_> {
    fn loc(&self, pos: Pos) -> Location {
        Location {
            file: self.file.to_path_buf(),
            line: pos.line,
            column: pos.column,
        }
    }

    fn error(&mut self, pos: Pos, message: String) {
        let at = self.loc(pos);
        self.out.errors.push(LoadError::at(&at, message));
    }

    /// The furthest point matched so far.
    fn latest(&self) -> Option<Pos> {
        self.cursors.values().max().copied()
    }

    /// Where the next `name: value` is written, after the previous one matched for `name`.
    fn next(&mut self, name: &'static str, value: &str) -> Pos {
        let after = self.cursors.get(name).copied();
        let found = self
            .index
            .find_after(name, Some(value), after)
            // Not written as plain `name: value` after the last one (an alias, a merge, an
            // odd order): any occurrence is still better than none.
            .or_else(|| self.index.find_after(name, Some(value), None));
        match found {
            Some(pos) => {
                if after.is_none_or(|a| pos > a) {
                    self.cursors.insert(name, pos);
                }
                pos
            }
            None => self.latest().unwrap_or(Pos::START),
        }
    }

    /// Where `name` (with `value`, if a scalar) is written in the mapping whose key is at
    /// `anchor`; `anchor` itself when it cannot be found.
    fn near(&self, name: &str, value: Option<&Node>, anchor: Pos) -> Pos {
        let value = value.and_then(Node::scalar_text);
        value
            .and_then(|v| self.index.find_near(name, Some(&v), anchor))
            .or_else(|| self.index.find_near(name, None, anchor))
            .unwrap_or(anchor)
    }

    /// Where an entry without its key field is written: its earliest field after the last match.
    fn entry_pos(&self, entries: &[(String, Node)]) -> Pos {
        let after = self.latest();
        entries
            .iter()
            .filter_map(|(k, v)| {
                let value = v.scalar_text();
                self.index.find_after(k, value.as_deref(), after)
            })
            .min()
            .or(after)
            .unwrap_or(Pos::START)
    }

    /// With `strict`, reports each field of `entries` not in `known`.
    fn check_fields(&mut self, entries: &[(String, Node)], known: &[&str], what: &str, at: Pos) {
        if !self.strict {
            return;
        }
        for (field, _) in entries {
            if !known.contains(&field.as_str()) {
                let pos = self.near(field, None, at);
                self.error(pos, unknown_field(field, what, known));
            }
        }
    }

    fn root(&mut self, root: &Node) {
        let Node::Map(entries) = root else {
            if *root != Node::Null {
                let found = root.describe();
                self.error(Pos::START, format!("{EXPECTED_FILE}, found {found}"));
            }
            return;
        };
        match root.get("file_format") {
            Some(Node::Str(f)) if f.trim() == "definition/2" => {
                self.check_fields(entries, V2_TOP, "a registry file", Pos::START);
                self.v2(entries);
            }
            Some(other) => {
                let pos = self.near("file_format", Some(other), Pos::START);
                let text = other.scalar_text().unwrap_or_default();
                self.error(
                    pos,
                    format!("unsupported `file_format: {text}`; use `file_format: definition/2` or a v1 file with `groups:`"),
                );
            }
            None if root.get("groups").is_some() => {
                self.check_fields(entries, V1_TOP, "a registry file", Pos::START);
                self.v1(root);
            }
            None if root.get("attributes").or(root.get("events")).is_some() => {
                if self.strict {
                    self.error(
                        Pos::START,
                        "v2 sections without `file_format: definition/2`; add it as the first line"
                            .to_string(),
                    );
                } else {
                    self.v2(entries);
                }
            }
            None => {
                self.error(Pos::START, format!("not a registry file: {EXPECTED_FILE}"));
            }
        }
    }

    // ---- v1 ----

    fn v1(&mut self, root: &Node) {
        match root.get("groups") {
            Some(Node::Seq(groups)) => {
                for group in groups {
                    self.v1_group(group);
                }
            }
            Some(Node::Null) | None => {}
            Some(other) => {
                let pos = self.near("groups", None, Pos::START);
                let msg = format!(
                    "`groups` must be a list of groups, found {}",
                    other.describe()
                );
                self.error(pos, msg);
            }
        }
    }

    fn v1_group(&mut self, group: &Node) {
        let Node::Map(entries) = group else {
            let pos = self.latest().unwrap_or(Pos::START);
            let msg = format!("a group must be a mapping, found {}", group.describe());
            self.error(pos, msg);
            return;
        };
        let id = group.get("id").and_then(Node::scalar_text);
        let pos = match &id {
            Some(id) => self.next("id", id),
            None => {
                let pos = self.entry_pos(entries);
                self.error(pos, "group without `id`; add `id: <group id>`".to_string());
                pos
            }
        };
        let id = id.unwrap_or_default();
        self.check_fields(entries, V1_GROUP, &format!("group `{id}`"), pos);
        let prefix = group
            .get("prefix")
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let mut keys = Vec::new();
        match group.get("attributes") {
            Some(Node::Seq(items)) => {
                for item in items {
                    if let Some(key) = self.v1_attribute(item, prefix) {
                        keys.push(key);
                    }
                }
            }
            Some(Node::Null) | None => {}
            Some(other) => {
                let at = self.near("attributes", None, pos);
                let msg = format!(
                    "`attributes` of group `{id}` must be a list, found {}",
                    other.describe()
                );
                self.error(at, msg);
            }
        }
        if group.get("type").and_then(Node::as_str) == Some("event") {
            let (name, at) = match group.get("name").and_then(Node::scalar_text) {
                Some(name) => {
                    let at = self.near("name", group.get("name"), pos);
                    (name, at)
                }
                // Older files named events by their group id only.
                None => (id.strip_prefix("event.").unwrap_or(&id).to_string(), pos),
            };
            let deprecated = self.deprecation(group, &format!("event `{name}`"), at);
            self.out.events.push(Event {
                name,
                brief: brief(group),
                attributes: keys,
                deprecated,
                defined_at: self.loc(at),
            });
        }
    }

    /// One entry of a v1 group's `attributes`; returns the key it defines or references.
    fn v1_attribute(&mut self, item: &Node, prefix: Option<&str>) -> Option<String> {
        let Node::Map(entries) = item else {
            let pos = self.latest().unwrap_or(Pos::START);
            let msg = format!(
                "an attribute entry must be a mapping (`- id: ...` or `- ref: ...`), found {}",
                item.describe()
            );
            self.error(pos, msg);
            return None;
        };
        if item.get("ref").is_some() {
            return self.reference(item, entries, Some(V1_REF));
        }
        if item.get("ref_group").is_some() {
            return None;
        }
        let id = self.key_field(item, entries, "id")?;
        let pos = self.next("id", &id);
        let key = match prefix {
            Some(p) => format!("{p}.{id}"),
            None => id,
        };
        self.definition(item, entries, key.clone(), pos, V1_ATTRIBUTE);
        Some(key)
    }

    /// The `id`/`key` of a definition, or an error at the entry when it is missing.
    fn key_field(
        &mut self,
        item: &Node,
        entries: &[(String, Node)],
        field: &'static str,
    ) -> Option<String> {
        let node = item.get(field);
        if let Some(key) = node.and_then(Node::as_str).and_then(non_empty) {
            return Some(key);
        }
        match node {
            Some(other) => {
                let pos = self.near(field, Some(other), self.entry_pos(entries));
                let msg = format!(
                    "`{field}` must be a non-empty attribute key, found {}",
                    other.describe()
                );
                self.error(pos, msg);
                None
            }
            None => {
                let pos = self.entry_pos(entries);
                let hint = if field == "id" {
                    "a definition needs `id` and `type`; a reference needs `ref`"
                } else {
                    "v2 attributes are defined with `key:` and `type:`"
                };
                self.error(pos, format!("attribute without `{field}`; {hint}"));
                None
            }
        }
    }

    fn reference(
        &mut self,
        item: &Node,
        entries: &[(String, Node)],
        known: Option<&[&str]>,
    ) -> Option<String> {
        let node = item.get("ref");
        let Some(key) = node.and_then(Node::as_str).and_then(non_empty) else {
            let pos = self.near("ref", node, self.entry_pos(entries));
            let found = node.map_or("nothing", Node::describe);
            self.error(
                pos,
                format!("`ref` must name an attribute key, found {found}"),
            );
            return None;
        };
        let pos = self.next("ref", &key);
        if let Some(known) = known {
            self.check_fields(entries, known, &format!("the reference to `{key}`"), pos);
        }
        let loc = self.loc(pos);
        self.out.refs.push((key.clone(), loc));
        Some(key)
    }

    /// An attribute definition; pushes the attribute, or the errors and a broken key.
    fn definition(
        &mut self,
        item: &Node,
        entries: &[(String, Node)],
        key: String,
        pos: Pos,
        known: &[&str],
    ) {
        let errors_before = self.out.errors.len();
        let what = format!("attribute `{key}`");
        self.check_fields(entries, known, &what, pos);
        let ty = match item.get("type") {
            None => {
                self.error(
                    pos,
                    format!(
                        "{what} has no `type`; add `type:` with one of string, int, double, \
                         boolean, their arrays (`string[]`...), template[T], any, or an enum \
                         (`members:`)"
                    ),
                );
                None
            }
            Some(t) => match parse_type(t, self.strict) {
                Ok(ty) => Some(ty),
                Err(e) => {
                    let type_pos = self.near("type", Some(t), pos);
                    let at = match &e.at {
                        Some((field, value)) => self
                            .index
                            .find_after(field, value.as_deref(), Some(type_pos))
                            .unwrap_or(type_pos),
                        None => type_pos,
                    };
                    self.error(at, format!("{what}: {}", e.message));
                    None
                }
            },
        };
        let deprecated = self.deprecation(item, &what, pos);
        if let Some(Deprecation::Renamed { renamed_to, .. }) = &deprecated {
            let dep_pos = self.near("deprecated", None, pos);
            let at = self
                .index
                .find_after("renamed_to", Some(renamed_to), Some(dep_pos))
                .unwrap_or(dep_pos);
            let loc = self.loc(at);
            self.out
                .renames
                .push((key.clone(), renamed_to.clone(), loc));
        }
        let traced = self.annotations(item, &what, pos);
        match ty {
            Some(ty) if self.out.errors.len() == errors_before => {
                let defined_at = self.loc(pos);
                self.out.attributes.push(Attribute {
                    key,
                    ty,
                    brief: brief(item),
                    stability: item.get("stability").and_then(Node::scalar_text),
                    deprecated,
                    defined_at,
                    traced,
                });
            }
            _ => self.out.broken_keys.push(key),
        }
    }

    fn deprecation(&mut self, item: &Node, what: &str, pos: Pos) -> Option<Deprecation> {
        let node = item.get("deprecated")?;
        match parse_deprecation(node, self.strict) {
            Ok(d) => Some(d),
            Err(message) => {
                let at = self.near("deprecated", None, pos);
                self.error(at, format!("{what}: {message}"));
                None
            }
        }
    }

    /// `annotations.traced`: ours, so checked in lenient mode too.
    fn annotations(&mut self, item: &Node, what: &str, pos: Pos) -> Annotations {
        let mut out = Annotations::new();
        let Some(traced) = item.get("annotations").and_then(|a| a.get("traced")) else {
            return out;
        };
        match traced {
            Node::Map(entries) => {
                for (k, v) in entries {
                    match v {
                        Node::Null => {
                            out.insert(k.clone(), String::new());
                        }
                        Node::Seq(_) | Node::Map(_) => {
                            let at = self.annotation_pos(pos, Some(k));
                            self.error(
                                at,
                                format!(
                                    "{what}: `annotations.traced.{k}` must be a string, number or \
                                     boolean, found {}",
                                    v.describe()
                                ),
                            );
                        }
                        scalar => {
                            out.insert(k.clone(), scalar.scalar_text().unwrap_or_default());
                        }
                    }
                }
            }
            Node::Null => {}
            other => {
                let at = self.annotation_pos(pos, None);
                self.error(
                    at,
                    format!(
                        "{what}: `annotations.traced` must be a mapping of names to values, found {}",
                        other.describe()
                    ),
                );
            }
        }
        out
    }

    fn annotation_pos(&self, pos: Pos, field: Option<&str>) -> Pos {
        let annotations = self.near("annotations", None, pos);
        let traced = self
            .index
            .find_after("traced", None, Some(annotations))
            .unwrap_or(annotations);
        field
            .and_then(|f| self.index.find_after(f, None, Some(traced)))
            .unwrap_or(traced)
    }

    // ---- v2 ----

    fn v2(&mut self, entries: &[(String, Node)]) {
        for (section, value) in entries {
            let items = match value {
                Node::Seq(items) => items.as_slice(),
                _ if section == "file_format" || section == "imports" => continue,
                Node::Null => continue,
                other => {
                    let pos = self.near(section, None, Pos::START);
                    let msg = format!("`{section}` must be a list, found {}", other.describe());
                    self.error(pos, msg);
                    continue;
                }
            };
            for item in items {
                match section.as_str() {
                    "attributes" => self.v2_attribute(item),
                    "events" => self.v2_event(item),
                    // Spans, metrics, groups...: only their references matter here.
                    _ => {
                        if let Some(Node::Seq(attrs)) = item.get("attributes") {
                            for attr in attrs {
                                if let Node::Map(e) = attr {
                                    if attr.get("ref").is_some() {
                                        self.reference(attr, e, None);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn v2_attribute(&mut self, item: &Node) {
        let Node::Map(entries) = item else {
            let pos = self.latest().unwrap_or(Pos::START);
            let msg = format!(
                "an attribute must be a mapping (`- key: ...`), found {}",
                item.describe()
            );
            self.error(pos, msg);
            return;
        };
        let Some(key) = self.key_field(item, entries, "key") else {
            return;
        };
        let pos = self.next("key", &key);
        self.definition(item, entries, key, pos, V2_ATTRIBUTE);
    }

    fn v2_event(&mut self, item: &Node) {
        let Node::Map(entries) = item else {
            let pos = self.latest().unwrap_or(Pos::START);
            let msg = format!(
                "an event must be a mapping (`- name: ...`), found {}",
                item.describe()
            );
            self.error(pos, msg);
            return;
        };
        let Some(name) = item.get("name").and_then(Node::as_str).and_then(non_empty) else {
            let pos = self.entry_pos(entries);
            self.error(
                pos,
                "event without `name`; add `name: <event name>`".to_string(),
            );
            return;
        };
        let pos = self.next("name", &name);
        let what = format!("event `{name}`");
        self.check_fields(entries, V2_EVENT, &what, pos);
        let mut keys = Vec::new();
        match item.get("attributes") {
            Some(Node::Seq(attrs)) => {
                for attr in attrs {
                    match attr {
                        Node::Map(e) if attr.get("ref").is_some() => {
                            if let Some(k) = self.reference(attr, e, Some(V1_REF)) {
                                keys.push(k);
                            }
                        }
                        Node::Map(_) if attr.get("ref_group").is_some() => {}
                        other => {
                            let at = self.near("attributes", None, pos);
                            let msg = format!(
                                "{what}: event attributes are references (`- ref: <key>`), found {}",
                                other.describe()
                            );
                            self.error(at, msg);
                        }
                    }
                }
            }
            Some(Node::Null) | None => {}
            Some(other) => {
                let at = self.near("attributes", None, pos);
                let msg = format!(
                    "{what}: `attributes` must be a list, found {}",
                    other.describe()
                );
                self.error(at, msg);
            }
        }
        let deprecated = self.deprecation(item, &what, pos);
        let defined_at = self.loc(pos);
        self.out.events.push(Event {
            name,
            brief: brief(item),
            attributes: keys,
            deprecated,
            defined_at,
        });
    }
}

fn brief(item: &Node) -> String {
    item.get("brief")
        .and_then(Node::scalar_text)
        .map(trimmed)
        .unwrap_or_default()
}
