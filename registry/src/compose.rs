//! Builds the positioned YAML tree out of libyaml's events: anchors and aliases, `<<` merges,
//! duplicate keys, and the limits that keep a hostile file from exhausting memory or the stack.

use std::collections::{HashMap, HashSet};

use crate::core_schema::resolve_plain;
use crate::libyaml::{Event, Parser, Scalar};
use crate::node::{Entry, Node, Value};
use crate::position::Pos;

/// The first problem in a file, and where it is.
#[derive(Debug, PartialEq)]
pub(crate) struct ComposeError {
    pub(crate) at: Pos,
    pub(crate) message: String,
}

/// Deeper nesting is an error. Reading the tree recurses, and registry files need a handful
/// of levels; serde_yaml stopped at the same depth.
const MAX_DEPTH: usize = 128;

/// Aliases may copy this many nodes, plus one per byte of the file: far beyond any real
/// registry, and far short of what a "billion laughs" file asks for.
const ALIAS_NODES: usize = 10_000;

/// The one YAML document of `text` (null when there is none).
pub(crate) fn compose(text: &str) -> Result<Node, ComposeError> {
    let mut parser = Parser::new(text);
    let mut composer = Composer {
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: ALIAS_NODES.saturating_add(text.len()),
        root: None,
    };
    let mut documents = 0;
    loop {
        let (event, at) = parser.next().map_err(|e| ComposeError {
            at: e.at,
            message: format!("malformed YAML: {}", e.message),
        })?;
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(ComposeError {
                        at,
                        message: "a second YAML document (`---`) in one file; a registry file \
                                  holds one document: move this one to a file of its own"
                            .to_string(),
                    });
                }
            }
            Event::StreamEnd => {
                return Ok(composer.root.unwrap_or(Node {
                    at: Pos::START,
                    value: Value::Null,
                }))
            }
            Event::Scalar(scalar) => {
                let anchor = scalar.anchor.clone();
                let value = scalar_value(scalar);
                composer.complete(Node { at, value }, anchor)?;
            }
            Event::Alias(name) => {
                let node = composer.alias(&name, at)?;
                composer.complete(node, None)?;
            }
            Event::SequenceStart(anchor) => {
                composer.open(at, anchor, OpenCollection::Seq(Vec::new()))?
            }
            Event::MappingStart(anchor) => {
                composer.open(at, anchor, OpenCollection::Map(OpenMapping::default()))?
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // libyaml pairs every end with its start.
                if let Some(frame) = composer.stack.pop() {
                    let value = match frame.open {
                        OpenCollection::Seq(items) => Value::Seq(items),
                        OpenCollection::Map(mapping) => Value::Map(mapping.close()?),
                    };
                    composer.complete(
                        Node {
                            at: frame.at,
                            value,
                        },
                        frame.anchor,
                    )?;
                }
            }
        }
    }
}

/// Quoted and block scalars, and those tagged `!!str` or `!`, are text; plain ones are read by
/// the core schema.
fn scalar_value(scalar: Scalar) -> Value {
    let text_tag = scalar
        .tag
        .as_deref()
        .is_some_and(|t| t == "!" || t == "tag:yaml.org,2002:str");
    if scalar.plain && !text_tag {
        resolve_plain(&scalar.value)
    } else {
        Value::Str(scalar.value)
    }
}

struct Composer {
    /// The collections still open, outermost first.
    stack: Vec<Frame>,
    /// Every anchored node completed so far, with its size.
    anchors: HashMap<String, (Node, usize)>,
    /// How many more nodes aliases may copy.
    alias_budget: usize,
    root: Option<Node>,
}

struct Frame {
    at: Pos,
    anchor: Option<String>,
    open: OpenCollection,
}

enum OpenCollection {
    Seq(Vec<Node>),
    Map(OpenMapping),
}

