//! Reading a traced fn's return value: status and `exception` event for `Err`, and the `Ok`
//! value for `ret = "key"`.
//!
//! The expansion cannot see through type aliases or generics, so it lets method resolution
//! decide ("autoref specialization"): `(&&&&Wrap(&ret)).__traced_outcome(..)` picks the first
//! impl that applies, from the deepest reference down: `Result` whose error is `Display`, then
//! `Debug`, then any `Result`, then anything else (which is never an error).

use super::span::Span;
use opentelemetry::trace::Status;
use opentelemetry::KeyValue;
use std::fmt::{Debug, Display};

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

/// `Err` with a `Display` error: its message.
pub trait DisplayErr {
    fn __traced_outcome(&self, span: &Span, expected: bool);
}
impl<T, E: Display> DisplayErr for &&&Wrap<'_, Result<T, E>> {
    #[inline]
    fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(e), false) = (self.0, expected) {
            mark_display(span, e);
        }
    }
}

/// `Err` with a `Debug` error: its debug form.
pub trait DebugErr {
    fn __traced_outcome(&self, span: &Span, expected: bool);
}
impl<T, E: Debug> DebugErr for &&Wrap<'_, Result<T, E>> {
    #[inline]
    fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(e), false) = (self.0, expected) {
            mark_debug(span, e);
        }
    }
}

/// `Err` with an error that cannot be printed: its type name.
pub trait OpaqueErr {
    fn __traced_outcome(&self, span: &Span, expected: bool);
}
impl<T, E> OpaqueErr for &Wrap<'_, Result<T, E>> {
    #[inline]
    fn __traced_outcome(&self, span: &Span, expected: bool) {
        if let (Err(_), false) = (self.0, expected) {
            mark_opaque::<E>(span);
        }
    }
}

/// Not a `Result`: nothing to mark.
pub trait NotResult {
    fn __traced_outcome(&self, span: &Span, expected: bool);
}
impl<T: ?Sized> NotResult for Wrap<'_, T> {
    #[inline(always)]
    fn __traced_outcome(&self, _: &Span, _: bool) {}
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
