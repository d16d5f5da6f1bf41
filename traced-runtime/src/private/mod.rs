//! What `#[traced]`, `record!` and `event!` expand to. Not public API: nothing here is covered
//! by semver, and user code must not name it.
//!
//! # The contract with `traced-macros`
//!
//! The expansion names these items, and only these, always as `<runtime>::__private::NAME`
//! (`<runtime>` is `::traced_runtime`, the `crate = path` given, or `$crate`). What each one
//! promises to the generated code:
//!
//! - [`Site`]: `Site::new(name, kind, attrs)` is `const`, so one `static` per traced fn
//!   holds what every call starts its span with; `attrs` sizes the attribute buffer.
//! - [`SpanKind`]: `opentelemetry`'s, re-exported; the expansion names one variant.
//! - [`begin`]`(&SITE)` / [`begin_in`]`(&SITE, parent)`: `Ok(Start)` (`Ok(StartIn)`, which
//!   derefs to a `Start`) when a span may be created (only then are attribute values
//!   evaluated), `Err(Off)` (`Err(OffIn)`) when nothing is traced. `begin` is the
//!   current-context case; it carries no parent value, and its `Off` carries nothing.
//! - [`known_off`]`()`, [`out_of_line`]`(move || ..)` (sync) or [`out_of_line_cold`]
//!   (async), and [`start_sync`]`(&SITE, &mut |attrs| ..)` (sync) or [`start_span`] (async):
//!   the fast path of optimized builds (current-context parent only). `if known_off() {
//!   return body }` runs a copy of the body with nothing traced (for an async fn,
//!   `Dual::bare(async move { body })`); otherwise the traced code runs in `out_of_line`'s
//!   frame (which types its closure as called once, like `once`) and starts with
//!   `start_sync`/`start_span`: `begin` without the check, the closure filling the
//!   attributes, then `.sync()`/`.span()`; an async fn returns
//!   `Dual::traced(span.instrument(..))`.
//! - [`Dual`]: `Dual::bare(future)` / `Dual::traced(future)`, one future type for both.
//! - [`once`]`(move || body)`: a body with `?` or `return`, typed as called once (it may
//!   return what it borrows from the arguments it owns).
//! - [`Parent`]: `Parent::Root` (`root`) and `Parent::Explicit(Context)` (`parent = expr`).
//! - [`ParentContext`]: `ParentContext::to_context(&expr)` takes a `Context` through any
//!   number of references; its `on_unimplemented` message is the error for anything else.
//! - [`Start`]: a public `attrs: Attrs` field to fill, then `.sync()` (a [`SyncSpan`]:
//!   current until dropped) or `.span()` (a [`CallSpan`], not entered). [`StartIn`], [`Off`]
//!   and [`OffIn`] have the same two methods (those of `Off` cost nothing).
//!   [`SyncSpan::is_on`] guards reading the outcome, so that a call with nothing traced keeps
//!   no span in memory for the error path.
//! - [`Attrs`]: `.link(Option<SpanContext>)` (`None` or an invalid context adds no link);
//!   not generic, so a type error comes from [`LinkSource`], never from a bound here.
//! - [`StringValue`], [`IntValue`], [`DoubleValue`], [`BoolValue`], [`StringArrayValue`],
//!   [`IntArrayValue`], [`DoubleArrayValue`], [`BoolArrayValue`]: one per registered type,
//!   implemented exactly for the Rust values that record as that type; the trait's
//!   `on_unimplemented` message is the error otherwise. Called by path, one call per value:
//!   `Trait::set_on(&value, attrs, key)` (adds it to an [`Attrs`]; `None` adds nothing) and
//!   `Trait::to_value(&value) -> Option<Value>` (for `ret`). Re-exported hidden at the crate
//!   root, so rustc names them by that path.
//! - [`LinkSource`]: `LinkSource::span_context(&link)`, for `links = [...]`; same idea.
//! - [`Pseudonymized`]: a marker trait implemented exactly for [`Redacted`](crate::redact::Redacted)
//!   and what holds one (references, `Box`/`Arc`/`Rc`, `Option`, slices, `Vec`s, arrays). For a
//!   key the registry marks `pii`, the expansion declares beside the value a trait of its own
//!   carrying the error (`on_unimplemented`: the key, where the mark is set, the fix),
//!   implemented for every `T: Pseudonymized` under `#[diagnostic::do_not_recommend]`, and
//!   passes the value through its `checked(&value) -> &value`. Re-exported hidden at the crate
//!   root like the value traits.
//! - [`CallSpan`]: `.enter()` (the context guard for the sync part of a fn returning a future),
//!   `.instrument(future, on_ready)` (current on every poll; `on_ready(&output, &span)` runs
//!   once, before the span ends), `.record_ret(key, || value)` (`ret = "key"`; the closure
//!   runs only if the span records). A [`SyncSpan`] derefs to its `CallSpan`.
//! - [`Returned`]: `Returned::new(&ret)`, then `.mark_status(&span, expected)` (status Error
//!   and the `exception` event for an `Err` unless `expected`; nothing for other types) and
//!   `.ok_value()` (the `Ok` value of a `Result`, else the value). Both are inherent methods
//!   reached through `Deref`, so the expansion needs no `use`.
//! - [`Never`]: the type `!`, for an `async fn` that never returns.
//! - [`record_on_current`] / [`event_on_current`]`(name, init)`: `record!`/`event!`; `init`
//!   fills an [`Attrs`] and runs only if the current span records.
//! - the proc macros `record!` and `event!`, called by the runtime's `macro_rules!` wrappers
//!   of the same names with `$crate;` in front of the user's input.
//!
//! Everything else here serves these items and may change with them.

mod attrs;
mod call_span;
mod dual;
mod identity;
mod outcome;
mod parent;
mod sensitive;
mod span;
pub(crate) mod tracer;
mod value;

pub use attrs::{event_on_current, record_on_current, Attrs};
pub use dual::Dual;
pub use opentelemetry::trace::SpanKind;
pub use outcome::{DebugErr, FnOutput, Never, NotResult, OpaqueErr, Returned};
pub use parent::ParentContext;
pub use sensitive::Pseudonymized;
pub use span::{
    begin, begin_in, known_off, once, out_of_line, out_of_line_cold, start_span, start_sync,
    CallSpan, Instrumented, Off, OffIn, Parent, Site, Start, StartIn, SyncSpan,
};
// The proc macros behind `record!` and `event!`.
pub use traced_macros::{event, record};
pub use value::{
    BoolArrayValue, BoolValue, DoubleArrayValue, DoubleValue, IntArrayValue, IntValue, LinkSource,
    StringArrayValue, StringValue,
};
