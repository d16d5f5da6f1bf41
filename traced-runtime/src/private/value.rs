//! Which Rust values may be recorded as attributes of each registered type.
//!
//! One trait per registered type, so a mismatch is a trait error that names the registered
//! type and the value's type. `Option` records nothing for `None`; references and smart
//! pointers are looked through; `u64`/`usize` stay integers (saturating at `i64::MAX`).

use super::attrs::Attrs;
use opentelemetry::trace::{SpanContext, TraceContextExt};
use opentelemetry::{Array, Context, StringValue as OtelString, Value};
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

macro_rules! value_trait {
    ($(#[$attr:meta])* $name:ident, $item:ty, $to_value:expr, $message:literal, $label:literal) => {
        $(#[$attr])*
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            note = "attribute values must be primitives (bool, integers, f32/f64, strings), arrays of one of those, or an `Option` of them",
            note = "convert the value where you record it, e.g. `.to_string()` or `as i64`, or record a different attribute"
        )]
        pub trait $name {
            /// The value, or `None` to leave the attribute out.
            fn to_item(&self) -> Option<$item>;

            /// The value as the span takes it, or `None` to leave the attribute out.
            #[inline]
            fn to_value(&self) -> Option<Value> {
                self.to_item().map($to_value)
            }

            /// Adds the attribute `key` with this value to `attrs` (`None`: left out). One call
            /// per attribute in the expansion, the trait named by its path: a value of the
            /// wrong type is reported by this trait's message, never by a bound elsewhere.
            #[inline]
            fn set_on(&self, attrs: &mut Attrs, key: &'static str) {
                attrs.set(key, self.to_value());
            }
        }

        impl<T: $name + ?Sized> $name for &T {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                (**self).to_item()
            }
        }
        impl<T: $name + ?Sized> $name for &mut T {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                (**self).to_item()
            }
        }
        impl<T: $name + ?Sized> $name for Box<T> {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                (**self).to_item()
            }
        }
        impl<T: $name + ?Sized> $name for Arc<T> {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                (**self).to_item()
            }
        }
        impl<T: $name + ?Sized> $name for Rc<T> {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                (**self).to_item()
            }
        }
        impl<T: $name> $name for Option<T> {
            #[inline]
            fn to_item(&self) -> Option<$item> {
                self.as_ref().and_then($name::to_item)
            }
        }
    };
}

value_trait!(
    /// A value for a `string` attribute (or a string enum, or `template[string]`).
    StringValue,
    OtelString,
    Value::String,
    "`{Self}` cannot be recorded as an attribute registered as `string`",
    "expected a value of registered type `string`, found `{Self}`"
);
value_trait!(
    /// A value for an `int` attribute (or an int enum).
    IntValue,
    i64,
    Value::I64,
    "`{Self}` cannot be recorded as an attribute registered as `int`",
    "expected a value of registered type `int`, found `{Self}`"
);
value_trait!(
    /// A value for a `double` attribute.
    DoubleValue,
    f64,
    Value::F64,
    "`{Self}` cannot be recorded as an attribute registered as `double`",
    "expected a value of registered type `double`, found `{Self}`"
);
value_trait!(
    /// A value for a `boolean` attribute.
    BoolValue,
    bool,
    Value::Bool,
    "`{Self}` cannot be recorded as an attribute registered as `boolean`",
    "expected a value of registered type `boolean`, found `{Self}`"
);
value_trait!(
    /// A value for a `string[]` attribute.
    StringArrayValue,
    Vec<OtelString>,
    |v| Value::Array(Array::String(v)),
    "`{Self}` cannot be recorded as an attribute registered as `string[]`",
    "expected a value of registered type `string[]`, found `{Self}`"
);
value_trait!(
    /// A value for an `int[]` attribute.
    IntArrayValue,
    Vec<i64>,
    |v| Value::Array(Array::I64(v)),
    "`{Self}` cannot be recorded as an attribute registered as `int[]`",
    "expected a value of registered type `int[]`, found `{Self}`"
);
value_trait!(
    /// A value for a `double[]` attribute.
    DoubleArrayValue,
    Vec<f64>,
    |v| Value::Array(Array::F64(v)),
    "`{Self}` cannot be recorded as an attribute registered as `double[]`",
    "expected a value of registered type `double[]`, found `{Self}`"
);
value_trait!(
    /// A value for a `boolean[]` attribute.
    BoolArrayValue,
    Vec<bool>,
    |v| Value::Array(Array::Bool(v)),
    "`{Self}` cannot be recorded as an attribute registered as `boolean[]`",
    "expected a value of registered type `boolean[]`, found `{Self}`"
);

