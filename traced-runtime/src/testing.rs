//! Capturing the spans a piece of code produces, to assert on them in tests (feature
//! `testing`).
//!
//! ```
//! use opentelemetry::trace::{Tracer, TracerProvider as _};
//! use traced_runtime::testing;
//!
//! let ((), spans) = testing::capture(|| {
//!     let tracer = opentelemetry::global::tracer("demo");
//!     tracer.in_span("checkout", |_| tracer.in_span("charge", |_| {}));
//! });
//! let charge = spans.one("charge");
//! assert_eq!(charge.parent().unwrap().name(), "checkout");
//! ```
//!
//! # Parallel tests
//!
//! The tests of one binary run on parallel threads and share one global tracer provider.
//! [`capture`] installs a provider of its own (once per process, re-installed if something
//! replaced it) and runs the closure in a fresh context carrying a capture marker. A span
//! belongs to a capture when it starts
//!
//! - in a context carrying that capture's marker,
//! - on the thread running the capture's closure (or polling its future), as a `root` span
//!   or a consumer's span under a context `propagation::extract` read from headers do, or
//! - in a trace such a span started.
//!
//! Context flows into other threads and executors only where the code carries it
//! (`traced_runtime::context::wrap`, propagation headers), so each test sees exactly its own
//! spans, and a test of context propagation fails as it should when the context is lost: the
//! lost span starts a new, unmarked trace on another thread and is not captured.
//!
//! Serialising captures behind a mutex and keeping every span that ends meanwhile would be
//! simpler, but it would also take in spans of tests that do not capture, run in parallel,
//! and would make every capturing test wait for the others.

use crate::sdk::tree::{self, Style};
use opentelemetry::trace::{Event, SpanContext, SpanId, SpanKind, Status, TraceId};
use opentelemetry::{Context, Key, KeyValue, Value};
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{
    InMemorySpanExporter, SdkTracerProvider, Span, SpanData, SpanExporter as _, SpanProcessor,
};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Runs `f` and returns its result with the spans it produced (those that ended before
/// `f` returned).
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Spans) {
    let capture = Capture::start();
    let result = {
        let _guard = capture.context.clone().attach();
        capture.on_this_thread(f)
    };
    (result, capture.finish())
}

/// [`capture`] for a future: its context is current on every poll.
///
/// ```
/// use opentelemetry::trace::Tracer as _;
/// use traced_runtime::testing;
///
/// # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # runtime.block_on(async {
/// let ((), spans) = testing::capture_async(async {
///     opentelemetry::global::tracer("demo").in_span("settle", |_| {});
/// })
/// .await;
/// assert_eq!(spans.len(), 1, "{spans}");
/// # });
/// ```
pub async fn capture_async<F: Future>(fut: F) -> (F::Output, Spans) {
    use opentelemetry::context::FutureExt as _;
    let capture = Capture::start();
    let mut fut = pin!(fut.with_context(capture.context.clone()));
    let result = poll_fn(|cx| capture.on_this_thread(|| fut.as_mut().poll(cx))).await;
    (result, capture.finish())
}

/// The marker a capture puts in its context.
#[derive(Debug, Clone, Copy)]
struct Marker(u64);

thread_local! {
    /// The capture whose closure (or future's poll) this thread is running.
    static RUNNING: Cell<Option<u64>> = const { Cell::new(None) };
}

struct Capture {
    id: u64,
    context: Context,
    exporter: InMemorySpanExporter,
}

impl Capture {
    fn start() -> Capture {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let router = router();
        // Cheap, and repairs a global that another test replaced.
        crate::provider::set_tracer_provider(router.provider.clone());
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let exporter = InMemorySpanExporter::default();
        lock(&router.routes).captures.insert(id, exporter.clone());
        // No span in it: an empty span context would count as an unsampled parent for
        // parent-based samplers.
        let context = Context::new().with_value(Marker(id));
        Capture {
            id,
            context,
            exporter,
        }
    }

    /// Runs `f` with this capture as the thread's running one (nested captures restore the
    /// outer one, on unwinding too).
    fn on_this_thread<R>(&self, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<u64>);
        impl Drop for Restore {
            fn drop(&mut self) {
                RUNNING.set(self.0);
            }
        }
        let _restore = Restore(RUNNING.replace(Some(self.id)));
        f()
    }

    fn finish(self) -> Spans {
        lock(&router().routes).forget(self.id);
        let mut spans = self.exporter.get_finished_spans().unwrap_or_default();
        spans.sort_by_key(|s| s.start_time);
        Spans { spans }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A test that panicked while holding it must not fail every other test.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

struct Router {
    provider: SdkTracerProvider,
    routes: Arc<Mutex<Routes>>,
}

#[derive(Default, Debug)]
struct Routes {
    captures: HashMap<u64, InMemorySpanExporter>,
    traces: HashMap<TraceId, u64>,
    spans: HashMap<SpanId, u64>,
}

impl Routes {
    fn forget(&mut self, id: u64) {
        self.captures.remove(&id);
        self.traces.retain(|_, c| *c != id);
        self.spans.retain(|_, c| *c != id);
    }
}

fn router() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| {
        let routes = Arc::new(Mutex::new(Routes::default()));
        let provider = SdkTracerProvider::builder()
            .with_span_processor(Routing {
                routes: routes.clone(),
            })
            .build();
        opentelemetry::global::set_text_map_propagator(crate::propagation::w3c_propagator());
        Router { provider, routes }
    })
}

