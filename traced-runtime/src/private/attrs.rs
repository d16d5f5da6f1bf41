//! Collecting attribute values, and `record!`/`event!` on the current span.

use super::value::{self, *};
use opentelemetry::trace::{Link, TraceContextExt};
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

macro_rules! setters {
    ($($method:ident: $trait:ident => $to_value:expr;)*) => {$(
        #[doc = concat!("Adds a value checked by [`", stringify!($trait), "`].")]
        #[inline]
        pub fn $method<V: $trait + ?Sized>(&mut self, key: &'static str, value: &V) {
            if let Some(item) = value.to_item() {
                self.values.push(KeyValue::new(key, $to_value(item)));
            }
        }
    )*};
}

impl Attrs {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Attrs {
            values: Vec::with_capacity(n),
            links: Vec::new(),
        }
    }

    setters! {
        string: StringValue => value::string;
        int: IntValue => Value::I64;
        double: DoubleValue => Value::F64;
        boolean: BoolValue => Value::Bool;
        string_array: StringArrayValue => value::string_array;
        int_array: IntArrayValue => value::int_array;
        double_array: DoubleArrayValue => value::double_array;
        boolean_array: BoolArrayValue => value::bool_array;
    }

    /// Adds a follows-from link; an invalid span context adds none.
    pub fn link<L: LinkSource + ?Sized>(&mut self, source: &L) {
        if let Some(span_context) = source.span_context() {
            self.links.push(Link::with_context(span_context));
        }
    }
}

/// `record!`: sets attributes on the current span, if it records.
#[inline]
pub fn record(init: impl FnOnce(&mut Attrs)) {
    Context::map_current(|cx| {
        let span = cx.span();
        if span.is_recording() {
            let mut attrs = Attrs::default();
            init(&mut attrs);
            span.set_attributes(attrs.values);
        }
    })
}

/// `event!`: adds an event to the current span, if it records.
#[inline]
pub fn event(name: &'static str, init: impl FnOnce(&mut Attrs)) {
    Context::map_current(|cx| {
        let span = cx.span();
        if span.is_recording() {
            let mut attrs = Attrs::default();
            init(&mut attrs);
            span.add_event(name, attrs.values);
        }
    })
}
