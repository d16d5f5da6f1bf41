//! The inventory as it is written to JSON and read back for `--check`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the `format` field holds: a file without it is not an inventory.
pub const FORMAT: &str = "cargo-traced/spans/1";

/// Every span of the selected members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// Always [`FORMAT`].
    pub format: String,
    /// Ordered by crate, fn path, name, file and line.
    pub spans: Vec<Entry>,
}

/// One span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The package, or `package/tests/name` for a crate of its own (a test, an example).
    #[serde(rename = "crate")]
    pub krate: String,
    /// The fn path in the crate (`redemption::apply_redemption`, `<Pool as Drop>::drop`);
    /// the module path alone for a span outside any fn.
    #[serde(rename = "fn")]
    pub function: String,
    /// `#[traced]`, or the hand-written call (`tracer.start`, `info_span!`...).
    pub written_with: String,
    /// The span name: as the macro gives it for `#[traced]`; for a hand-written span the
    /// literal, or `<format!>`/`<unknown>` when the syntax does not give it.
    pub name: String,
    /// `internal`, `server`, ...; `None` for a hand-written span whose call does not say.
    pub kind: Option<String>,
    /// `span = ".."`: the declared span type.
    pub declared: Option<String>,
    /// The attribute keys, sorted: `attrs`, `ret` and the body's `record!`s for `#[traced]`;
    /// for a hand-written span, the keys its call shows and those set in the same fn.
    pub attributes: Vec<String>,
    /// Event names, sorted: `event!`s in the body, `add_event`s in the same fn.
    pub events: Vec<String>,
    /// The keys among `attributes` the registry marks sensitive: key → `pii` or `secret`.
    pub sensitive: BTreeMap<String, String>,
    /// `allow_missing(..)`, sorted.
    pub allow_missing: Vec<String>,
    /// `allow_sensitive(key, reason = ..)`: key → reason.
    pub allow_sensitive: BTreeMap<String, String>,
    /// The file, relative to the workspace root, with `/` separators.
    pub file: String,
    /// The line of the fn's name (`#[traced]`) or of the span's name (hand-written).
    pub line: usize,
}

impl Entry {
    /// Whether it is a `#[traced]` fn's span.
    pub fn is_traced(&self) -> bool {
        self.written_with == TRACED
    }

    /// Whether the two say the same of a span, wherever it is written (file and line).
    pub fn same(&self, other: &Entry) -> bool {
        let here = Entry {
            file: other.file.clone(),
            line: other.line,
            ..self.clone()
        };
        here == *other
    }

    /// `fn a::b (crate)`: how messages name the span's place in the code.
    pub fn owner(&self) -> String {
        format!("fn {} ({})", self.function, self.krate)
    }
}

/// [`Entry::written_with`] of a `#[traced]` fn.
pub const TRACED: &str = "#[traced]";

impl Inventory {
    /// The inventory of `spans`, sorted.
    pub fn new(mut spans: Vec<Entry>) -> Inventory {
        spans.sort_by(|a, b| {
            (&a.krate, &a.function, &a.name, &a.file, a.line).cmp(&(
                &b.krate,
                &b.function,
                &b.name,
                &b.file,
                b.line,
            ))
        });
        Inventory {
            format: FORMAT.to_string(),
            spans,
        }
    }

    /// Pretty JSON with a final newline: the committed form.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("an inventory serializes");
        json.push('\n');
        json
    }
}
