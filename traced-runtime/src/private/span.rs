//! Starting, entering and ending the span of one traced call.

use super::attrs::{self, Attrs};
pub use super::call_span::CallSpan;
use super::call_span::Mode;
use super::tracer::{self, Lent};
use opentelemetry::baggage::{BaggageExt, KeyValueMetadata};
use opentelemetry::trace::{SpanBuilder, SpanKind, Status, TraceContextExt, Tracer};
use opentelemetry::{Context, ContextGuard};
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{self, Poll};

/// What one `#[traced]` fn always starts its span with; a `static` in the expansion.
#[derive(Debug)]
pub struct Site {
    name: &'static str,
    kind: SpanKind,
    attrs: usize,
}

impl Site {
    /// `attrs` is how many attributes the fn records, to size the buffer once.
    pub const fn new(name: &'static str, kind: SpanKind, attrs: usize) -> Site {
        Site { name, kind, attrs }
    }
}

/// Where the new span's parent comes from.
#[derive(Debug)]
pub enum Parent {
    /// The current context (the default).
    Current,
    /// `parent = expr`.
    Explicit(Context),
    /// `root`: a new trace; the current baggage and telemetry suppression are kept.
    Root,
}

impl Parent {
    /// `parent = expr`, for an owned or borrowed `Context`.
    pub fn explicit<C: Borrow<Context>>(cx: C) -> Parent {
        Parent::Explicit(cx.borrow().clone())
    }

    #[inline]
    fn into_context(self) -> Context {
        match self {
            // A clone, not a span started inside `Context::map_current`: the SDK, a sampler or
            // a processor may attach a context during the start (a log processor does), which
            // panics while the context stack is borrowed (`tests/start_reentry.rs`).
            Parent::Current => Context::current(),
            Parent::Explicit(cx) => cx,
            Parent::Root => root(),
        }
    }
}

/// The context a `root` span starts in: out of line, so the common parents' path stays small.
#[cold]
#[inline(never)]
fn root() -> Context {
    Context::map_current(root_context)
}

/// A context like `cx` with no span at all.
///
/// Not `cx.with_remote_span_context(SpanContext::empty_context())`: the SDK's default
/// `Sampler::ParentBased` treats any span in the context as the parent, even an invalid one,
/// and drops the new "root" as the child of an unsampled parent. The API cannot take a span out
/// of a context, so the values later spans read are carried over into a new one.
fn root_context(cx: &Context) -> Context {
    let mut root = Context::new();
    if !cx.baggage().is_empty() {
        let entries = cx.baggage().iter().map(|(key, (value, metadata))| {
            KeyValueMetadata::new(key.clone(), value.clone(), metadata.clone())
        });
        root = root.with_baggage(entries);
    }
    if cx.is_telemetry_suppressed() {
        root = root.with_telemetry_suppressed();
    }
    root
}

/// A span about to start: a provider is installed, so its attributes and links are wanted.
///
/// The expansion fills `attrs` in the traced fn's own body (no closure, nothing generic per
/// fn), then calls [`Start::sync`] or [`Start::span`]. What `begin` returns when nothing is
/// traced is an [`Off`] instead, so the values are never evaluated then. Kept small: it is
/// moved twice on its way to the span, so the parent asked for is in [`StartIn`] beside it.
#[derive(Debug)]
pub struct Start {
    site: &'static Site,
    tracer: Lent,
    /// Where the expansion records the attributes and links.
    pub attrs: Attrs,
}

/// [`Start`] under the parent asked for (`parent = ...` or `root`); derefs to it.
#[derive(Debug)]
pub struct StartIn {
    start: Start,
    parent: Parent,
}

/// No span to start and no parent to make current: what [`begin`] gives when nothing is
/// traced. Carries nothing, so a disabled call's result is one discriminant.
#[derive(Debug)]
pub struct Off(());

/// No span to start, but the parent asked for is made current all the same: what
/// [`begin_in`] gives when nothing is traced.
#[derive(Debug)]
pub struct OffIn(CallSpan);

