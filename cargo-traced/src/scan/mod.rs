//! The scanner: what a Rust source file says about spans, attributes and events, read from its
//! syntax alone.
//!
//! The result is a list of [`Site`]s, plain data independent of any registry, so that the
//! linter, the span inventory and the registry draft read the same facts. A site is only made
//! for what the syntax decides: a key held in a variable makes no site, a value of unknown
//! type is [`Value::Unknown`], never a guess. Within a fn, an argument's declared type and a
//! local bound once by a `let` (its declared type or its initializer) are followed; a name
//! bound twice is not.
//!
//! Recognized calls (by their spelling: a scanner has no types):
//! - span names: `tracer.start(name)`, `tracer.start_with_context(name, cx)` (the receiver
//!   named like a tracer: `tracer`, `self.tracer`, `global::tracer("..")`, `BoxedTracer`...),
//!   `x.span_builder(name)`, `SpanBuilder::from_name(name)`, `x.in_span(name, f)`, `tracing`'s
//!   `span!`/`trace_span!`..`error_span!` and `#[instrument]`, and tracing-opentelemetry's
//!   `otel.name` field, which replaces the span's name;
//! - attributes: `KeyValue::new(key, value)`, `Key::new(key)`, `Key::from_static_str(key)`
//!   (with `.string(v)`, `.i64(v)`, `.f64(v)`, `.bool(v)` giving the value's type),
//!   tracing-opentelemetry's `span.set_attribute("k", v)`, and through their `KeyValue`s
//!   `set_attribute(kv)`, `add_event` attributes and `SpanBuilder::with_attributes`; `tracing`
//!   span and event fields (`customer.id = %id`, `?x`, shorthand `x`),
//!   `#[instrument(fields(..))]` and `#[instrument]`'s recorded arguments. Not attributes:
//!   tracing-opentelemetry's own `otel.*` fields, the metric fields of its `MetricsLayer`
//!   (`counter.*`, `monotonic_counter.*`, `histogram.*`), an event's `message`, baggage entries
//!   (`Context::current_with_baggage([..])`, `cx.with_baggage(..)`) and resource attributes
//!   (`Resource::builder().with_attributes(..)`, `Resource::new(..)`);
//! - events: `span.add_event(name, attrs)` and `add_event_with_timestamp`. A `tracing` event
//!   becomes an OpenTelemetry event named by its message, which is free text for people (a log
//!   line), so it is not an event name: its fields are still attributes.

mod calls;
mod instrument;
mod paths;
mod place;
mod tracing_macros;
mod value;
mod visit;

pub use visit::INSTRUMENT_ARGUMENT;

pub use place::Place;

use serde::Serialize;
use traced_registry::Primitive;

/// Everything found in one file, in source order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileScan {
    /// The sites, ordered by position.
    pub sites: Vec<Site>,
}

/// One span name, attribute or event written in the source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Site {
    /// The token a report points at: the name or key literal, or the call when the name is
    /// not a literal.
    pub at: Place,
    /// The enclosing fn, `Type::method` for a method; `None` outside any fn.
    pub function: Option<String>,
    /// The call or macro it was found in, as written in docs: `KeyValue::new`, `tracer.start`,
    /// `info_span!`, `#[instrument]`.
    pub api: &'static str,
    /// What it is.
    pub what: What,
    /// For a site inside the attributes argument of `add_event` (or
    /// `add_event_with_timestamp`): where that event's name is, the place of its event site.
    /// The attributes set there are the event's, not the span's.
    #[serde(skip)]
    pub in_event: Option<Place>,
}

/// The kind of a [`Site`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// A span is started (or a span builder made) with this name.
    Span(SpanSite),
    /// An attribute key, with the value recorded under it when the call shows one.
    Attribute(AttributeSite),
    /// An OpenTelemetry event is added with this name.
    Event(EventSite),
}

/// A span's name and what the call shows of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanSite {
    /// The name.
    pub name: Text,
    /// `client`, `server`, ... when the call sets it (`.with_kind(SpanKind::Client)`,
    /// `otel.kind = "client"`).
    pub kind: Option<String>,
    /// Every attribute key the span starts with, when the call shows them all (a builder
    /// chain whose `with_attributes` lists only literal keys, a `tracing` span's fields);
    /// `None` when attributes may come from elsewhere.
    pub keys: Option<Vec<String>>,
}

/// An attribute key and its value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeSite {
    /// The key, from a string literal or a `tracing` field name.
    pub key: String,
    /// What the value records as.
    pub value: Value,
    /// Where the value is written, when there is one.
    pub value_at: Option<Place>,
}

/// An event's name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventSite {
    /// The name.
    pub name: Text,
}

/// A name as the syntax shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "form", content = "text", rename_all = "snake_case")]
pub enum Text {
    /// A string literal, possibly through `.to_string()`, `String::from`, `.into()` or a
    /// `concat!` of literals: its value.
    Literal(String),
    /// Built at run time (`format!`, `+`): the construct, as a message writes it
    /// (`` `format!` ``).
    Built(String),
    /// Anything else (a variable, a constant, a call): not decided from the syntax.
    Unknown,
}

/// What a recorded value is, as far as the syntax says.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Value {
    /// No value at this site (`Key::new("k")` alone, `tracing::field::Empty`).
    Absent,
    /// Records as `ty`; `shown` is what the value is, as a message writes it (`` `&str` ``,
    /// `` `integer` ``, `` `%`-formatted (Display) ``).
    Records {
        /// The attribute type it records as.
        #[serde(serialize_with = "primitive_name")]
        ty: Primitive,
        /// What it is, as a message says it.
        shown: String,
    },
    /// Certainly not a primitive attribute value; how to convert it.
    Unrecordable {
        /// Why, and the conversion.
        help: String,
    },
    /// Passed through `traced_runtime::redact` (a pseudonym or a redacted URL).
    Redacted,
    /// Not decided by the syntax.
    Unknown,
}

fn primitive_name<S: serde::Serializer>(ty: &Primitive, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(ty.as_str())
}

/// A file that cannot be parsed as Rust.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// Where the parser stopped.
    pub at: Place,
    /// The parser's message.
    pub message: String,
}

/// Scans one file's source.
pub fn scan(source: &str) -> Result<FileScan, ParseError> {
    let file = syn::parse_file(source).map_err(|e| ParseError {
        at: Place::of(e.span()),
        message: e.to_string(),
    })?;
    let mut sites = visit::sites(&file);
    sites.sort_by_key(|s| s.at);
    Ok(FileScan { sites })
}

#[cfg(test)]
mod tests;
