//! The normalized registry model: what the loader produces and the macros query.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Where something was defined: file, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, as found from the paths given to [`Registry::load`](crate::Registry::load).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the defining field (`id:`, `key:` or `name:`).
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A scalar or array value type, as OpenTelemetry attributes carry them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Primitive {
    String,
    Int,
    Double,
    Boolean,
    StringArray,
    IntArray,
    DoubleArray,
    BooleanArray,
}

impl Primitive {
    /// The name used in the YAML (`string`, `int[]`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Int => "int",
            Primitive::Double => "double",
            Primitive::Boolean => "boolean",
            Primitive::StringArray => "string[]",
            Primitive::IntArray => "int[]",
            Primitive::DoubleArray => "double[]",
            Primitive::BooleanArray => "boolean[]",
        }
    }

    /// Parses a YAML type name; `None` when it is not one.
    pub fn parse(name: &str) -> Option<Primitive> {
        Some(match name {
            "string" => Primitive::String,
            "int" => Primitive::Int,
            "double" => Primitive::Double,
            "boolean" => Primitive::Boolean,
            "string[]" => Primitive::StringArray,
            "int[]" => Primitive::IntArray,
            "double[]" => Primitive::DoubleArray,
            "boolean[]" => Primitive::BooleanArray,
            _ => return None,
        })
    }
}

impl fmt::Display for Primitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One member of an enum type.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumMember {
    /// The member's identifier (`get`), not its value.
    pub id: String,
    /// The value an attribute carries (`"GET"`).
    pub value: EnumValue,
    /// Trimmed `brief`, when present.
    pub brief: Option<String>,
    /// Set when this member is deprecated.
    pub deprecated: Option<Deprecation>,
}

/// The value of an enum member.
#[derive(Clone, Debug, PartialEq)]
pub enum EnumValue {
    String(String),
    Int(i64),
    Double(f64),
}

/// The registered type of an attribute.
#[derive(Clone, Debug, PartialEq)]
pub enum AttrType {
    Primitive(Primitive),
    /// An enum: values are of `value_type` (`String`, `Int` or `Double`); the members are the
    /// well-known values, and other values are allowed (OpenTelemetry enums are open).
    Enum {
        value_type: Primitive,
        members: Vec<EnumMember>,
    },
    /// `template[T]`: the key is a prefix, followed by `.` and free text.
    Template(Primitive),
    /// `any`: complex values, never accepted as a span attribute by the macro.
    Any,
}

impl AttrType {
    /// The primitive type a value must have, or `None` for `any`.
    pub fn value_type(&self) -> Option<Primitive> {
        match self {
            AttrType::Primitive(p) | AttrType::Template(p) => Some(*p),
            AttrType::Enum { value_type, .. } => Some(*value_type),
            AttrType::Any => None,
        }
    }
}

impl fmt::Display for AttrType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrType::Primitive(p) => write!(f, "{p}"),
            AttrType::Enum { value_type, .. } => write!(f, "enum of {value_type}"),
            AttrType::Template(p) => write!(f, "template[{p}]"),
            AttrType::Any => f.write_str("any"),
        }
    }
}

/// Why and how an attribute (or enum member) is deprecated.
#[derive(Clone, Debug, PartialEq)]
pub enum Deprecation {
    /// Replaced by another key.
    Renamed {
        /// The replacement key.
        renamed_to: String,
        /// Free-text explanation, trimmed.
        note: Option<String>,
    },
    /// Removed with no replacement.
    Obsoleted {
        /// Free-text explanation, trimmed.
        note: Option<String>,
    },
    /// Deprecated for another reason, or with only a free-text explanation (v1 string form).
    Uncategorized {
        /// Free-text explanation, trimmed.
        note: Option<String>,
    },
}

impl Deprecation {
    /// The key this one was renamed to, if any.
    pub fn renamed_to(&self) -> Option<&str> {
        match self {
            Deprecation::Renamed { renamed_to, .. } => Some(renamed_to),
            _ => None,
        }
    }

