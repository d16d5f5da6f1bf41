//! Temporary registries and hand-built YAML trees for unit tests (std only).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("traced-registry-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `text` to `rel` (creating folders) and returns its path.
    pub(crate) fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create fixture dir");
        }
        fs::write(&path, text).expect("write fixture");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

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
