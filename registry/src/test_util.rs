//! Temporary registries and hand-built YAML trees for unit tests.

pub(crate) use traced_test_support::TempDir;

/// YAML trees built by hand, every position at the start of the file.
pub(crate) mod yaml {
    use crate::node::{Entry, Node, Value};
    use crate::position::Pos;

    pub(crate) fn node(value: Value) -> Node {
        Node {
            at: Pos::START,
            value,
        }
    }

    pub(crate) fn s(v: &str) -> Node {
        node(Value::Str(v.to_string()))
    }

    pub(crate) fn seq(items: Vec<Node>) -> Node {
        node(Value::Seq(items))
    }

    pub(crate) fn map(entries: Vec<(&str, Node)>) -> Node {
        node(Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: k.to_string(),
                    key_at: Pos::START,
                    value: v,
                })
                .collect(),
        ))
    }
}