/// The first half of starting a span whose parent is the current context: `Ok` when one may
/// be created (fill in its attributes, then start it), `Err` when nothing is traced.
///
/// The common case has its own entry point: with no parent value to carry, a disabled call is
/// one thread-local check and one discriminant.
#[inline]
pub fn begin(site: &'static Site) -> Result<Start, Off> {
    if tracer::known_off() {
        return Err(Off(()));
    }
    match Start::new(site) {
        Some(start) => Ok(start),
        None => Err(Off(())),
    }
}

/// Whether this thread knows that nothing is traced: the whole check of a disabled call, for
/// the fast path of optimized builds (then [`out_of_line`] and [`start_sync`]).
#[inline(always)]
pub fn known_off() -> bool {
    tracer::known_off()
}

/// A sync fn's span once [`known_off`] has said no, its attributes filled by `fill`: begin,
/// fill and start in one frame, so the traced code never holds a [`Start`] (moving one in and
/// out of calls cost 17 instructions).
#[inline(never)]
pub fn start_sync(site: &'static Site, fill: &mut dyn FnMut(&mut Attrs)) -> SyncSpan {
    match Start::make(site) {
        Some(mut start) => {
            fill(&mut start.attrs);
            SyncSpan::started(CallSpan::build(start, Parent::Current))
        }
        None => SyncSpan(None),
    }
}

/// [`start_sync`] for an async fn: the span, not entered.
#[inline(never)]
pub fn start_span(site: &'static Site, fill: &mut dyn FnMut(&mut Attrs)) -> CallSpan {
    match Start::make(site) {
        Some(mut start) => {
            fill(&mut start.attrs);
            CallSpan::build(start, Parent::Current)
        }
        None => CallSpan::off(),
    }
}

/// Calls `f` in a frame of its own. The fast path of a traced fn is then its only code, and
/// needs none of the registers the traced path saves: a disabled call pays no saves and
/// restores. Typed as called once, like [`once`].
#[inline(never)]
pub fn out_of_line<R, F: FnOnce() -> R>(f: F) -> R {
    f()
}

/// [`out_of_line`] marked cold, for an async fn: its fast path builds a future, and only with
/// the call marked unlikely does the register allocator keep that path free of saved
/// registers (5 instructions fewer per disabled call). A sync fn's traced code is not
/// marked: inlining inside a cold fn is stingier, which cost it 20 instructions.
#[cold]
#[inline(never)]
pub fn out_of_line_cold<R, F: FnOnce() -> R>(f: F) -> R {
    f()
}

/// `f`, typed as called once: a closure the compiler would otherwise take for `FnMut` could
/// not return what it borrows from the values it owns (`&mut self.field`, say).
#[inline(always)]
pub fn once<R, F: FnOnce() -> R>(f: F) -> F {
    f
}

/// [`begin`] under the parent asked for (`parent = ...` or `root`).
#[inline]
pub fn begin_in(site: &'static Site, parent: Parent) -> Result<StartIn, OffIn> {
    if tracer::known_off() {
        return Err(OffIn(CallSpan::disabled(parent)));
    }
    match Start::new(site) {
        Some(start) => Ok(StartIn { start, parent }),
        None => Err(OffIn(CallSpan::disabled(parent))),
    }
}

impl Start {
    /// `None` when the provider is known to be the no-op one. Not inlined: the tracer lookup
    /// and the buffer's allocation stay out of every traced fn.
    #[inline(never)]
    fn new(site: &'static Site) -> Option<Start> {
        Start::make(site)
    }

    /// [`Start::new`], inlined into [`start_sync`] and [`start_span`].
    #[inline(always)]
    fn make(site: &'static Site) -> Option<Start> {
        let tracer = tracer::lend()?;
        Some(Start {
            site,
            tracer,
            attrs: Attrs::with_capacity(site.attrs),
        })
    }

    /// Starts the span and makes it current until dropped (a sync fn).
    #[inline(never)]
    pub fn sync(self) -> SyncSpan {
        SyncSpan::started(CallSpan::build(self, Parent::Current))
    }

    /// Starts the span, not entered (an async fn, or a fn returning a future).
    #[inline(never)]
    pub fn span(self) -> CallSpan {
        CallSpan::build(self, Parent::Current)
    }
}

impl StartIn {
    /// See [`Start::sync`].
    #[inline(never)]
    pub fn sync(self) -> SyncSpan {
        SyncSpan::started(CallSpan::build(self.start, self.parent))
    }

