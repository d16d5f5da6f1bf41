//! Compile-time-checked OpenTelemetry instrumentation.
//!
//! `#[traced]` puts a real OpenTelemetry span on a function, and rejects at compile time what
//! makes traces useless or expensive: span names built at run time, attribute keys that are not
//! in the team's attribute registry, values that are not primitives or not of the registered
//! type. This crate is the one to depend on: it re-exports the macros and holds what they
//! expand to. With default features it depends on the `opentelemetry` API only, so a library
//! can use it without pulling in an SDK; spans are emitted whenever an application installs a
//! tracer provider globally.
//!
//! ```
//! use traced_runtime::{event, record, traced};
//!
//! #[derive(Debug)]
//! pub struct Declined;
//!
//! #[traced(
//!     name = "rewards.redemption.apply",   // a literal: the default is the fn's name
//!     kind = internal,                     // internal | server | client | producer | consumer
//!     attrs(
//!         "customer.id" = customer_id,     // registered key = any expression over the arguments
//!         "redemption.coins_debited" = coins,
//!     ),
//! )]
//! fn apply_redemption(customer_id: &str, coins: i64) -> Result<i64, Declined> {
//!     record!("idempotency.cache_hit" = false);                 // on the current span
//!     event!("fraud.queued_for_manual_review", "fraud.queue_wait_ms" = 2100);
//!     if coins > 500 {
//!         return Err(Declined);                                 // status Error, `exception` event
//!     }
//!     Ok(500 - coins)
//! }
//! # assert_eq!(apply_redemption("c-1", 40).unwrap(), 460);
//! ```
//!
//! # Options
//!
//! | option | meaning |
//! |---|---|
//! | `name = "literal"` | the span name; never `format!`, a variable, or `{placeholders}` (an HTTP route template, `"GET /users/{id}"`, is the exception); default: the fn's name, or the declared span's type |
//! | `span = "http.client"` | a span declared in the registry: see [Declared spans](#declared-spans) |
//! | `kind = server` | the span kind (default `internal`, or the declared span's kind) |
//! | `attrs("key" = expr, ...)` | attributes, evaluated once before the body and only when a span is recorded; arguments are never recorded unless listed |
//! | `ret = "key"` | records the return value (the `Ok` value of a `Result`) |
//! | `parent = expr` | the parent `opentelemetry::Context`, e.g. one extracted from a message with `propagation::extract` (feature `propagation`) |
//! | `links = [expr, ...]` | follows-from links, each a `Context` or `SpanContext` |
//! | `root` | start a new trace even inside another span |
//! | `expected_err(PATTERN)` | `Err` values matching the pattern are expected outcomes (a 404): status stays Unset |
//! | `allow_missing("key", ...)` | required keys of the declared span the fn cannot know |
//! | `crate = path` | where this crate is, when it is renamed or re-exported |
//! | `no_fast_path` | optimized builds compile the body once too, with no copy for calls with nothing traced (for a body whose macros must expand once) |
//! | `allow_sensitive("key", reason = "...")` | lets `attrs` and `ret` record a raw value for a key the registry marks `pii`; the reason is required (never for `secret` keys) |
//!
//! `#[traced]` goes on `fn`, `async fn`, methods, generic fns, fns returning `impl Trait` or a
//! future, trait impl methods and `#[async_trait]` bodies.
//!
//! # Values
//!
//! `bool`; `i8`..`i64`, `u8`..`u64`, `usize` (integers, saturating at `i64::MAX`); `f32`,
//! `f64`; `&str`, `String`, `Cow<str>`; `Vec`s, slices and arrays of those; `Option`s of those
//! (`None` leaves the attribute out); references and `Box`/`Arc`/`Rc` of those. Each must match
//! the key's registered type: `"4200"` for an `int` key does not compile.
//!
//! Personal data and URLs go through [`redact`]: `redact::pseudonym(email)` records a keyed
//! hash, `redact::url(url)` a URL without its credentials and signatures, both as strings. A key
//! the registry marks `pii` accepts only such a value (checked by its type), and a key marked
//! `secret` is refused whatever the value.
//!
//! # Status
//!
//! `Err(e)` sets status Error with `e`'s message (its `Display`, else `Debug`, else its type
//! name), an `exception` event with `exception.type` and `exception.message`, and `error.type`.
//! `Ok` leaves the status Unset: nothing sets Ok implicitly. A panic unwinding through the fn
//! ends the span with status Error.
//!
//! So that every return value reaches the status check, a sync fn whose body has a `?`, a
//! `return` or a macro other than std's (`bail!` hides a `return`) runs that body in a closure.
//! Any other body runs in place, where `#[track_caller]` sees the fn's caller.
//!
//! # Context
//!
//! Inside the fn the new span is current, so nested traced fns and hand-written OpenTelemetry
//! code become its children. An `async fn`'s span starts where the fn is called and is current
//! during every poll, on whichever thread, and never across an `.await`; it ends when the
//! future completes or is dropped. [`context`] and [`thread`] carry the context to thread
//! pools and threads; `propagation` (feature `propagation`) across processes.
//!
//! # Providers
//!
//! Spans are emitted whenever a tracer provider is installed globally. A traced call does not
//! take opentelemetry's global provider lock each time (that would make its cost grow with
//! the number of cores): one installed through this crate ([`set_tracer_provider`], `init!`,
//! `setup!().init()`, `testing::capture`) is seen by every thread on its next call, one
//! installed with plain `opentelemetry::global::set_tracer_provider` within
//! [`provider::RECHECK_CALLS`] calls per thread. See [`provider`].
//!
//! With nothing installed, a call costs one thread-local check. In optimized builds a small
//! fn also gets a second copy of its body (for an `async fn`, a second future), run right
//! after that check, so that a disabled call saves no registers for the span code it skips
//! (about +9 instructions over the bare fn; +24 for an `async fn`, its caller's poll
//! included); the README's performance section says which bodies keep one copy.
//!
//! # The registry
//!
//! Keys are checked against the attribute registry, OpenTelemetry semantic-conventions YAML,
//! found at build time from the `TRACED_REGISTRY` environment variable (paths joined like
//! `PATH`, relative to the crate), else `[package.metadata.traced] registry = "path"` (or a
//! list) in the crate's `Cargo.toml`, else `attributes.yaml` beside that `Cargo.toml` or in the
//! nearest folder above it. Editing a registry file rebuilds the crates that use it.
//!
//! # Declared spans
//!
//! A registry may declare spans (v2 `spans:` entries with `type`, `kind` and attribute refs
//! with `requirement_level` and `sampling_relevant`; v1 `type: span` groups; refinements).
//! `span = "..."` checks the fn against one at compile time: the declared kind (used when
//! `kind` is omitted), every `required` key given in `attrs(...)`, by `ret` or by a `record!`
//! in the fn's own body, and the sampling-relevant ones in `attrs(...)`, which are the start
//! attributes a sampler sees. Without `name`, the span type is the name.
//!
//! ```
//! # use traced_runtime::traced;
//! // tests/attributes.yaml declares `redemption.partner.call`, kind `client`, with
//! // `redemption.partner` required and sampling relevant.
//! #[traced(span = "redemption.partner.call", attrs("redemption.partner" = partner))]
//! fn call_partner(partner: &str) {}
//! # call_partner("amazon");
//! ```
//!
//! `allow_missing("key")` excuses a required key the fn cannot know.
//!
//! # Features
//!
//! | feature | adds | for |
//! |---|---|---|
//! | (none) | `#[traced]`, `record!`, `event!`, [`context`], [`thread`], [`redact`]; depends on the `opentelemetry` API only | libraries |
//! | `propagation` | `propagation::{inject, extract}`: W3C trace context and baggage in headers | crossing processes |
//! | `http` | `propagation` over `http::HeaderMap` | |
//! | `sdk` | `init!`, `setup!`: an SDK tracer provider from the `OTEL_*` variables, the console span tree (implies `propagation`) | applications |
//! | `otlp` | OTLP export over gRPC and HTTP/protobuf (implies `sdk`) | applications |
//! | `testing` | `testing::capture`: the spans a closure produced, to assert on (implies `sdk`) | tests |
//!
//! # Sending spans (feature `sdk`)
//!
//! An application installs a tracer provider once, at the top of `main`, and keeps the
//! guard: dropping it exports what is buffered and shuts the provider down. `init!` takes
//! everything from the standard `OTEL_*` variables, with the calling crate's name and version
//! as `service.name` and `service.version`; `setup!` sets defaults from code, which the
//! variables still override.
//!
//! ```no_run
//! # #[cfg(feature = "sdk")] {
//! let _telemetry = traced_runtime::init!();
//! # }
//! # #[cfg(feature = "sdk")] {
//! let _telemetry = traced_runtime::setup!()
//!     .service_name("rewards-redemption")
//!     .sampler(traced_runtime::sdk::Sampler::TraceIdRatioBased(0.1))
//!     .init();
//! # }
//! ```
//!
//! # Testing spans (feature `testing`)
//!
//! `testing::capture` runs a closure and returns the spans it produced, with helpers to find
//! spans by name, walk parents and children and read typed attributes and events; tests
//! running in parallel each see their own spans only. Turn the feature on for tests alone:
//! `traced-runtime = { version = "0.1", features = ["testing"] }` under
//! `[dev-dependencies]`.
//!
//! ```
//! # #[cfg(feature = "testing")] {
//! use traced_runtime::{testing, traced};
//!
//! #[traced(name = "rewards.redemption.apply", attrs("redemption.coins_debited" = coins))]
//! fn apply_redemption(coins: i64) -> i64 {
//!     coins / 10
//! }
//!
//! let (value, spans) = testing::capture(|| apply_redemption(4200));
//! assert_eq!(value, 420);
//! let span = spans.one("rewards.redemption.apply");
//! assert_eq!(span.int("redemption.coins_debited"), Some(4200));
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod context;
#[cfg(feature = "propagation")]
#[cfg_attr(docsrs, doc(cfg(feature = "propagation")))]
pub mod propagation;
pub mod provider;
pub mod redact;
pub mod thread;