impl Composer {
    fn open(
        &mut self,
        at: Pos,
        anchor: Option<String>,
        open: OpenCollection,
    ) -> Result<(), ComposeError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ComposeError {
                at,
                message: format!(
                    "YAML nested more than {MAX_DEPTH} levels deep; a registry needs a few"
                ),
            });
        }
        self.stack.push(Frame { at, anchor, open });
        Ok(())
    }

    /// Puts a finished node where it belongs: into the open collection, or as the root.
    fn complete(&mut self, node: Node, anchor: Option<String>) -> Result<(), ComposeError> {
        if let Some(name) = anchor {
            let size = node.size();
            self.anchors.insert(name, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame {
                open: OpenCollection::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                open: OpenCollection::Map(mapping),
                ..
            }) => mapping.add(node)?,
        }
        Ok(())
    }

    /// A copy of the node anchored `&name`, charged to the alias budget.
    fn alias(&mut self, name: &str, at: Pos) -> Result<Node, ComposeError> {
        if self.stack.iter().any(|f| f.anchor.as_deref() == Some(name)) {
            return Err(ComposeError {
                at,
                message: format!(
                    "alias `*{name}` is inside the node it names (`&{name}`): YAML data here \
                     cannot contain itself; write the inner part out"
                ),
            });
        }
        let Some((node, size)) = self.anchors.get(name) else {
            return Err(ComposeError {
                at,
                message: format!(
                    "alias `*{name}` names no anchor; define `&{name}` on a value before it"
                ),
            });
        };
        if *size > self.alias_budget {
            return Err(ComposeError {
                at,
                message: format!(
                    "alias `*{name}` expands past what this file's aliases may copy (repetition \
                     limit exceeded: aliases nested in aliases grow exponentially); write the \
                     repeated parts out, or nest fewer aliases"
                ),
            });
        }
        self.alias_budget -= size;
        Ok(node.clone())
    }
}

/// A mapping being read: its entries, the key waiting for its value, and its `<<` merges.
#[derive(Default)]
struct OpenMapping {
    entries: Vec<Entry>,
    key: Option<(String, Pos)>,
    merges: Vec<(Pos, Node)>,
    /// The keys, once there are enough of them for a linear search to cost.
    index: Option<HashSet<String>>,
}

/// Mappings with more keys than this look duplicates up in a set.
const LINEAR_KEYS: usize = 16;

impl OpenMapping {
    fn add(&mut self, node: Node) -> Result<(), ComposeError> {
        let Some((key, key_at)) = self.key.take() else {
            let key = match &node.value {
                Value::Null => "null".to_string(),
                // Never a registry field; two of them are not the same key.
                Value::Seq(_) | Value::Map(_) => "<complex key>".to_string(),
                _ => {
                    let key = node.scalar_text().unwrap_or_default();
                    self.check_new(&key, node.at)?;
                    key
                }
            };
            self.key = Some((key, node.at));
            return Ok(());
        };
        if key == "<<" {
            self.merges.push((key_at, node));
        } else {
            self.push(Entry {
                key,
                key_at,
                value: node,
            });
        }
        Ok(())
    }

    fn has(&self, key: &str) -> bool {
        match &self.index {
            Some(index) => index.contains(key),
            None => self.entries.iter().any(|e| e.key == key),
        }
    }

    fn push(&mut self, entry: Entry) {
        if let Some(index) = &mut self.index {
            index.insert(entry.key.clone());
        } else if self.entries.len() >= LINEAR_KEYS {
            let mut index: HashSet<String> = self.entries.iter().map(|e| e.key.clone()).collect();
            index.insert(entry.key.clone());
            self.index = Some(index);
        }
        self.entries.push(entry);
    }