/// Sends each ended span to the capture it belongs to.
#[derive(Debug)]
struct Routing {
    routes: Arc<Mutex<Routes>>,
}

impl SpanProcessor for Routing {
    fn on_start(&self, span: &mut Span, cx: &Context) {
        use opentelemetry::trace::Span as _;
        let sc = span.span_context().clone();
        let mut routes = lock(&self.routes);
        let live = |id: &u64| routes.captures.contains_key(id);
        // The thread before the trace: parallel tests may continue one fixed remote trace id.
        let owner = match cx.get::<Marker>() {
            Some(&Marker(id)) if live(&id) => Some(id),
            _ => RUNNING.get().filter(live),
        };
        let owner = match owner {
            Some(id) => {
                routes.traces.entry(sc.trace_id()).or_insert(id);
                Some(id)
            }
            None => routes.traces.get(&sc.trace_id()).copied(),
        };
        if let Some(id) = owner {
            routes.spans.insert(sc.span_id(), id);
        }
    }

    fn on_end(&self, span: SpanData) {
        let exporter = {
            let mut routes = lock(&self.routes);
            let owner = routes.spans.remove(&span.span_context.span_id());
            owner.and_then(|id| routes.captures.get(&id).cloned())
        };
        if let Some(exporter) = exporter {
            let _ = crate::sdk::now(exporter.export(vec![span]));
        }
    }

    fn force_flush(&self) -> OTelSdkResult {
        Ok(())
    }

    fn shutdown_with_timeout(&self, _timeout: Duration) -> OTelSdkResult {
        Ok(())
    }
}

/// The finished spans of one capture, ordered by start time.
///
/// Its `Display` is the span tree, for assertion messages:
/// `assert!(cond, "{spans}")`.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    spans: Vec<SpanData>,
}

impl Spans {
    /// How many spans were captured.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether no span was captured.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every span, as the SDK exported it.
    pub fn data(&self) -> &[SpanData] {
        &self.spans
    }

    /// Every span, in start order.
    pub fn iter(&self) -> impl Iterator<Item = CapturedSpan<'_>> {
        self.spans
            .iter()
            .map(|span| CapturedSpan { span, all: self })
    }

    /// The spans named `name`, in start order.
    pub fn named(&self, name: &str) -> Vec<CapturedSpan<'_>> {
        self.iter().filter(|s| s.name() == name).collect()
    }

    /// The first span named `name`, if any.
    pub fn get(&self, name: &str) -> Option<CapturedSpan<'_>> {
        self.iter().find(|s| s.name() == name)
    }

    /// The only span named `name`.
    ///
    /// # Panics
    /// If there is none or more than one, with the span tree in the message.
    #[track_caller]
    pub fn one(&self, name: &str) -> CapturedSpan<'_> {
        match self.named(name).as_slice() {
            [one] => *one,
            found => panic!(
                "expected one span named {name:?}, found {}; captured:\n{self}",
                found.len()
            ),
        }
    }

    /// The spans whose parent was not captured (normally one per trace).
    pub fn roots(&self) -> Vec<CapturedSpan<'_>> {
        self.iter().filter(|s| s.parent().is_none()).collect()
    }

    /// The span tree as the console exporter prints it, without colour.
    pub fn tree(&self) -> String {
        tree::render(&self.spans, &Style::default())
    }
}

impl fmt::Display for Spans {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.spans.is_empty() {
            return f.write_str("(no spans)\n");
        }
        f.write_str(&self.tree())
    }
}

/// One captured span, with its relatives.
#[derive(Clone, Copy)]
pub struct CapturedSpan<'a> {
    span: &'a SpanData,
    all: &'a Spans,
}

impl fmt::Debug for CapturedSpan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CapturedSpan")
            .field(&self.span.name)
            .finish()
    }
}

