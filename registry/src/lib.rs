//! Load and query attribute registries written in the OpenTelemetry semantic-conventions YAML
//! format (v1 `groups:` files and v2 `file_format: definition/2` files, side by side).
//!
//! ```no_run
//! use traced_registry::{LoadOptions, Lookup, Registry};
//!
//! let registry = Registry::load(&["attributes.yaml"], &LoadOptions::default()).unwrap();
//! match registry.lookup("http.request.method") {
//!     Lookup::Found(attr) | Lookup::Template { template: attr, .. } => {
//!         println!("{}: {}", attr.key, attr.ty)
//!     }
//!     Lookup::TemplateWithoutSuffix { form, .. } => println!("a template: write `{form}`"),
//!     Lookup::NotFound { suggestions } => println!("unknown; did you mean {suggestions:?}?"),
//! }
//! ```

mod attr_type;
mod compose;
mod core_schema;
mod deprecation;
mod error;
mod field;
mod libyaml;
mod loader;
pub mod locate;
mod lookup;
mod model;
mod node;
mod position;
mod schema;
mod sensitive;
mod spans;
mod suggest;
#[cfg(test)]
mod test_util;
mod validate;
mod walk;

pub use error::{LoadError, LoadErrors};
pub use model::*;
pub use sensitive::{MarkSource, SensitiveMark, Sensitivity};
pub use suggest::nearest_one;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How to read registry files.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Reject fields this crate does not know (for hand-written files). Off by default, so a new
    /// upstream field never breaks a build.
    pub strict: bool,
}

/// A loaded, validated registry.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    attributes: BTreeMap<String, Attribute>,
    events: BTreeMap<String, Event>,
    spans: BTreeMap<String, Span>,
    files: Vec<PathBuf>,
}

/// The answer to [`Registry::lookup`].
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup<'r> {
    /// The key itself is registered.
    Found(&'r Attribute),
    /// The key is `<template key>.<suffix>`, the suffix free text (it may hold dots).
    Template {
        /// The template attribute (`http.request.header`).
        template: &'r Attribute,
        /// What follows the template key and its `.` (`x-forwarded-for`).
        suffix: String,
    },
    /// The key is a template key with no suffix (`http.request.header`, or
    /// `http.request.header.`): it must be written with one.
    TemplateWithoutSuffix {
        /// The template attribute.
        template: &'r Attribute,
        /// How to write the key: `http.request.header.<name>`.
        form: String,
    },
    /// Not registered; up to three nearest registered keys, nearest first.
    NotFound {
        /// Nearest keys first; empty when none is close.
        suggestions: Vec<&'r str>,
    },
}

impl Lookup<'_> {
    /// The key to write instead when the attribute found is deprecated as renamed: its
    /// `renamed_to`, followed by the suffix when the key used a template
    /// (`k8s.pod.labels.app` → `k8s.pod.label.app`).
    pub fn replacement(&self) -> Option<String> {
        match self {
            Lookup::Found(attr) => attr.deprecated.as_ref()?.renamed_to().map(String::from),
            Lookup::Template { template, suffix } => {
                let renamed_to = template.deprecated.as_ref()?.renamed_to()?;
                Some(format!("{renamed_to}.{suffix}"))
            }
            Lookup::TemplateWithoutSuffix { .. } | Lookup::NotFound { .. } => None,
        }
    }
}

/// The answer to [`Registry::span`].
#[derive(Clone, Debug, PartialEq)]
pub enum SpanLookup<'r> {
    /// The span type is declared.
    Found(&'r Span),
    /// Not declared; up to three nearest declared span types, nearest first.
    NotFound {
        /// Nearest types first; empty when none is close.
        suggestions: Vec<&'r str>,
    },
}

/// The answer to [`Registry::event`].
#[derive(Clone, Debug, PartialEq)]
pub enum EventLookup<'r> {
    /// The event is registered.
    Found(&'r Event),
    /// Not registered; up to three nearest registered names, nearest first.
    NotFound {
        /// Nearest names first; empty when none is close.
        suggestions: Vec<&'r str>,
    },
}

impl Registry {
    /// Loads every path (a file, or a directory walked like Weaver does) into one registry.
    ///
    /// Every problem found is returned, each with its file and line: malformed YAML, missing
    /// paths, entries without a key or type, unknown types, keys and spans defined twice, and
    /// (once every file could be read and parsed) `ref:`s and `renamed_to:`s naming no
    /// registered key, `extends:`/`ref_group:` naming no group, cycles of `extends`, and
    /// refinements of undeclared spans.
    /// References are resolved against everything loaded, so load a whole model folder rather
    /// than one of its files.
    pub fn load<P: AsRef<Path>>(
        paths: &[P],
        options: &LoadOptions,
    ) -> Result<Registry, LoadErrors> {
        let paths: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
        loader::load(&paths, options)
    }

    /// Looks a key up: exact key first (a template key alone is not enough: it needs a
    /// suffix), then the longest template prefix followed by `.` and a suffix, else the
    /// nearest registered keys.
    pub fn lookup(&self, key: &str) -> Lookup<'_> {
        lookup::lookup(&self.attributes, key)
    }

    /// Looks an event name up; when unknown, the nearest registered names.
    pub fn event(&self, name: &str) -> EventLookup<'_> {
        lookup::event(&self.events, name)
    }

    /// Looks a declared span type up (`http.client`; a v1 `span.http.client` id is accepted
    /// too); when unknown, the nearest declared types.
    pub fn span(&self, ty: &str) -> SpanLookup<'_> {
        let ty = ty.strip_prefix("span.").unwrap_or(ty);
        match self.spans.get(ty) {
            Some(span) => SpanLookup::Found(span),
            None => SpanLookup::NotFound {
                suggestions: suggest::nearest(
                    ty,
                    self.spans
                        .values()
                        .map(|s| (s.ty.as_str(), s.deprecated.is_some())),
                    3,
                ),
            },
        }
    }

    /// Every declared span and refinement, ordered by type.
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        self.spans.values()
    }

    /// Every attribute, ordered by key.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.attributes.values()
    }

    /// Every event, ordered by name.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.values()
    }

    /// The files the registry was read from.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}
