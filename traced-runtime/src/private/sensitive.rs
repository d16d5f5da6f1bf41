//! The values a key marked `pii` accepts: the runtime's [`Redacted`], and what holds one
//! the way the value traits look through it.
//!
//! The expansion never names this trait in an error: it passes a `pii` value through a trait
//! declared beside the value, implemented for every `T: Pseudonymized` and not recommended,
//! whose `on_unimplemented` message names the key, the registry line that marks it and the fix.
//! This trait's own message is the fallback for anyone calling it directly.

use crate::redact::Redacted;
use std::rc::Rc;
use std::sync::Arc;

/// A value that is already redacted: made by [`crate::redact::pseudonym`], [`crate::redact::url`]
/// or [`crate::redact::query`], possibly behind references, smart pointers, an `Option` or in an
/// array. A `String` never is, whatever code made it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a redacted value, and this attribute is marked sensitive",
    label = "personal data, recorded as it is",
    note = "record `traced_runtime::redact::pseudonym(value)` (or `redact::url(&value)` for a URL)"
)]
pub trait Pseudonymized {}

impl Pseudonymized for Redacted {}
impl<T: Pseudonymized + ?Sized> Pseudonymized for &T {}
impl<T: Pseudonymized + ?Sized> Pseudonymized for &mut T {}
impl<T: Pseudonymized + ?Sized> Pseudonymized for Box<T> {}
impl<T: Pseudonymized + ?Sized> Pseudonymized for Arc<T> {}
impl<T: Pseudonymized + ?Sized> Pseudonymized for Rc<T> {}
impl<T: Pseudonymized> Pseudonymized for Option<T> {}
impl<T: Pseudonymized> Pseudonymized for [T] {}
impl<T: Pseudonymized> Pseudonymized for Vec<T> {}
impl<T: Pseudonymized, const N: usize> Pseudonymized for [T; N] {}
