//! Reads registry files into a [`Registry`]: the only place that knows the YAML parser.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{LoadError, LoadErrors};
use crate::locate::Index;
use crate::node::Node;
use crate::{schema, validate, walk, LoadOptions, Registry};

/// Loads every path (file or directory) into one registry, collecting every error.
pub(crate) fn load(paths: &[&Path], options: &LoadOptions) -> Result<Registry, LoadErrors> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut walk_errors = Vec::new();
    for path in paths {
        walk::yaml_files(path, &mut files, &mut walk_errors);
    }
    // The same file named twice (or reached through two paths) is read once, so its keys are
    // not reported as defined twice.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));

    let mut errors: Vec<LoadError> = walk_errors
        .into_iter()
        .map(|e| LoadError {
            file: e.path,
            line: None,
            column: None,
            message: e.message,
        })
        .collect();
    let mut all_parsed = errors.is_empty();
    let mut defs = Vec::with_capacity(files.len());
    for file in &files {
        let text = match fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                errors.push(LoadError {
                    file: file.clone(),
                    line: None,
                    column: None,
                    message: format!("cannot read: {e}"),
                });
                all_parsed = false;
                continue;
            }
        };
        match parse(&text) {
            Ok(root) => defs.push(schema::read_file(file, &text, &root, options.strict)),
            Err(e) => {
                errors.push(LoadError {
                    file: file.clone(),
                    line: e.line,
                    column: e.column,
                    message: e.message,
                });
                all_parsed = false;
            }
        }
    }
    let registry = validate::build(files, defs, all_parsed, &mut errors);
    if errors.is_empty() {
        return Ok(registry);
    }
    let rank = |e: &LoadError| {
        let file = registry.files.iter().position(|f| *f == e.file);
        (file.map_or(0, |i| i + 1), e.line, e.column)
    };
    errors.sort_by_key(rank);
    Err(LoadErrors(errors))
}

struct ParseError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

/// Parses YAML text, resolving anchors, aliases and `<<` merges; duplicate keys are errors.
fn parse(text: &str) -> Result<Node, ParseError> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        ParseError {
            message: format!("malformed YAML: {}", without_location(&e.to_string())),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })?;
    value.apply_merge().map_err(|e| {
        // The merge error carries no position: point at the first merge key.
        let at = Index::new(text).find_after("<<", None, None);
        ParseError {
            message: format!(
                "malformed YAML merge (`<<`): {e}; merge a mapping or a list of mappings"
            ),
            line: at.map(|p| p.line),
            column: at.map(|p| p.column),
        }
    })?;
    Ok(convert(value))
}

/// serde_yaml repeats the position in its message; ours is already in front of it.
fn without_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) if !message[i..].contains(", ") => &message[..i],
        _ => message,
    }
}

fn convert(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Node::Int(i),
            None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Node::Str(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match convert(k) {
                        Node::Str(s) => s,
                        other => other
                            .scalar_text()
                            .unwrap_or_else(|| "<complex key>".to_string()),
                    };
                    (key, convert(v))
                })
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}
