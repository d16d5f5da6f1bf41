//! Collecting attribute values, and `record!`/`event!` on the current span.

#[cfg(doc)]
use super::value::LinkSource;
use opentelemetry::trace::{Link, SpanContext, SpanRef, TraceContextExt};
use opentelemetry::{Context, KeyValue, Value};

/// Attributes and links gathered before a span starts, or for `record!`/`event!`.
///
/// Filled only once a span is known to be recorded, so nothing is evaluated or allocated
/// when tracing is off.
#[derive(Debug, Default)]
pub struct Attrs {
    pub(crate) values: Vec<KeyValue>,
    /// `None` until the first link: moved into the span builder as it is, so a span without
    /// links drops no empty `Vec` (an out-of-line call of 27 instructions).
    pub(crate) links: Option<Vec<Link>>,
}

impl Attrs {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Attrs {
            values: Vec::with_capacity(n),
            links: None,
        }
    }

    /// One attribute, converted by the value trait of its registered type (`None`: left out);
    /// what that trait's `set_on` calls.
    #[inline]
    pub fn set(&mut self, key: &'static str, value: Option<Value>) {
        if let Some(value) = value {
            self.values.push(KeyValue::new(key, value));
        }
    }

    /// Adds a follows-from link (read by [`LinkSource`]); an invalid span context adds none.
    pub fn link(&mut self, span_context: Option<SpanContext>) {
        if let Some(span_context) = span_context {
            self.links
                .get_or_insert_with(Vec::new)
                .push(Link::with_context(span_context));
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
pub fn record_on_current(init: impl FnOnce(&mut Attrs)) {
    on_current(init, |span, values| span.set_attributes(values));
}

/// `event!`: adds an event to the current span, if it records.
#[inline]
pub fn event_on_current(name: &'static str, init: impl FnOnce(&mut Attrs)) {
    on_current(init, |span, values| span.add_event(name, values));
}
