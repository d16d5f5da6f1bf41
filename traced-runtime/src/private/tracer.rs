//! The tracer every span is started with, taken from the global provider.
//!
//! Spans must appear whenever a provider is installed globally, by our set-up or by plain
//! `opentelemetry::global::set_tracer_provider`, even one installed after the first traced call.
//! The global API offers neither a change notification nor a way to tell the no-op provider
//! apart, so each thread caches the tracer of the provider it last saw, keyed by that provider's
//! identity, and remembers when it turned out to be the no-op one. A call then costs the global
//! read lock and an `Arc` clone, not a tracer allocation, and nothing more when disabled: the
//! no-op provider's identity is also kept in a plain `Cell` (no destructor, so the cheapest kind
//! of thread-local), compared before the cache itself is touched.

use opentelemetry::global::{self, BoxedTracer, GlobalTracerProvider};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry::InstrumentationScope;
use std::cell::{Cell, RefCell};

/// The identity of a global provider: the bytes of its `Arc<dyn ...>` (data and vtable
/// pointers). The cache keeps that `Arc` alive, so the address cannot be reused while cached.
type Identity = [usize; 2];

// The identity read below is only sound while `GlobalTracerProvider` is exactly one fat pointer
// (no padding, every byte initialized). Fail the build if opentelemetry ever changes that.
const _: () =
    assert!(std::mem::size_of::<GlobalTracerProvider>() == std::mem::size_of::<Identity>());
const _: () =
    assert!(std::mem::align_of::<GlobalTracerProvider>() == std::mem::align_of::<Identity>());

/// Which word of a fat pointer is the data pointer: the first, on every target Rust supports
/// today (the layout is not guaranteed; a test checks it).
const DATA: usize = 0;

fn identity(provider: &GlobalTracerProvider) -> Identity {
    // SAFETY: size and alignment are asserted equal above, and a fat pointer has no padding,
    // so every byte read is initialized.
    unsafe { *(provider as *const GlobalTracerProvider as *const Identity) }
}

pub(crate) enum State {
    /// The provider's spans have not been seen yet.
    Unknown(BoxedTracer),
    /// The provider records (or at least creates real spans).
    Live(BoxedTracer),
    /// The provider is the no-op one: start nothing.
    Noop,
}

struct Cached {
    identity: Identity,
    // Held so `identity` stays unique; also what `tracer` came from.
    _provider: GlobalTracerProvider,
    state: State,
}

impl Drop for Cached {
    fn drop(&mut self) {
        // The identity is about to stop being unique: forget it was the no-op one.
        NOOP.set(NONE);
    }
}

/// No provider: a data pointer is never null.
const NONE: usize = 0;

thread_local! {
    static CACHE: RefCell<Option<Cached>> = const { RefCell::new(None) };
    /// The data pointer of the cached provider while it is the no-op one, else `NONE`. Only
    /// ever equal to a live provider's while `CACHE` holds that provider.
    static NOOP: Cell<usize> = const { Cell::new(NONE) };
}

fn scope() -> InstrumentationScope {
    InstrumentationScope::builder("traced")
        .with_version(env!("CARGO_PKG_VERSION"))
        .build()
}

/// The global provider, or `None` when this thread already found it to be the no-op one: the
/// whole cost of a traced call when nothing is installed, so kept small and inlined.
#[inline]
pub(crate) fn provider() -> Option<GlobalTracerProvider> {
    let provider = global::tracer_provider();
    // One word is enough: the data pointer of a live `Arc` (the cache holds the no-op one)
    // is unique, and comparing two words costs every disabled call four instructions more.
    if NOOP.get() == identity(&provider)[DATA] {
        None
    } else {
        Some(provider)
    }
}

/// Runs `f` with the tracer state of `provider` (from [`provider`]); `f` may mark it `Noop` or
/// `Live`.
pub(crate) fn with_tracer<R>(provider: GlobalTracerProvider, f: impl FnOnce(&mut State) -> R) -> R {
    let id = identity(&provider);
    CACHE.with(|cache| {
        // A traced fn called while another is setting up this cache (re-entrancy from an
        // exporter or sampler) gets a fresh tracer instead of a borrow panic.
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return f(&mut State::Unknown(provider.tracer_with_scope(scope())));
        };
        let hit = matches!(&*cache, Some(c) if c.identity == id);
        if !hit {
            // Replacing the entry drops the old one, which forgets its no-op identity.
            let tracer = provider.tracer_with_scope(scope());
            *cache = Some(Cached {
                identity: id,
                _provider: provider,
                state: State::Unknown(tracer),
            });
        }
        let cached = cache.as_mut().expect("filled above");
        let ret = f(&mut cached.state);
        if let State::Noop = cached.state {
            NOOP.set(id[DATA]);
        }
        ret
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_pointer_is_the_word_compared() {
        let boxed: Box<dyn std::fmt::Debug> = Box::new(7_u64);
        let data = &*boxed as *const dyn std::fmt::Debug as *const u8 as usize;
        // SAFETY: a `Box<dyn _>` is one fat pointer, two initialized words.
        let words: Identity = unsafe { std::mem::transmute_copy(&boxed) };
        assert_eq!(words[DATA], data);
        assert_ne!(words[1 - DATA], data);
    }
}