impl<'a> CapturedSpan<'a> {
    /// The span's name.
    pub fn name(&self) -> &'a str {
        &self.span.name
    }

    /// The span's kind.
    pub fn kind(&self) -> &'a SpanKind {
        &self.span.span_kind
    }

    /// The span's status.
    pub fn status(&self) -> &'a Status {
        &self.span.status
    }

    /// Whether the status is `Error`.
    pub fn is_error(&self) -> bool {
        matches!(self.span.status, Status::Error { .. })
    }

    /// The span as the SDK exported it.
    pub fn data(&self) -> &'a SpanData {
        self.span
    }

    /// The span's trace.
    pub fn trace_id(&self) -> TraceId {
        self.span.span_context.trace_id()
    }

    /// The span's id.
    pub fn span_id(&self) -> SpanId {
        self.span.span_context.span_id()
    }

    /// The id of the span's parent, captured or not (a remote one, from headers); `None` for
    /// the root of a trace.
    pub fn parent_span_id(&self) -> Option<SpanId> {
        Some(self.span.parent_span_id).filter(|id| *id != SpanId::INVALID)
    }

    /// Whether the span has no parent at all: it started a trace. (A span whose parent was
    /// not captured, a remote one say, is among [`Spans::roots`] but is not a root.)
    pub fn is_root(&self) -> bool {
        self.parent_span_id().is_none()
    }

    /// The captured parent, if any.
    pub fn parent(&self) -> Option<CapturedSpan<'a>> {
        let id = self.span.parent_span_id;
        (id != SpanId::INVALID)
            .then(|| {
                self.all
                    .iter()
                    .find(|s| s.span.span_context.span_id() == id)
            })
            .flatten()
    }

    /// The captured children, in start order.
    pub fn children(&self) -> Vec<CapturedSpan<'a>> {
        let id = self.span.span_context.span_id();
        let all: &'a Spans = self.all;
        all.iter().filter(|s| s.span.parent_span_id == id).collect()
    }

    /// The only child named `name`.
    ///
    /// # Panics
    /// If there is none or more than one, with the span tree in the message.
    #[track_caller]
    pub fn child(&self, name: &str) -> CapturedSpan<'a> {
        let found: Vec<_> = self
            .children()
            .into_iter()
            .filter(|s| s.name() == name)
            .collect();
        match found.as_slice() {
            [one] => *one,
            _ => panic!(
                "expected one child {name:?} under {:?}, found {}; captured:\n{}",
                self.name(),
                found.len(),
                self.all
            ),
        }
    }

    /// The spans this one links to (`links = [...]`), in order.
    pub fn links(&self) -> impl Iterator<Item = &'a SpanContext> {
        self.span.links.iter().map(|link| &link.span_context)
    }

    /// The span's events, in order.
    pub fn events(&self) -> impl Iterator<Item = CapturedEvent<'a>> {
        self.span.events.iter().map(CapturedEvent)
    }

    /// The first event named `name`, if any.
    pub fn event(&self, name: &str) -> Option<CapturedEvent<'a>> {
        self.events().find(|e| e.name() == name)
    }

    fn attributes(&self) -> &'a [KeyValue] {
        &self.span.attributes
    }
}

/// One event of a captured span.
#[derive(Clone, Copy, Debug)]
pub struct CapturedEvent<'a>(&'a Event);

impl<'a> CapturedEvent<'a> {
    /// The event's name.
    pub fn name(&self) -> &'a str {
        &self.0.name
    }

    fn attributes(&self) -> &'a [KeyValue] {
        &self.0.attributes
    }
}

