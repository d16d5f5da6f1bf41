//! Reads the definitions of one file out of its YAML tree: v1 (`groups:`) and v2
//! (`file_format: definition/2`) side by side.

use std::path::Path;

use crate::attr_type::parse_type;
use crate::deprecation::parse_deprecation;
use crate::error::LoadError;
use crate::field::{non_empty, trimmed, unknown_field};
use crate::model::{Annotations, Attribute, Deprecation, Event, Location};
use crate::node::{Entry, Node, Value};
use crate::position::Pos;
use crate::sensitive::{self, MarkSource, SensitiveMark};

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
pub(crate) struct FileDefinitions {
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) events: Vec<Event>,
    /// Every `ref:` to an attribute key, for the cross-file check.
    pub(crate) refs: Vec<(String, Location)>,
    /// `(renamed key, renamed_to, where renamed_to is written)`.
    pub(crate) renames: Vec<(String, String, Location)>,
    /// Keys whose definition is broken: still known, so references to them are not errors too.
    pub(crate) broken_keys: Vec<String>,
    /// Sensitivity marks set on groups and reference tags, joined into the keys they name
    /// once every file is read.
    pub(crate) marks: Vec<(String, SensitiveMark)>,
    pub(crate) errors: Vec<LoadError>,
}

/// Reads the definitions of `root`, the YAML tree of `file`.
pub(crate) fn read_file(file: &Path, root: &Node, strict: bool) -> FileDefinitions {
    let mut reader = FileReader {
        file,
        strict,
        out: FileDefinitions::default(),
    };
    reader.root(root);
    reader.out
}

struct FileReader<'a> {
    file: &'a Path,
    strict: bool,
    out: FileDefinitions,
}

