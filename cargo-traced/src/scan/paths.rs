//! Paths as the file's `use` items make them: `r::pseudonym` after
//! `use traced_runtime::redact as r;` is `traced_runtime::redact::pseudonym`.

use std::collections::HashMap;
use syn::visit::Visit;
use syn::{Path, UseTree};

/// Every name a `use` in the file brings in, and the path it stands for. Scopes are not told
/// apart: one file rarely imports one name two ways.
#[derive(Default)]
pub struct Uses(HashMap<String, Vec<String>>);

impl Uses {
    /// The `use` items anywhere in `file`.
    pub fn of(file: &syn::File) -> Uses {
        let mut uses = Uses::default();
        uses.visit_file(file);
        uses
    }

    fn add(&mut self, prefix: &mut Vec<String>, tree: &UseTree) {
        match tree {
            UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add(prefix, &p.tree);
                prefix.pop();
            }
            UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        self.0.insert(last.clone(), prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(name.clone());
                    self.0.insert(name, full);
                }
            }
            UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.0.insert(r.rename.to_string(), full);
            }
            UseTree::Group(g) => {
                for tree in &g.items {
                    self.add(prefix, tree);
                }
            }
            UseTree::Glob(_) => {}
        }
    }

    /// The segments of `path` with its first one replaced by what a `use` says it is.
    pub fn resolve(&self, path: &Path) -> Vec<String> {
        let mut segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if path.leading_colon.is_none() {
            if let Some(full) = segments.first().and_then(|first| self.0.get(first)) {
                segments.splice(0..1, full.iter().cloned());
            }
        }
        segments
    }
}

impl<'ast> Visit<'ast> for Uses {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.add(&mut Vec::new(), &item.tree);
    }
}

/// Whether the segments end with `tail` (`["opentelemetry", "KeyValue", "new"]` ends with
/// `["KeyValue", "new"]`).
pub fn ends_with(segments: &[String], tail: &[&str]) -> bool {
    segments.len() >= tail.len()
        && segments[segments.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_groups_and_self_resolve() {
        let file: syn::File = syn::parse_str(
            "use traced_runtime::redact as r; use opentelemetry::{KeyValue, trace::{self, SpanKind}}; use log::info;",
        )
        .unwrap();
        let uses = Uses::of(&file);
        let path = |s: &str| uses.resolve(&syn::parse_str(s).unwrap()).join("::");
        assert_eq!(path("r::pseudonym"), "traced_runtime::redact::pseudonym");
        assert_eq!(path("KeyValue::new"), "opentelemetry::KeyValue::new");
        assert_eq!(path("trace::Tracer"), "opentelemetry::trace::Tracer");
        assert_eq!(path("SpanKind"), "opentelemetry::trace::SpanKind");
        assert_eq!(path("info"), "log::info");
        assert_eq!(path("::r::x"), "r::x");
        assert!(ends_with(
            &["a".into(), "Key".into(), "new".into()],
            &["Key", "new"]
        ));
        assert!(!ends_with(&["new".into()], &["Key", "new"]));
    }
}