    /// See [`Start::span`].
    #[inline(never)]
    pub fn span(self) -> CallSpan {
        CallSpan::build(self.start, self.parent)
    }
}

impl Deref for StartIn {
    type Target = Start;

    fn deref(&self) -> &Start {
        &self.start
    }
}

impl DerefMut for StartIn {
    fn deref_mut(&mut self) -> &mut Start {
        &mut self.start
    }
}

impl Off {
    /// See [`Start::sync`].
    #[inline]
    pub fn sync(self) -> SyncSpan {
        SyncSpan(None)
    }

    /// See [`Start::span`].
    #[inline]
    pub fn span(self) -> CallSpan {
        CallSpan::off()
    }
}

impl OffIn {
    /// See [`Start::sync`].
    #[inline]
    pub fn sync(self) -> SyncSpan {
        SyncSpan::entered(self.0)
    }

    /// See [`Start::span`].
    #[inline]
    pub fn span(self) -> CallSpan {
        self.0
    }
}

/// The span of one call, not entered. Ends when dropped; a panic unwinding through it sets
/// status Error first.
///
impl fmt::Debug for CallSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallSpan")
            .field("mode", &self.mode())
            .field("cx", &self.cx())
            .finish()
    }
}

impl CallSpan {
    #[inline(always)]
    fn build(start: Start, parent: Parent) -> CallSpan {
        let Start {
            site,
            tracer,
            attrs,
        } = start;
        let parent_cx = parent.into_context();
        let builder = SpanBuilder {
            name: Cow::Borrowed(site.name),
            span_kind: Some(site.kind.clone()),
            attributes: Some(attrs.values),
            links: attrs.links,
            // Every field named, no `..base`: the fields a base fills and the ones above
            // replace would be dropped again on every call.
            start_time: None,
            events: None,
        };
        let span = tracer.tracer().build_with_context(builder, &parent_cx);
        let recording = opentelemetry::trace::Span::is_recording(&span);
        if tracer.probe() {
            // The no-op provider hands back its parent's span context, never recording; any
            // real provider makes a new span id. Decided once per provider.
            let noop = !recording
                && opentelemetry::trace::Span::span_context(&span)
                    == parent_cx.span().span_context()
                && !parent_cx.is_telemetry_suppressed();
            tracer::settle(&tracer, noop);
            if noop {
                return CallSpan::passthrough(parent_cx);
            }
        }
        if !recording {
            // Sampled out: children must still find it (a parent-based sampler drops them
            // too), but it takes no status and ending it does nothing but read the clock.
            return CallSpan::passthrough(parent_cx.with_span(span));
        }
        CallSpan::new(
            parent_cx.with_span(span),
            if std::thread::panicking() {
                Mode::OwnedInPanic
            } else {
                Mode::Owned
            },
        )
    }

    /// Nothing traced. An explicit parent (or a root's empty one) is still made current, so
    /// context read from a message flows on to the next hop even with no SDK installed, and
    /// a `root` fn never passes its caller's trace on.
    #[inline]
    fn disabled(parent: Parent) -> CallSpan {
        match parent {
            Parent::Current => CallSpan::off(),
            Parent::Explicit(_) | Parent::Root => CallSpan::passthrough(parent.into_context()),
        }
    }

    fn passthrough(cx: Context) -> CallSpan {
        CallSpan::new(cx, Mode::Passthrough)
    }

    /// Makes the span current until the guard drops (the sync part of a fn returning a future).
    #[inline]
    pub fn enter(&self) -> Option<ContextGuard> {
        self.cx().map(|cx| cx.clone().attach())
    }

