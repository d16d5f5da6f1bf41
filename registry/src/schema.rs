//! Reads the definitions of one file out of its YAML tree: v1 (`groups:`) and v2
//! (`file_format: definition/2`) side by side.

use std::path::Path;

use crate::attr_type::parse_type;
use crate::deprecation::parse_deprecation;
use crate::error::LoadError;
use crate::field::{non_empty, trimmed, unknown_field};
use crate::model::{Annotations, Attribute, Deprecation, Event, Location, RequirementLevel};
use crate::node::{Entry, Node, Value};
use crate::position::Pos;
use crate::sensitive::{self, MarkSource, SensitiveMark};
use crate::spans::{RawGroup, RawRef, RawSpan};

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
    /// v1 groups and v2 `attribute_groups:`, for `extends` and `ref_group`.
    pub(crate) groups: Vec<RawGroup>,
    /// v1 `type: span` groups, v2 `spans:` and `span_refinements:`.
    pub(crate) spans: Vec<RawSpan>,
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
        let mut raw = RawGroup {
            id: id.clone(),
            ..RawGroup::default()
        };
        if let Some((parent, at)) = self.name_field(group, "extends") {
            raw.extends = Some((parent, at));
        }
        if let Some(attributes) = group.get("attributes") {
            match &attributes.value {
                Value::Seq(items) => {
                    for item in items {
                        if let Some((name, at)) = self.name_field(item, "ref_group") {
                            raw.ref_groups.push((name, at));
                        }
                        if let Some(key) = self.v1_attribute(item, prefix) {
                            let r = self.raw_ref(item, key.clone());
                            raw.refs.push(r);
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
        if group.get("type").and_then(Node::as_str) == Some("span") && !id.is_empty() {
            let ty = id.strip_prefix("span.").unwrap_or(&id).to_string();
            let kind = group.get("span_kind").and_then(Node::scalar_text);
            self.span(group, ty, kind, raw.clone(), None, pos);
        }
        if !id.is_empty() {
            self.out.groups.push(raw);
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
                    "attribute_groups" => self.v2_group(item),
                    "spans" | "span_refinements" => self.v2_span(section, item),
                    // Spans, metrics, groups...: only their references matter here.
                    _ => {
                        if let Some(Value::Seq(attrs)) = item.get("attributes").map(|a| &a.value) {
                            for attr in attrs {
                                if attr.get("ref").is_some() {
                                    self.reference(attr, None);
                                }
                            }
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

impl FileReader<'_> {
    // ---- spans ----

    /// A group name (`extends:`, `ref_group:`, a refinement's `ref:`) and where it is written.
    fn name_field(&mut self, item: &Node, field: &str) -> Option<(String, Location)> {
        let node = item.get(field)?;
        match node.as_str().and_then(non_empty) {
            Some(name) => Some((name, self.loc(item.key_at(field)))),
            None => {
                let msg = format!("`{field}` must name a group, found {}", node.describe());
                self.error(item.key_at(field), msg);
                None
            }
        }
    }

    /// `requirement_level` and `sampling_relevant` of one attribute entry.
    fn raw_ref(&mut self, item: &Node, key: String) -> RawRef {
        let level = item
            .get("requirement_level")
            .and_then(|node| self.level(node, item.key_at("requirement_level"), &key));
        let sampling_relevant = match item.get("sampling_relevant").map(|n| &n.value) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.error(
                    item.key_at("sampling_relevant"),
                    format!("`{key}`: `sampling_relevant` must be `true` or `false`"),
                );
                None
            }
        };
        RawRef {
            key,
            level,
            sampling_relevant,
        }
    }

    fn level(&mut self, node: &Node, at: Pos, key: &str) -> Option<RequirementLevel> {
        let text = |n: &Node| n.scalar_text().map(trimmed).unwrap_or_default();
        let level = match &node.value {
            Value::Str(s) => match s.trim() {
                "required" => Some(RequirementLevel::Required),
                "recommended" => Some(RequirementLevel::Recommended(None)),
                "opt_in" => Some(RequirementLevel::OptIn),
                _ => None,
            },
            Value::Map(entries) if entries.len() == 1 => match entries[0].key.as_str() {
                "conditionally_required" => Some(RequirementLevel::ConditionallyRequired(text(
                    &entries[0].value,
                ))),
                "recommended" => Some(RequirementLevel::Recommended(Some(text(&entries[0].value)))),
                _ => None,
            },
            _ => None,
        };
        if level.is_none() {
            self.error(
                at,
                format!(
                    "`{key}`: unknown `requirement_level`; expected `required`, `recommended`,                      `opt_in`, `{{conditionally_required: <condition>}}` or                      `{{recommended: <condition>}}`"
                ),
            );
        }
        level
    }

    /// The `attributes:` of a v2 group, span or refinement: refs and `ref_group`s.
    fn v2_refs(&mut self, item: &Node, id: &str) -> RawGroup {
        let mut raw = RawGroup {
            id: id.to_string(),
            ..RawGroup::default()
        };
        let Some(Value::Seq(attrs)) = item.get("attributes").map(|a| &a.value) else {
            return raw;
        };
        for attr in attrs {
            if let Some(group) = self.name_field(attr, "ref_group") {
                raw.ref_groups.push(group);
            } else if attr.get("ref").is_some() {
                if let Some(key) = self.reference(attr, None) {
                    let r = self.raw_ref(attr, key);
                    raw.refs.push(r);
                }
            }
        }
        raw
    }

    fn v2_group(&mut self, item: &Node) {
        let Some(id) = item.get("id").and_then(Node::as_str).and_then(non_empty) else {
            self.error(
                item.at,
                "attribute group without `id`; add `id: <group id>`".to_string(),
            );
            return;
        };
        let raw = self.v2_refs(item, &id);
        let keys: Vec<String> = raw.refs.iter().map(|r| r.key.clone()).collect();
        self.v2_group_mark(item, &keys);
        self.out.groups.push(raw);
    }

    fn v2_span(&mut self, section: &str, item: &Node) {
        let refinement = section == "span_refinements";
        let field = if refinement { "id" } else { "type" };
        let Some(name) = item.get(field).and_then(Node::as_str).and_then(non_empty) else {
            let what = if refinement {
                "span refinement"
            } else {
                "span"
            };
            self.error(
                item.at,
                format!("{what} without `{field}`; add `{field}: <span type>`"),
            );
            return;
        };
        let ty = name.strip_prefix("span.").unwrap_or(&name).to_string();
        let refines = if refinement {
            let base = self.name_field(item, "ref");
            if base.is_none() {
                self.error(
                    item.key_at(field),
                    format!(
                        "span refinement `{ty}` has no `ref`; add `ref: <span type it refines>`"
                    ),
                );
            }
            base
        } else {
            None
        };
        let kind = item.get("kind").and_then(Node::scalar_text);
        // A span's own attributes are not a group others can build on.
        let raw = self.v2_refs(item, "");
        self.span(item, ty, kind, raw, refines, item.key_at(field));
    }

    fn span(
        &mut self,
        item: &Node,
        ty: String,
        kind: Option<String>,
        group: RawGroup,
        refines: Option<(String, Location)>,
        at: Pos,
    ) {
        let what = format!("span `{ty}`");
        let deprecated = self.deprecation(item, &what);
        let traced = self.annotations(item, &what);
        self.out.spans.push(RawSpan {
            ty,
            kind: kind.map(|k| k.trim().to_string()),
            brief: brief(item),
            stability: item.get("stability").and_then(Node::scalar_text),
            deprecated,
            group,
            refines,
            defined_at: self.loc(at),
            traced,
        });
    }
}

fn brief(item: &Node) -> String {
    item.get("brief")
        .and_then(Node::scalar_text)
        .map(trimmed)
        .unwrap_or_default()
}