pub use provider::set_tracer_provider;

pub use traced_macros::traced;

/// Sets attributes on the current span: `record!("key" = value, ...)`.
///
/// Each key must be in the attribute registry and each value of its registered type, as in
/// `#[traced(attrs(...))]`. Nothing is evaluated when the current span does not record.
// A `macro_rules!` in front of the proc macro, so the expansion names this crate through
// `$crate`: it works under any name the crate is imported or re-exported as.
#[macro_export]
macro_rules! record {
    ($($input:tt)*) => {
        $crate::__private::record!($crate; $($input)*)
    };
}

/// Adds an event to the current span: `event!("event.name", "key" = value, ...)`.
///
/// The event name must be in the registry's `events`; keys and values are checked as in
/// [`record!`]. Nothing is evaluated when the current span does not record.
#[macro_export]
macro_rules! event {
    ($($input:tt)*) => {
        $crate::__private::event!($crate; $($input)*)
    };
}

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

// The traits a value, link or parent must implement. rustc names a trait by a path outside
// `#[doc(hidden)]` modules when there is one, so with these the errors for a value of the
// wrong type say `traced_runtime::IntValue`, never a `__private` path.
#[doc(hidden)]
pub use __private::{
    BoolArrayValue, BoolValue, DoubleArrayValue, DoubleValue, IntArrayValue, IntValue, LinkSource,
    ParentContext, Pseudonymized, StringArrayValue, StringValue,
};

// SDK set-up, console and OTLP export (features `sdk`, `otlp`), test capture (`testing`).
#[cfg(feature = "sdk")]
#[cfg_attr(docsrs, doc(cfg(feature = "sdk")))]
pub mod sdk;
#[cfg(feature = "sdk")]
#[cfg_attr(docsrs, doc(cfg(feature = "sdk")))]
pub use sdk::{Guard, Setup};
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
