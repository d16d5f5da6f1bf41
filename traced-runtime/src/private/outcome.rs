//! Reading a traced fn's return value: status and `exception` event for `Err`, and the `Ok`
//! value for `ret = "key"`.
//!
//! The expansion cannot see through type aliases or generics, so it lets method resolution
//! decide, for both: inherent methods along the `Deref` chain that starts at [`Returned`].

use super::span::CallSpan;
use opentelemetry::trace::Status;
use opentelemetry::{KeyValue, Value};
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

// The error paths below are cold and never inlined: formatting a message would otherwise be
// inlined into every traced fn, growing its stack frame and prologue on the success path too.
#[cold]
#[inline(never)]
fn mark_display<E: Display>(span: &CallSpan, e: &E) {
    mark_error::<E>(span, e.to_string());
}

#[cold]
#[inline(never)]
fn mark_debug<E: Debug>(span: &CallSpan, e: &E) {
    mark_error::<E>(span, format!("{e:?}"));
}

#[cold]
#[inline(never)]
fn mark_opaque<E>(span: &CallSpan) {
    mark_error::<E>(span, std::any::type_name::<E>().to_owned());
}

fn mark_error<E>(span: &CallSpan, message: String) {
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

/// The dispatch: `Returned::new(&ret).mark_status(..)` and `.ok_value()` pick the first
/// inherent method whose impl applies, walking down the `Deref` chain `Returned` →
/// `DebugErr` → `OpaqueErr` → `NotResult`: for the status, a `Result` whose error is
/// `Display`, then `Debug`, then any `Result`, then anything else (never an error); for the
/// `Ok` value, any `Result`, then anything else (the value itself).
///
/// Inherent methods, not traits: the expansion needs no `use` per fn (a block with items costs
/// the compiler a scope of its own), and method resolution skips an inherent method whose
/// `where` bounds do not hold, just as it skips a trait impl that does not apply.
pub struct Returned<'a, T: ?Sized>(DebugErr<'a, T>);
#[doc(hidden)]
pub struct DebugErr<'a, T: ?Sized>(OpaqueErr<'a, T>);
#[doc(hidden)]
pub struct OpaqueErr<'a, T: ?Sized>(NotResult<'a, T>);
#[doc(hidden)]
pub struct NotResult<'a, T: ?Sized>(&'a T);

impl<'a, T: ?Sized> Returned<'a, T> {
    #[inline(always)]
    pub fn new(ret: &'a T) -> Self {
        Returned(DebugErr(OpaqueErr(NotResult(ret))))
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
deref!(Returned => DebugErr);
deref!(DebugErr => OpaqueErr);
deref!(OpaqueErr => NotResult);

/// `Err` with a `Display` error: its message.
impl<T, E: Display> Returned<'_, Result<T, E>> {
    #[inline]
    pub fn mark_status(&self, span: &CallSpan, expected: bool) {
        if let (Err(e), false) = (self.0 .0 .0 .0, expected) {
            mark_display(span, e);
        }
    }
}

/// `Err` with a `Debug` error: its debug form.
impl<T, E: Debug> DebugErr<'_, Result<T, E>> {
    #[inline]
    pub fn mark_status(&self, span: &CallSpan, expected: bool) {
        if let (Err(e), false) = (self.0 .0 .0, expected) {
            mark_debug(span, e);
        }
    }
}

/// `Err` with an error that cannot be printed: its type name.
impl<T, E> OpaqueErr<'_, Result<T, E>> {
    #[inline]
    pub fn mark_status(&self, span: &CallSpan, expected: bool) {
        if let (Err(_), false) = (self.0 .0, expected) {
            mark_opaque::<E>(span);
        }
    }
}

/// `ret = "key"` on a `Result`: the `Ok` value, if any. On the head of the chain, with no
/// bounds, so every `Result` stops here.
impl<'a, T, E> Returned<'a, Result<T, E>> {
    #[inline]
    pub fn ok_value(&self) -> Option<&'a T> {
        self.0 .0 .0 .0.as_ref().ok()
    }
}

/// Not a `Result`: no status to mark, and `ret = "key"` records the value itself.
impl<'a, T: ?Sized> NotResult<'a, T> {
    #[inline(always)]
    pub fn mark_status(&self, _: &CallSpan, _: bool) {}

    #[inline(always)]
    pub fn ok_value(&self) -> Option<&'a T> {
        Some(self.0)
    }
}

impl CallSpan {
    /// `ret = "key"`: sets the attribute, if the span records; `value` is called only then.
    #[inline]
    pub fn record_ret(&self, key: &'static str, value: impl FnOnce() -> Option<Value>) {
        self.with_recording(|span| {
            if let Some(value) = value() {
                span.set_attribute(KeyValue::new(key, value));
            }
        });
    }
}