macro_rules! typed_attributes {
    ($($ty:ident),*) => {$(
        impl<'a> $ty<'a> {
            /// The attribute `key`, whatever its type.
            pub fn attr(&self, key: &str) -> Option<&'a Value> {
                let key = Key::from(key.to_owned());
                self.attributes().iter().find(|kv| kv.key == key).map(|kv| &kv.value)
            }

            /// The string attribute `key`; `None` if absent or of another type.
            pub fn str(&self, key: &str) -> Option<&'a str> {
                match self.attr(key)? {
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                }
            }

            /// The integer attribute `key`; `None` if absent or of another type.
            pub fn int(&self, key: &str) -> Option<i64> {
                match self.attr(key)? {
                    Value::I64(v) => Some(*v),
                    _ => None,
                }
            }

            /// The floating-point attribute `key`; `None` if absent or of another type.
            pub fn double(&self, key: &str) -> Option<f64> {
                match self.attr(key)? {
                    Value::F64(v) => Some(*v),
                    _ => None,
                }
            }

            /// The boolean attribute `key`; `None` if absent or of another type.
            pub fn bool(&self, key: &str) -> Option<bool> {
                match self.attr(key)? {
                    Value::Bool(v) => Some(*v),
                    _ => None,
                }
            }
        }
    )*};
}
typed_attributes!(CapturedSpan, CapturedEvent);

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::trace::{Span as _, TraceContextExt, Tracer, TracerProvider as _};

    fn tracer() -> opentelemetry::global::BoxedTracer {
        opentelemetry::global::tracer_provider().tracer("testing-tests")
    }

    #[test]
    fn captures_a_tree_with_attributes_and_events() {
        let ((), spans) = capture(|| {
            tracer().in_span("quote", |cx| {
                cx.span()
                    .set_attribute(KeyValue::new("quote.amount", 1240.5));
                tracer().in_span("quote.discount", |cx| {
                    cx.span().add_event(
                        "discount.applied",
                        vec![KeyValue::new("discount.percent", 5)],
                    );
                    cx.span().set_status(Status::error("no rates"));
                });
            })
        });
        assert_eq!(spans.len(), 2, "{spans}");
        let quote = spans.one("quote");
        assert_eq!(quote.double("quote.amount"), Some(1240.5));
        assert_eq!(quote.int("quote.amount"), None, "typed: a double is no int");
        let discount = quote.child("quote.discount");
        assert!(discount.is_error());
        assert_eq!(discount.parent().unwrap().name(), "quote");
        let event = discount.event("discount.applied").expect("event");
        assert_eq!(event.int("discount.percent"), Some(5));
        assert_eq!(spans.roots().len(), 1);
        assert!(spans.to_string().contains("└── quote.discount"), "{spans}");
    }

    #[test]
    fn parallel_captures_see_only_their_own_spans() {
        let threads: Vec<_> = (0..8)
            .map(|i| {
                std::thread::spawn(move || {
                    let name = format!("job.{i}");
                    let ((), spans) = capture(|| {
                        for _ in 0..20 {
                            tracer().in_span(name.clone(), |_| {});
                        }
                    });
                    assert_eq!(spans.len(), 20, "{spans}");
                    assert!(spans.iter().all(|s| s.name() == name), "{spans}");
                })
            })
            .collect();
        // Spans outside any capture, meanwhile, go nowhere.
        for _ in 0..50 {
            tracer().in_span("uncaptured", |_| {});
        }
        for t in threads {
            t.join().unwrap();
        }
    }

    #[test]
    fn context_carried_to_a_thread_is_captured_and_lost_context_is_not() {
        let ((), spans) = capture(|| {
            tracer().in_span("parent", |cx| {
                let carried = std::thread::spawn(move || {
                    let _g = cx.attach();
                    tracer().in_span("carried", |_| {});
                });
                carried.join().unwrap();
                std::thread::spawn(|| tracer().in_span("lost", |_| {}))
                    .join()
                    .unwrap();
            })
        });
        assert_eq!(spans.one("carried").parent().unwrap().name(), "parent");
        assert!(spans.get("lost").is_none(), "{spans}");
    }

    #[test]
    fn spans_of_a_captured_trace_started_without_the_marker_are_kept() {
        let ((), spans) = capture(|| {
            let mut span = tracer().start("producer");
            let sc = span.span_context().clone();
            std::thread::spawn(move || {
                // A consumer that rebuilt the context from headers, from scratch.
                let cx = Context::new().with_remote_span_context(sc);
                tracer().start_with_context("consumer", &cx).end();
            })
            .join()
            .unwrap();
            span.end();
        });
        assert_eq!(spans.one("consumer").parent().unwrap().name(), "producer");
    }

    #[test]
    fn spans_started_on_the_capturing_thread_without_the_marker_are_kept() {
        let ((), spans) = capture(|| {
            // What a `root` fn or a context extracted from headers starts from.
            let _detached = Context::new().attach();
            tracer().in_span("detached", |_| tracer().in_span("detached.child", |_| {}));
        });
        let detached = spans.one("detached");
        assert!(detached.is_root());
        assert_eq!(
            detached.child("detached.child").parent_span_id(),
            Some(detached.span_id())
        );
    }

    #[test]
    fn a_nested_capture_takes_its_own_spans_and_gives_the_thread_back() {
        let ((), outer) = capture(|| {
            let ((), inner) = capture(|| {
                let _detached = Context::new().attach();
                tracer().in_span("inner", |_| {});
            });
            assert_eq!(inner.one("inner").name(), "inner");
            let _detached = Context::new().attach();
            tracer().in_span("outer", |_| {});
        });
        assert!(outer.get("inner").is_none(), "{outer}");
        assert!(outer.one("outer").is_root());
    }

    #[test]
    fn one_reports_the_tree_when_it_fails() {
        let ((), spans) = capture(|| tracer().in_span("only", |_| {}));
        let err = std::panic::catch_unwind(|| {
            spans.one("missing");
        })
        .unwrap_err();
        let msg = err.downcast_ref::<String>().unwrap();
        assert!(msg.contains("found 0") && msg.contains("only"), "{msg}");
    }

    #[test]
    fn async_capture() {
        let ((), spans) = crate::sdk::now(capture_async(async {
            tracer().in_span("async.work", |_| {});
        }));
        assert_eq!(spans.len(), 1, "{spans}");
    }
}