impl StringValue for str {
    #[inline]
    fn to_item(&self) -> Option<OtelString> {
        Some(OtelString::from(self.to_owned()))
    }
}
impl StringValue for String {
    #[inline]
    fn to_item(&self) -> Option<OtelString> {
        Some(OtelString::from(self.clone()))
    }
}
impl StringValue for Cow<'_, str> {
    #[inline]
    fn to_item(&self) -> Option<OtelString> {
        Some(OtelString::from(self.to_string()))
    }
}
/// Computed here, when the attribute is recorded: the hash or the URL rewrite never runs for a
/// span that does not record. Not listed among the types a `string` key accepts: the list is
/// cut at nine, and `String` and `str` are the ones to show.
#[diagnostic::do_not_recommend]
impl StringValue for crate::redact::Redacted {
    #[inline]
    fn to_item(&self) -> Option<OtelString> {
        Some(OtelString::from(self.render()))
    }
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl IntValue for $t {
            #[inline]
            fn to_item(&self) -> Option<i64> {
                // Lossless for every type but u64/usize/u128 beyond i64::MAX, which saturate:
                // an integer attribute must stay an integer, never become a string.
                Some(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_values!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl DoubleValue for f64 {
    #[inline]
    fn to_item(&self) -> Option<f64> {
        Some(*self)
    }
}
impl DoubleValue for f32 {
    #[inline]
    fn to_item(&self) -> Option<f64> {
        Some(f64::from(*self))
    }
}
impl BoolValue for bool {
    #[inline]
    fn to_item(&self) -> Option<bool> {
        Some(*self)
    }
}

// Arrays: slices, `Vec`s and fixed-size arrays of one primitive. OpenTelemetry arrays have
// no null, so `None` elements are left out.
macro_rules! array_values {
    ($array:ident, $elem:ident, $item:ty) => {
        impl<T: $elem> $array for [T] {
            fn to_item(&self) -> Option<Vec<$item>> {
                Some(self.iter().filter_map($elem::to_item).collect())
            }
        }
        impl<T: $elem> $array for Vec<T> {
            #[inline]
            fn to_item(&self) -> Option<Vec<$item>> {
                self.as_slice().to_item()
            }
        }
        impl<T: $elem, const N: usize> $array for [T; N] {
            #[inline]
            fn to_item(&self) -> Option<Vec<$item>> {
                self.as_slice().to_item()
            }
        }
    };
}
array_values!(StringArrayValue, StringValue, OtelString);
array_values!(IntArrayValue, IntValue, i64);
array_values!(DoubleArrayValue, DoubleValue, f64);
array_values!(BoolArrayValue, BoolValue, bool);

/// What `links = [...]` accepts: the span of a `Context`, or a `SpanContext`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a span link",
    label = "expected an `opentelemetry::Context` or `opentelemetry::trace::SpanContext`",
    note = "extract a `Context` from the incoming message's headers with `traced_runtime::propagation::extract`"
)]
pub trait LinkSource {
    /// The span context to link to; `None` (or an invalid one) adds no link.
    fn span_context(&self) -> Option<SpanContext>;
}

impl LinkSource for SpanContext {
    fn span_context(&self) -> Option<SpanContext> {
        Some(self.clone()).filter(SpanContext::is_valid)
    }
}
impl LinkSource for Context {
    fn span_context(&self) -> Option<SpanContext> {
        Some(self.span().span_context().clone()).filter(SpanContext::is_valid)
    }
}
impl<T: LinkSource + ?Sized> LinkSource for &T {
    fn span_context(&self) -> Option<SpanContext> {
        (**self).span_context()
    }
}
impl<T: LinkSource> LinkSource for Option<T> {
    fn span_context(&self) -> Option<SpanContext> {
        self.as_ref().and_then(LinkSource::span_context)
    }
}
