//! Reading a traced fn's return value: status and `exception` event for `Err`, and the `Ok`
//! value for `ret = "key"`.
//!
//! The expansion cannot see through type aliases or generics, so it lets method resolution
//! decide: for the status, [`Outcome`] (inherent methods along a `Deref` chain); for
//! `ret = "key"`, autoref specialization on [`Wrap`] (`(&&Wrap(&ret)).__traced_ok()`).

use super::span::Span;
use opentelemetry::trace::Status;
use opentelemetry::KeyValue;
use std::fmt::{Debug, Display};

/// The type `!`, named the way stable Rust allows: the expansion needs it for an `async fn`
/// that never returns (`let x: ! = ..` and `Future<Output = !>` are unstable syntax).
pub type Never = <fn() -> ! as FnOutput>::Output;

/// The return type of a fn pointer type; only there to name [`Never`].
pub trait FnOutput {
    type Output;
}
impl<T> FnOutput for fn() -> T {
    type Output = T;
}

/// A borrowed return value, for method-resolution dispatch.
pub struct Wrap<'a, T: ?Sized>(pub &'a T);

// The error paths below are cold and never inlined: formatting a message would otherwise be
// inlined into every traced fn, growing its stack frame and prologue on the success path too.
#[cold]
#[inline(never)]
fn mark_display<E: Display>(span: &Span, e: &E) {
    mark_error::<E>(span, e.to_string());
}

#[cold]
#[inline(never)]
fn mark_debug<E: Debug>(span: &Span, e: &E) {
    mark_error::<E>(span, format!("{e:?}"));
}

#[cold]
#[inline(never)]
fn mark_opaque<E>(span: &Span) {
    mark_error::<E>(span, std::any::type_name::<E>().to_owned());
}

fn mark_error<E>(span: &Span, message: String) {
    span.with_recording(|span| {
        let ty = std::any::type_name::<E>();
        span.add_event(
            "exception",
            vec![
                KeyValue::new("exception.type", ty),
                KeyValue::new("exception.message", message.clone()),
            ],
        );
        span.set_attribute(KeyValue::new("error.type", ty));
        span.set_status(Status::error(message));
    })
}

/// The status dispatch: `Outcome::new(&ret).__traced_outcome(..)` picks the first inherent
/// method whose bounds hold, walking down the `Deref` chain `Outcome` → `AnyDebug` →
/// `AnyResult` → `Anything`: `Result` whose error is `Display`, then `Debug`, then any
/// `Result`, then anything else (never an error).
///
/// Inherent methods, not traits: the expansion needs no `use` per fn (a block with items costs
/// the compiler a scope of its own), and method resolution skips an inherent method whose
/// `where` bounds do not hold, just as it skips a trait impl that does not apply.
pub struct Outcome<'a, T: ?Sized>(AnyDebug<'a, T>);
#[doc(hidden)]
pub struct AnyDebug<'a, T: ?Sized>(AnyResult<'a, T>);
#[doc(hidden)]
pub struct AnyResult<'a, T: ?Sized>(Anything<'a, T>);
#[doc(hidden)]
pub struct Anything<'a, T: ?Sized>(&'a T);

impl<'a, T: ?Sized> Outcome<'a, T> {
    #[inline(always)]
    pub fn new(ret: &'a T) -> Self {
        Outcome(AnyDebug(AnyResult(Anything(ret))))
    }
}

macro_rules! deref {
    ($from:ident => $to:ident) => {
        impl<'a, T: ?Sized> std::ops::Deref for $from<'a, T> {
            type Target = $to<'a, T>;
            #[inline(always)]
            fn deref(&self) -> &$to<'a, T> {
                &self.0
            }
        }
    };
}
deref!(Outcome => AnyDebug);
deref!(AnyDebug => AnyResult);
deref!(AnyResult => Anything);

/// `Err` with a `Display` error: its message.
impl<T, E: Display> Outcome<'_, Result<T, E>> {
    #[inline]
    pub fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(e), false) = (self.0 .0 .0 .0, expected) {
            mark_display(span, e);
        }
    }
}

/// `Err` with a `Debug` error: its debug form.
impl<T, E: Debug> AnyDebug<'_, Result<T, E>> {
    #[inline]
    pub fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(e), false) = (self.0 .0 .0, expected) {
            mark_debug(span, e);
        }
    }
}

/// `Err` with an error that cannot be printed: its type name.
impl<T, E> AnyResult<'_, Result<T, E>> {
    #[inline]
    pub fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(_), false) = (self.0 .0, expected) {
            mark_opaque::<E>(span);
        }
    }
}

/// Not a `Result`: nothing to mark.
impl<T: ?Sized> Anything<'_, T> {
    #[inline(always)]
    pub fn __traced_outcome(&self, _: &Span, _: bool) {}
}

/// `ret = "key"` on a `Result`: the `Ok` value, if any.
pub trait OkValue<'a> {
    type Value: ?Sized;
    fn __traced_ok(&self) -> Option<&'a Self::Value>;
}
impl<'a, T, E> OkValue<'a> for &Wrap<'a, Result<T, E>> {
    type Value = T;
    #[inline]
    fn __traced_ok(&self) -> Option<&'a T> {
        self.0.as_ref().ok()
    }
}

/// `ret = "key"` on anything else: the value itself.
pub trait Plain<'a> {
    type Value: ?Sized;
    fn __traced_ok(&self) -> Option<&'a Self::Value>;
}
impl<'a, T: ?Sized> Plain<'a> for Wrap<'a, T> {
    type Value = T;
    #[inline]
    fn __traced_ok(&self) -> Option<&'a T> {
        Some(self.0)
    }
}
