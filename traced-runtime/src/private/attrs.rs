//! Collecting attribute values, and `record!`/`event!` on the current span.

use super::value::{self, *};
use opentelemetry::trace::{Link, SpanRef, TraceContextExt};
use opentelemetry::{Context, KeyValue, Value};

/// Attributes and links gathered before a span starts, or for `record!`/`event!`.
///
/// Filled only once a span is known to be recorded, so nothing is evaluated or allocated
/// when tracing is off.
#[derive(Debug, Default)]
pub struct Attrs {
    pub(crate) values: Vec<KeyValue>,
    pub(crate) links: Vec<Link>,
}

impl Attrs {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Attrs {
            values: Vec::with_capacity(n),
            links: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, key: &'static str, value: Option<Value>) {
        if let Some(value) = value {
            self.values.push(KeyValue::new(key, value));
        }
    }

    /// A value for a key registered as [`StringValue`] says.
    #[inline]
    pub fn string<V: StringValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(value::string));
    }

    /// A value for a key registered as [`IntValue`] says.
    #[inline]
    pub fn int<V: IntValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(Value::I64));
    }

    /// A value for a key registered as [`DoubleValue`] says.
    #[inline]
    pub fn double<V: DoubleValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(Value::F64));
    }

    /// A value for a key registered as [`BoolValue`] says.
    #[inline]
    pub fn boolean<V: BoolValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(Value::Bool));
    }

    /// A value for a key registered as [`StringArrayValue`] says.
    #[inline]
    pub fn string_array<V: StringArrayValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(value::string_array));
    }

    /// A value for a key registered as [`IntArrayValue`] says.
    #[inline]
    pub fn int_array<V: IntArrayValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(value::int_array));
    }

    /// A value for a key registered as [`DoubleArrayValue`] says.
    #[inline]
    pub fn double_array<V: DoubleArrayValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(value::double_array));
    }

    /// A value for a key registered as [`BoolArrayValue`] says.
    #[inline]
    pub fn boolean_array<V: BoolArrayValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.push(key, value.to_item().map(value::bool_array));
    }

    /// Adds a follows-from link; an invalid span context adds none.
    pub fn link<L: LinkSource + ?Sized>(&mut self, source: &L) {
        if let Some(span_context) = source.span_context() {
            self.links.push(Link::with_context(span_context));
        }
    }
}

/// The values `init` adds, for a span that records.
pub(crate) fn collect(init: impl FnOnce(&mut Attrs)) -> Vec<KeyValue> {
    let mut attrs = Attrs::default();
    init(&mut attrs);
    attrs.values
}

/// Runs `apply` on the current span with the values of `init`, if the span records.
///
/// The values are user code, evaluated outside `Context::map_current`: a traced fn called in
/// one attaches its own context, which must not find the thread's context stack borrowed.
#[inline]
fn on_current(init: impl FnOnce(&mut Attrs), apply: impl FnOnce(SpanRef<'_>, Vec<KeyValue>)) {
    if Context::map_current(|cx| cx.span().is_recording()) {
        let values = collect(init);
        Context::map_current(|cx| apply(cx.span(), values));
    }
}

/// `record!`: sets attributes on the current span, if it records.
#[inline]
pub fn record(init: impl FnOnce(&mut Attrs)) {
    on_current(init, |span, values| span.set_attributes(values));
}

/// `event!`: adds an event to the current span, if it records.
#[inline]
pub fn event(name: &'static str, init: impl FnOnce(&mut Attrs)) {
    on_current(init, |span, values| span.add_event(name, values));
}