    /// A key written twice in one mapping is an error (one merged in is not: merges only fill
    /// in what the mapping does not say itself).
    fn check_new(&self, key: &str, at: Pos) -> Result<(), ComposeError> {
        let first = if key == "<<" {
            self.merges.first().map(|(at, _)| *at)
        } else if self.has(key) {
            self.entries.iter().find(|e| e.key == key).map(|e| e.key_at)
        } else {
            None
        };
        match first {
            Some(first) => Err(ComposeError {
                at,
                message: format!(
                    "key `{key}` appears twice in one mapping (first at line {}); remove one of them",
                    first.line
                ),
            }),
            None => Ok(()),
        }
    }

    /// The entries with the merged mappings' entries added, where the mapping does not set
    /// them itself (the first merged mapping wins over later ones).
    fn close(mut self) -> Result<Vec<Entry>, ComposeError> {
        for (at, merged) in std::mem::take(&mut self.merges) {
            match merged.value {
                Value::Map(entries) => self.merge(entries),
                Value::Seq(items) => {
                    for item in items {
                        match item.value {
                            Value::Map(entries) => self.merge(entries),
                            _ => return Err(bad_merge(at, item.describe(), "a list holding ")),
                        }
                    }
                }
                _ => return Err(bad_merge(at, merged.describe(), "")),
            }
        }
        Ok(self.entries)
    }

    fn merge(&mut self, entries: Vec<Entry>) {
        for entry in entries {
            if !self.has(&entry.key) {
                self.push(entry);
            }
        }
    }
}

fn bad_merge(at: Pos, found: &str, within: &str) -> ComposeError {
    ComposeError {
        at,
        message: format!(
            "malformed YAML merge (`<<`): found {within}{found}; merge a mapping (`<<: *anchor`) \
             or a list of mappings (`<<: [*a, *b]`)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    fn error(text: &str) -> ComposeError {
        compose(text).expect_err("an error")
    }

    #[test]
    fn keys_and_values_know_where_they_are() {
        let root = compose("a:\n  - b: 1\n    c: [x, 'y']\n").unwrap();
        assert_eq!(root.key_at("a"), p(1, 1));
        let item = &root.get("a").unwrap();
        let Value::Seq(items) = &item.value else {
            panic!("{item:?}")
        };
        assert_eq!(items[0].at, p(2, 5));
        assert_eq!(items[0].key_at("c"), p(3, 5));
        assert_eq!(items[0].get("b").unwrap().value, Value::Int(1));
        assert_eq!(items[0].get("c").unwrap().at, p(3, 8));
    }

    #[test]
    fn aliases_copy_and_merges_fill_in() {
        let root = compose("base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n").unwrap();
        let m = root.get("m").unwrap();
        let keys: Vec<_> = m.entries().unwrap().iter().map(|e| &e.key).collect();
        assert_eq!(keys, ["y", "x"]);
        assert_eq!(m.get("y").unwrap().value, Value::Int(3));
        // A merged entry is where its anchor wrote it.
        assert_eq!(m.key_at("x"), p(1, 11));
    }

    #[test]
    fn errors_point_at_their_token() {
        let e = error("a: 1\nb: 2\na: 3\n");
        assert_eq!(e.at, p(3, 1));
        assert!(e.message.contains("first at line 1"), "{}", e.message);
        assert_eq!(error("a: *nope\n").at, p(1, 4));
        assert_eq!(error("a: &a [1, *a]\n").at, p(1, 11));
        assert_eq!(error("a: 1\n---\nb: 2\n").at, p(2, 1));
        assert!(compose("? [1]\n: a\n? [2]\n: b\n").is_ok());
        assert_eq!(error("x: 1\nm: {<<: 5}\n").at, p(2, 5));
        assert_eq!(error(&"[".repeat(200)).at, p(1, MAX_DEPTH + 1));
    }

    #[test]
    fn alias_budget_grows_with_the_file() {
        let small = "a: &a [1, 2, 3]\nb: [*a, *a]\n";
        assert!(compose(small).is_ok());
        let wide = format!("a: &a [{}]\nb: [*a, *a]\n", "1, ".repeat(20_000));
        assert!(compose(&wide).is_ok());
    }
}