    /// The free-text note, if any.
    pub fn note(&self) -> Option<&str> {
        match self {
            Deprecation::Renamed { note, .. }
            | Deprecation::Obsoleted { note }
            | Deprecation::Uncategorized { note } => note.as_deref(),
        }
    }
}

/// Our own metadata, read from `annotations: {traced: {...}}` (kept free-form for now).
pub type Annotations = BTreeMap<String, String>;

/// One registered attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// The full key (a v1 group's `prefix` already joined).
    pub key: String,
    /// The registered type.
    pub ty: AttrType,
    /// Trimmed `brief`; empty when absent.
    pub brief: String,
    /// `stable`, `development`, ... as written; `None` when absent.
    pub stability: Option<String>,
    /// Set when the attribute is deprecated.
    pub deprecated: Option<Deprecation>,
    /// Where its `id:`/`key:` is written.
    pub defined_at: Location,
    /// Entries under `annotations.traced`, scalar values as strings.
    pub traced: Annotations,
    /// Set when the key's values are personal data or secrets.
    pub sensitive: Option<crate::SensitiveMark>,
}

/// One registered event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The event name.
    pub name: String,
    /// Trimmed `brief`; empty when absent.
    pub brief: String,
    /// Keys of the attributes the event references.
    pub attributes: Vec<String>,
    /// Set when the event is deprecated.
    pub deprecated: Option<Deprecation>,
    /// Where its `name:` (or, for a v1 group without one, its `id:`) is written.
    pub defined_at: Location,
}

/// How strongly a span definition asks for one of its attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequirementLevel {
    /// Must be set on every span of the definition.
    Required,
    /// `{conditionally_required: condition}`: the condition is prose, so it is not enforced.
    ConditionallyRequired(String),
    /// `recommended` (the default), possibly with a condition.
    Recommended(Option<String>),
    /// `opt_in`.
    OptIn,
}

impl fmt::Display for RequirementLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RequirementLevel::Required => "required",
            RequirementLevel::ConditionallyRequired(_) => "conditionally_required",
            RequirementLevel::Recommended(_) => "recommended",
            RequirementLevel::OptIn => "opt_in",
        })
    }
}

/// One attribute of a resolved span definition.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanAttribute {
    /// The attribute key.
    pub key: String,
    /// The resolved level (own ref, then `ref_group`, then `extends`; `recommended` when no
    /// layer sets one).
    pub level: RequirementLevel,
    /// Samplers need it: it must be known when the span starts.
    pub sampling_relevant: bool,
}

/// One declared span (a v1 `type: span` group, a v2 `spans:` entry, or a v2
/// `span_refinements:` entry), its attributes resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// The span type: `http.client` (a v1 id `span.http.client` without its `span.` prefix).
    pub ty: String,
    /// `internal`, `server`, `client`, `producer` or `consumer`, as declared (a refinement
    /// takes its span's kind).
    pub kind: Option<String>,
    /// Trimmed `brief`; empty when absent.
    pub brief: String,
    /// `stable`, `development`, ... as written.
    pub stability: Option<String>,
    /// Set when the span is deprecated.
    pub deprecated: Option<Deprecation>,
    /// The resolved attributes: inherited ones first, then in definition order.
    pub attributes: Vec<SpanAttribute>,
    /// For a refinement, the span type it refines.
    pub refines: Option<String>,
    /// Where its `id:`/`type:` is written.
    pub defined_at: Location,
    /// Entries under `annotations.traced` (`strict: true`: keys it does not list are errors).
    pub traced: Annotations,
}

impl Span {
    /// The attribute `key` as the definition lists it.
    pub fn attribute(&self, key: &str) -> Option<&SpanAttribute> {
        self.attributes.iter().find(|a| a.key == key)
    }

    /// Whether `annotations: {traced: {strict: true}}` is set.
    pub fn strict(&self) -> bool {
        self.traced.get("strict").map(String::as_str) == Some("true")
    }
}