impl FileReader<'_> {
    fn loc(&self, pos: Pos) -> Location {
        Location {
            file: self.file.to_path_buf(),
            line: pos.line,
            column: pos.column,
        }
    }

    fn error(&mut self, pos: Pos, message: String) {
        self.out.errors.push(LoadError::at(self.file, pos, message));
    }

    /// With `strict`, reports each field of `entries` not in `known`, at its key.
    fn check_fields(&mut self, entries: &[Entry], known: &[&str], what: &str) {
        if !self.strict {
            return;
        }
        for entry in entries {
            if !known.contains(&entry.key.as_str()) {
                self.error(entry.key_at, unknown_field(&entry.key, what, known));
            }
        }
    }

    fn root(&mut self, root: &Node) {
        let Value::Map(entries) = &root.value else {
            if root.value != Value::Null {
                let found = root.describe();
                self.error(root.at, format!("{EXPECTED_FILE}, found {found}"));
            }
            return;
        };
        match root.get("file_format") {
            Some(Node {
                value: Value::Str(f),
                ..
            }) if f.trim() == "definition/2" => {
                self.check_fields(entries, V2_TOP, "a registry file");
                self.v2(entries);
            }
            Some(other) => {
                let text = other.scalar_text().unwrap_or_default();
                self.error(
                    root.key_at("file_format"),
                    format!("unsupported `file_format: {text}`; use `file_format: definition/2` or a v1 file with `groups:`"),
                );
            }
            None if root.get("groups").is_some() => {
                self.check_fields(entries, V1_TOP, "a registry file");
                self.v1(root);
            }
            None if root.get("attributes").or(root.get("events")).is_some() => {
                if self.strict {
                    self.error(
                        root.at,
                        "v2 sections without `file_format: definition/2`; add it as the first line"
                            .to_string(),
                    );
                } else {
                    self.v2(entries);
                }
            }
            None => {
                self.error(root.at, format!("not a registry file: {EXPECTED_FILE}"));
            }
        }
    }

    // ---- v1 ----

    fn v1(&mut self, root: &Node) {
        let Some(groups) = root.get("groups") else {
            return;
        };
        match &groups.value {
            Value::Seq(groups) => {
                for group in groups {
                    self.v1_group(group);
                }
            }
            Value::Null => {}
            _ => {
                let msg = format!(
                    "`groups` must be a list of groups, found {}",
                    groups.describe()
                );
                self.error(root.key_at("groups"), msg);
            }
        }
    }

    fn v1_group(&mut self, group: &Node) {
        let Value::Map(entries) = &group.value else {
            let msg = format!("a group must be a mapping, found {}", group.describe());
            self.error(group.at, msg);
            return;
        };
        let id = group.get("id").and_then(Node::scalar_text);
        let pos = group.key_at("id");
        if id.is_none() {
            self.error(pos, "group without `id`; add `id: <group id>`".to_string());
        }
        let id = id.unwrap_or_default();
        self.check_fields(entries, V1_GROUP, &format!("group `{id}`"));
        let prefix = group
            .get("prefix")
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let mut keys = Vec::new();
        if let Some(attributes) = group.get("attributes") {
            match &attributes.value {
                Value::Seq(items) => {
                    for item in items {
                        if let Some(key) = self.v1_attribute(item, prefix) {
                            keys.push(key);
                        }
                    }
                }
                Value::Null => {}
                _ => {
                    let msg = format!(
                        "`attributes` of group `{id}` must be a list, found {}",
                        attributes.describe()
                    );
                    self.error(group.key_at("attributes"), msg);
                }
            }
        }
        if let Some((level, at)) = self.mark(group, &format!("group `{id}`")) {
            let mark = SensitiveMark {
                level,
                set_at: self.loc(at),
                source: MarkSource::Group(id.clone()),
            };
            for key in &keys {
                self.out.marks.push((key.clone(), mark.clone()));
            }
        }
        if group.get("type").and_then(Node::as_str) == Some("event") {
            let (name, at) = match group.get("name").and_then(Node::scalar_text) {
                Some(name) => (name, group.key_at("name")),
                // Older files named events by their group id only.
                None => (id.strip_prefix("event.").unwrap_or(&id).to_string(), pos),
            };
            let deprecated = self.deprecation(group, &format!("event `{name}`"));
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
        if item.entries().is_none() {
            let msg = format!(
                "an attribute entry must be a mapping (`- id: ...` or `- ref: ...`), found {}",
                item.describe()
            );
            self.error(item.at, msg);
            return None;
        }
        if item.get("ref").is_some() {
            return self.reference(item, Some(V1_REF));
        }
        if item.get("ref_group").is_some() {
            return None;
        }
        let id = self.key_field(item, "id")?;
        let key = match prefix {
            Some(p) => format!("{p}.{id}"),
            None => id,
        };
        self.definition(item, key.clone(), item.key_at("id"), V1_ATTRIBUTE);
        Some(key)
    }

    /// The `id`/`key` of a definition, or an error at the entry when it is missing.
    fn key_field(&mut self, item: &Node, field: &'static str) -> Option<String> {
        let node = item.get(field);
        if let Some(key) = node.and_then(Node::as_str).and_then(non_empty) {
            return Some(key);
        }
        match node {
            Some(other) => {
                let msg = format!(
                    "`{field}` must be a non-empty attribute key, found {}",
                    other.describe()
                );
                self.error(item.key_at(field), msg);
                None
            }
            None => {
                let hint = if field == "id" {
                    "a definition needs `id` and `type`; a reference needs `ref`"
                } else {
                    "v2 attributes are defined with `key:` and `type:`"
                };
                self.error(item.at, format!("attribute without `{field}`; {hint}"));
                None
            }
        }
    }

    fn reference(&mut self, item: &Node, known: Option<&[&str]>) -> Option<String> {
        let node = item.get("ref");
        let pos = item.key_at("ref");
        let Some(key) = node.and_then(Node::as_str).and_then(non_empty) else {
            let found = node.map_or("nothing", Node::describe);
            self.error(
                pos,
                format!("`ref` must name an attribute key, found {found}"),
            );
            return None;
        };
        if let (Some(known), Some(entries)) = (known, item.entries()) {
            self.check_fields(entries, known, &format!("the reference to `{key}`"));
        }
        if sensitive::tagged(item) {
            let mark = SensitiveMark {
                level: sensitive::Sensitivity::Pii,
                set_at: self.loc(item.key_at("tag")),
                source: MarkSource::Tag,
            };
            self.out.marks.push((key.clone(), mark));
        }
        let loc = self.loc(pos);
        self.out.refs.push((key.clone(), loc));
        Some(key)
    }

    /// An attribute definition whose `id:`/`key:` is at `pos`; pushes the attribute, or the
    /// errors and a broken key.
    fn definition(&mut self, item: &Node, key: String, pos: Pos, known: &[&str]) {
        let errors_before = self.out.errors.len();
        let what = format!("attribute `{key}`");
        if let Some(entries) = item.entries() {
            self.check_fields(entries, known, &what);
        }
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
                    let at = e.at.unwrap_or(item.key_at("type"));
                    self.error(at, format!("{what}: {}", e.message));
                    None
                }
            },
        };
        let deprecated = self.deprecation(item, &what);
        if let (Some(Deprecation::Renamed { renamed_to, .. }), Some(node)) =
            (&deprecated, item.get("deprecated"))
        {
            let loc = self.loc(node.key_at("renamed_to"));
            self.out
                .renames
                .push((key.clone(), renamed_to.clone(), loc));
        }
        let traced = self.annotations(item, &what);
        let sensitive = self.mark(item, &what).map(|(level, at)| SensitiveMark {
            level,
            set_at: self.loc(at),
            source: MarkSource::Definition,
        });
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
                    sensitive,
                });
            }
            _ => self.out.broken_keys.push(key),
        }
    }

    fn deprecation(&mut self, item: &Node, what: &str) -> Option<Deprecation> {
        let node = item.get("deprecated")?;
        match parse_deprecation(node, self.strict) {
            Ok(d) => Some(d),
            Err(e) => {
                let at = e.at.unwrap_or(item.key_at("deprecated"));
                self.error(at, format!("{what}: {}", e.message));
                None
            }
        }
    }

    /// `annotations.traced`: ours, so checked in lenient mode too.
    fn annotations(&mut self, item: &Node, what: &str) -> Annotations {
        let mut out = Annotations::new();
        let Some(annotations) = item.get("annotations") else {
            return out;
        };
        let Some(traced) = annotations.get("traced") else {
            return out;
        };
        match &traced.value {
            Value::Map(entries) => {
                for entry in entries {
                    let k = &entry.key;
                    match &entry.value.value {
                        Value::Null => {
                            out.insert(k.clone(), String::new());
                        }
                        Value::Seq(_) | Value::Map(_) => {
                            self.error(
                                entry.key_at,
                                format!(
                                    "{what}: `annotations.traced.{k}` must be a string, number or \
                                     boolean, found {}",
                                    entry.value.describe()
                                ),
                            );
                        }
                        _ => {
                            out.insert(k.clone(), entry.value.scalar_text().unwrap_or_default());
                        }
                    }
                }
            }
            Value::Null => {}
            _ => {
                self.error(
                    annotations.key_at("traced"),
                    format!(
                        "{what}: `annotations.traced` must be a mapping of names to values, found {}",
                        traced.describe()
                    ),
                );
            }
        }
        out
    }

    /// The `annotations.traced.sensitive` mark of `item`, reporting a bad value.
    fn mark(&mut self, item: &Node, what: &str) -> Option<(sensitive::Sensitivity, Pos)> {
        match sensitive::read_mark(item) {
            Ok(mark) => mark,
            Err((at, message)) => {
                self.error(at, format!("{what}: {message}"));
                None
            }
        }
    }

    // ---- v2 ----

    fn v2(&mut self, entries: &[Entry]) {
        for entry in entries {
            let section = entry.key.as_str();
            let items = match &entry.value.value {
                Value::Seq(items) => items.as_slice(),
                _ if section == "file_format" || section == "imports" => continue,
                Value::Null => continue,
                _ => {
                    let msg = format!(
                        "`{section}` must be a list, found {}",
                        entry.value.describe()
                    );
                    self.error(entry.key_at, msg);
                    continue;
                }
            };
            for item in items {
                match section {
                    "attributes" => self.v2_attribute(item),
                    "events" => self.v2_event(item),
                    // Spans, metrics, groups...: only their references matter here.
                    _ => {
                        let mut keys = Vec::new();
                        if let Some(Value::Seq(attrs)) = item.get("attributes").map(|a| &a.value) {
                            for attr in attrs {
                                if attr.get("ref").is_some() {
                                    keys.extend(self.reference(attr, None));
                                }
                            }
                        }
                        if section == "attribute_groups" {
                            self.v2_group_mark(item, &keys);
                        }
                    }
                }
            }
        }
    }

    /// A v2 attribute group's mark applies to every key it references.
    fn v2_group_mark(&mut self, item: &Node, keys: &[String]) {
        let id = item
            .get("id")
            .and_then(Node::scalar_text)
            .unwrap_or_default();
        if let Some((level, at)) = self.mark(item, &format!("attribute group `{id}`")) {
            let mark = SensitiveMark {
                level,
                set_at: self.loc(at),
                source: MarkSource::Group(id),
            };
            for key in keys {
                self.out.marks.push((key.clone(), mark.clone()));
            }
        }
    }

    fn v2_attribute(&mut self, item: &Node) {
        if item.entries().is_none() {
            let msg = format!(
                "an attribute must be a mapping (`- key: ...`), found {}",
                item.describe()
            );
            self.error(item.at, msg);
            return;
        }
        let Some(key) = self.key_field(item, "key") else {
            return;
        };
        self.definition(item, key, item.key_at("key"), V2_ATTRIBUTE);
    }

    fn v2_event(&mut self, item: &Node) {
        let Value::Map(entries) = &item.value else {
            let msg = format!(
                "an event must be a mapping (`- name: ...`), found {}",
                item.describe()
            );
            self.error(item.at, msg);
            return;
        };
        let Some(name) = item.get("name").and_then(Node::as_str).and_then(non_empty) else {
            self.error(
                item.at,
                "event without `name`; add `name: <event name>`".to_string(),
            );
            return;
        };
        let pos = item.key_at("name");
        let what = format!("event `{name}`");
        self.check_fields(entries, V2_EVENT, &what);
        let mut keys = Vec::new();
        if let Some(attributes) = item.get("attributes") {
            match &attributes.value {
                Value::Seq(attrs) => {
                    for attr in attrs {
                        if attr.get("ref").is_some() {
                            if let Some(k) = self.reference(attr, Some(V1_REF)) {
                                keys.push(k);
                            }
                        } else if attr.get("ref_group").is_none() {
                            let msg = format!(
                                "{what}: event attributes are references (`- ref: <key>`), found {}",
                                attr.describe()
                            );
                            self.error(attr.at, msg);
                        }
                    }
                }
                Value::Null => {}
                _ => {
                    let msg = format!(
                        "{what}: `attributes` must be a list, found {}",
                        attributes.describe()
                    );
                    self.error(item.key_at("attributes"), msg);
                }
            }
        }
        let deprecated = self.deprecation(item, &what);
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