    /// Runs `f` on our own span, if there is one and it records.
    #[inline]
    pub(crate) fn with_recording(&self, f: impl FnOnce(opentelemetry::trace::SpanRef<'_>)) {
        if let (Mode::Owned | Mode::OwnedInPanic, Some(cx)) = (self.mode(), self.cx()) {
            let span = cx.span();
            if span.is_recording() {
                f(span);
            }
        }
    }

    /// Sets attributes on this span (`ret = "key"`), if it records.
    #[inline]
    pub fn record(&self, init: impl FnOnce(&mut Attrs)) {
        self.with_recording(|span| span.set_attributes(attrs::collect(init)))
    }

    /// The future of a traced async call: `fut` runs with the span current on every poll,
    /// never across an `.await` point; `on_ready` sees the output (for the status) and the span
    /// ends as soon as `fut` completes, or when the future is dropped (cancelled).
    #[inline]
    pub fn instrument<F, C>(self, fut: F, on_ready: C) -> Instrumented<F, C>
    where
        F: Future,
        C: Fn(&F::Output, &CallSpan),
    {
        Instrumented {
            fut,
            span: self,
            on_ready,
        }
    }

    /// Ends the span now (a completed future, before it is dropped). The mode is set to `Off`
    /// first, so what is left to drop is a span the compiler sees is off.
    #[inline]
    fn end_now(&mut self) {
        let mode = self.mode();
        if let Some(cx) = self.take_cx() {
            end(cx, mode);
        }
    }
}

impl Drop for CallSpan {
    #[inline]
    fn drop(&mut self) {
        self.end_now();
    }
}

/// Ends a span that is not off: ours ends (status Error if this call panicked), a parent
/// passed through is only dropped.
#[inline(never)]
fn end(cx: Context, mode: Mode) {
    if let Mode::Owned | Mode::OwnedInPanic = mode {
        let span = cx.span();
        if std::thread::panicking() && mode == Mode::Owned {
            span.set_status(Status::error("panicked"));
        }
        span.end();
    }
}

/// The span of a sync call, current until dropped.
///
/// One `Option` around guard and span, so a disabled call builds and checks one discriminant.
#[derive(Debug)]
pub struct SyncSpan(Option<Entered>);

#[derive(Debug)]
struct Entered {
    // Field order matters: the guard is dropped (context restored) before the span ends.
    _guard: ContextGuard,
    span: CallSpan,
}

/// What a disabled `SyncSpan` derefs to.
static NO_SPAN: CallSpan = CallSpan::off();

impl SyncSpan {
    /// Whether there is a span (or a parent passed through) to read the outcome into. Checked
    /// in the traced fn, so that a call with no span keeps no span in memory for the error path.
    #[inline(always)]
    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    /// A span passed through (a parent, with nothing traced) made current: a clone of its
    /// context, which keeps a disabled call's code small.
    #[inline]
    fn entered(span: CallSpan) -> SyncSpan {
        match span.enter() {
            None => SyncSpan(None),
            Some(guard) => SyncSpan(Some(Entered {
                _guard: guard,
                span,
            })),
        }
    }

    /// A new span made current.
    #[inline(always)]
    fn started(mut span: CallSpan) -> SyncSpan {
        match span.mode() {
            Mode::Off => SyncSpan(None),
            // Nothing of ours to end: the context itself is made current, not a clone of it.
            Mode::Passthrough => SyncSpan(span.take_cx().map(|cx| Entered {
                _guard: cx.attach(),
                span: CallSpan::off(),
            })),
            Mode::Owned | Mode::OwnedInPanic => SyncSpan(span.enter().map(|guard| Entered {
                _guard: guard,
                span,
            })),
        }
    }
}

impl Deref for SyncSpan {
    type Target = CallSpan;

    #[inline]
    fn deref(&self) -> &CallSpan {
        match &self.0 {
            Some(entered) => &entered.span,
            None => &NO_SPAN,
        }
    }
}

pin_project_lite::pin_project! {
    /// A traced async call: see [`CallSpan::instrument`].
    #[derive(Debug)]
    pub struct Instrumented<F, C> {
        #[pin]
        fut: F,
        span: CallSpan,
        // `Fn`, not `FnOnce` in an `Option`: it captures nothing, and a completed future is
        // not polled again.
        on_ready: C,
    }
}

impl<F: Future, C: Fn(&F::Output, &CallSpan)> Future for Instrumented<F, C> {
    type Output = F::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, task: &mut task::Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if this.span.mode() == Mode::Off {
            // Nothing traced: the bare future. `on_ready` would find no span to mark.
            return this.fut.poll(task);
        }
        let guard = this.span.enter();
        let out = std::task::ready!(this.fut.poll(task));
        drop(guard);
        (this.on_ready)(&out, this.span);
        this.span.end_now();
        Poll::Ready(out)
    }
}
