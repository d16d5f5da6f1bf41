//! The identity of a global tracer provider: the one `unsafe` read in this crate.
//!
//! A thread re-reads opentelemetry's global provider now and then to notice one installed with
//! plain `global::set_tracer_provider`. Most of the time it is the same provider, and knowing
//! that spares a new tracer and, for the no-op provider, a probe span (an allocation). The API
//! offers no way to compare two `GlobalTracerProvider`s, so this compares the address of the
//! `Arc` it holds.
//!
//! Invariant: `GlobalTracerProvider` is exactly one `Arc<dyn ObjectSafeTracerProvider + ..>`,
//! a fat pointer: two initialized words, no padding. That is true of opentelemetry 0.33.1,
//! which `Cargo.toml` pins exactly for this reason; size and alignment are also checked at
//! compile time below. The caller keeps the provider alive while it compares identities, so
//! an address is never reused by another provider meanwhile.

use opentelemetry::global::GlobalTracerProvider;

/// The data pointer of a provider's `Arc`, never null.
pub(crate) type Identity = usize;

const _: () = assert!(std::mem::size_of::<GlobalTracerProvider>() == 2 * WORD);
const _: () = assert!(std::mem::align_of::<GlobalTracerProvider>() == WORD);
const WORD: usize = std::mem::size_of::<usize>();

/// Which word of a fat pointer is the data pointer: the first, on every target Rust supports
/// today (the layout is not guaranteed; a test checks it).
const DATA: usize = 0;

pub(crate) fn of(provider: &GlobalTracerProvider) -> Identity {
    // SAFETY: per the invariant above, `GlobalTracerProvider` is two initialized words with
    // the alignment of `[usize; 2]`; reading a pointer's bytes as an integer keeps only its
    // address, which is all that is compared.
    let words = unsafe { *(provider as *const GlobalTracerProvider as *const [usize; 2]) };
    words[DATA]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_pointer_is_the_word_compared() {
        let boxed: Box<dyn std::fmt::Debug> = Box::new(7_u64);
        let data = &*boxed as *const dyn std::fmt::Debug as *const u8 as usize;
        // SAFETY: a `Box<dyn _>` is one fat pointer, two initialized words.
        let words: [usize; 2] = unsafe { std::mem::transmute_copy(&boxed) };
        assert_eq!(words[DATA], data);
        assert_ne!(words[1 - DATA], data);
    }

    #[test]
    fn clones_share_an_identity_and_installs_do_not() {
        let first = opentelemetry::global::tracer_provider();
        assert_ne!(of(&first), 0, "a data pointer is never null");
        assert_eq!(of(&first), of(&first.clone()));
        opentelemetry::global::set_tracer_provider(
            opentelemetry::trace::noop::NoopTracerProvider::new(),
        );
        let second = opentelemetry::global::tracer_provider();
        assert_ne!(of(&first), of(&second));
    }
}
