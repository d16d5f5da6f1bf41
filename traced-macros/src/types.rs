//! What a value records as, read from its syntax: a literal, or an argument's declared type.
//!
//! Only what the syntax makes certain is decided here; anything else (type aliases, generics,
//! field accesses) is left to the value traits of `traced_runtime::__private`, whose errors name
//! the same things less precisely.

use quote::ToTokens;
use syn::{Expr, GenericArgument, Lit, PathArguments, Type};
use traced_registry::Primitive;

/// The verdict on one value.
pub enum Class {
    /// Records as this primitive.
    Is(Primitive),
    /// Certainly not recordable; the reason and the fix.
    Not(&'static str),
    /// Not decidable from syntax.
    Unknown,
}

/// Whether a numeric literal's suffix is one rustc accepts. With any other (`0b102` lexes as
/// `0` with suffix `b102`), rustc reports the literal itself, and a verdict on its type here
/// would only add a wrong second error.
fn known_suffix(suffix: &str) -> bool {
    matches!(
        suffix,
        "" | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "f32"
            | "f64"
    )
}

pub fn of_literal(lit: &Lit) -> Class {
    match lit {
        Lit::Int(i) if !known_suffix(i.suffix()) => Class::Unknown,
        Lit::Float(f) if !known_suffix(f.suffix()) => Class::Unknown,
        Lit::Str(_) => Class::Is(Primitive::String),
        Lit::Int(i) if i.suffix().starts_with('f') => Class::Is(Primitive::Double),
        Lit::Int(_) => Class::Is(Primitive::Int),
        Lit::Float(_) => Class::Is(Primitive::Double),
        Lit::Bool(_) => Class::Is(Primitive::Boolean),
        _ => Class::Not("only string, integer, float and bool literals can be recorded"),
    }
}

pub fn of_expr(expr: &Expr, arg_type: impl Fn(&syn::Ident) -> Option<Type>) -> (Class, String) {
    match expr {
        Expr::Lit(lit) => (of_literal(&lit.lit), literal_type(&lit.lit)),
        Expr::Path(path) if path.qself.is_none() && path.path.get_ident().is_some() => {
            match path.path.get_ident().and_then(arg_type) {
                Some(ty) => (of_type(&ty), display(&ty)),
                None => (Class::Unknown, String::new()),
            }
        }
        Expr::Reference(r) => of_expr(&r.expr, arg_type),
        Expr::Paren(p) => of_expr(&p.expr, arg_type),
        _ => (Class::Unknown, String::new()),
    }
}

fn literal_type(lit: &Lit) -> String {
    match lit {
        Lit::Str(_) => "&str".into(),
        Lit::Int(i) if !i.suffix().is_empty() => i.suffix().into(),
        Lit::Int(_) => "integer".into(),
        Lit::Float(f) if !f.suffix().is_empty() => f.suffix().into(),
        Lit::Float(_) => "float".into(),
        Lit::Bool(_) => "bool".into(),
        other => display(other),
    }
}

/// A type as rustc would print it.
pub fn display(tokens: &impl ToTokens) -> String {
    let mut s = tokens.to_token_stream().to_string();
    for (from, to) in [
        (" < ", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        (" :: ", "::"),
        (":: ", "::"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
        ("' ", "'"),
    ] {
        s = s.replace(from, to);
    }
    s
}

pub fn of_type(ty: &Type) -> Class {
    match ty {
        Type::Reference(r) => of_type(&r.elem),
        Type::Paren(p) => of_type(&p.elem),
        Type::Group(g) => of_type(&g.elem),
        Type::Slice(s) => array_of(&s.elem),
        Type::Array(a) => array_of(&a.elem),
        Type::Tuple(t) if t.elems.is_empty() => {
            Class::Not("`()` carries no value; record something else")
        }
        Type::Tuple(_) => Class::Not("record each element of the tuple as its own attribute"),
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return Class::Unknown;
            };
            let name = last.ident.to_string();
            let first_arg = || match &last.arguments {
                PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
                    GenericArgument::Type(t) => Some(t.clone()),
                    _ => None,
                }),
                _ => None,
            };
            match name.as_str() {
                "str" | "String" => Class::Is(Primitive::String),
                "Cow" => match first_arg() {
                    Some(inner) => of_type(&inner),
                    None => Class::Unknown,
                },
                "bool" => Class::Is(Primitive::Boolean),
                "i8" | "i16" | "i32" | "i64" | "isize" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                    Class::Is(Primitive::Int)
                }
                "i128" | "u128" => Class::Not(
                    "128-bit integers do not fit an attribute; convert with `i64::try_from(v)` or `.to_string()`",
                ),
                "f32" | "f64" => Class::Is(Primitive::Double),
                "char" => Class::Not("a `char` is not a string; record `c.to_string()`"),
                "Box" | "Arc" | "Rc" => match first_arg() {
                    Some(inner) => of_type(&inner),
                    None => Class::Unknown,
                },
                "Option" => match first_arg() {
                    Some(inner) => match option_depth(&inner) {
                        true => Class::Not(
                            "an `Option<Option<_>>` has two kinds of nothing; flatten it with `.flatten()`",
                        ),
                        false => of_type(&inner),
                    },
                    None => Class::Unknown,
                },
                "Vec" | "VecDeque" => match first_arg() {
                    Some(inner) if name == "Vec" => array_of(&inner),
                    Some(_) => Class::Not(
                        "record a `Vec` or slice instead: `v.iter().cloned().collect::<Vec<_>>()`",
                    ),
                    None => Class::Unknown,
                },
                "SystemTime" | "Instant" => Class::Not(
                    "times are not attribute values; record a duration in ms as an int, or an RFC 3339 string",
                ),
                "Duration" => Class::Not(
                    "a `Duration` is not an attribute value; record `d.as_millis() as i64` under a `*_ms` key",
                ),
                "DateTime" | "NaiveDateTime" | "NaiveDate" | "OffsetDateTime"
                | "PrimitiveDateTime" | "Timestamp" => Class::Not(
                    "dates are not attribute values; record `.to_rfc3339()` (a string) or epoch milliseconds (an int)",
                ),
                "HashMap" | "BTreeMap" | "IndexMap" | "HashSet" | "BTreeSet" => Class::Not(
                    "maps and sets are not attribute values; record each entry you need as its own attribute, or the count with `.len()`",
                ),
                "Uuid" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr" | "PathBuf" | "Path"
                | "OsString" | "OsStr" | "Url" => {
                    Class::Not("record its text form with `.to_string()`")
                }
                _ => Class::Unknown,
            }
        }
        Type::ImplTrait(_) | Type::TraitObject(_) => Class::Unknown,
        Type::Ptr(_) => Class::Not("raw pointers are not attribute values"),
        Type::BareFn(_) => Class::Not("functions are not attribute values"),
        _ => Class::Unknown,
    }
}

fn option_depth(inner: &Type) -> bool {
    matches!(inner, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn array_of(elem: &Type) -> Class {
    match of_type(elem) {
        Class::Is(p) => match p {
            Primitive::String => Class::Is(Primitive::StringArray),
            Primitive::Int => Class::Is(Primitive::IntArray),
            Primitive::Double => Class::Is(Primitive::DoubleArray),
            Primitive::Boolean => Class::Is(Primitive::BooleanArray),
            // `u8` slices are bytes, but `&[u8]` as int[] is still correct; nested arrays are not.
            _ => Class::Not(
                "arrays of arrays are not attribute values; record each one as its own attribute",
            ),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(ty: &str) -> Option<Primitive> {
        match of_type(&syn::parse_str(ty).unwrap()) {
            Class::Is(p) => Some(p),
            Class::Not(_) => None,
            Class::Unknown => panic!("{ty} should be decided"),
        }
    }

    #[test]
    fn primitives_through_references_options_and_pointers() {
        assert_eq!(class("&str"), Some(Primitive::String));
        assert_eq!(class("Option<&String>"), Some(Primitive::String));
        assert_eq!(class("Cow<'_, str>"), Some(Primitive::String));
        assert_eq!(class("usize"), Some(Primitive::Int));
        assert_eq!(class("&&u64"), Some(Primitive::Int));
        assert_eq!(class("f32"), Some(Primitive::Double));
        assert_eq!(class("Arc<bool>"), Some(Primitive::Boolean));
        assert_eq!(class("Vec<&str>"), Some(Primitive::StringArray));
        assert_eq!(class("&[i32]"), Some(Primitive::IntArray));
        assert_eq!(class("[f64; 3]"), Some(Primitive::DoubleArray));
        assert_eq!(class("Option<Vec<bool>>"), Some(Primitive::BooleanArray));
    }

    #[test]
    fn certainly_not_primitive() {
        for ty in [
            "SystemTime",
            "std::collections::HashMap<String, u32>",
            "Option<Option<i64>>",
            "Vec<Vec<i64>>",
            "u128",
            "()",
            "(i64, i64)",
            "chrono::DateTime<Utc>",
        ] {
            assert_eq!(class(ty), None, "{ty}");
        }
    }

    #[test]
    fn left_to_the_compiler() {
        for ty in ["Customer", "T", "impl AsRef<str>", "CustomerId"] {
            assert!(matches!(
                of_type(&syn::parse_str(ty).unwrap()),
                Class::Unknown
            ));
        }
    }

    #[test]
    fn literals_and_display() {
        let lit = |s: &str| of_literal(&syn::parse_str(s).unwrap());
        assert!(matches!(lit("\"x\""), Class::Is(Primitive::String)));
        assert!(matches!(lit("3"), Class::Is(Primitive::Int)));
        assert!(matches!(lit("3f64"), Class::Is(Primitive::Double)));
        assert!(matches!(lit("2.5"), Class::Is(Primitive::Double)));
        assert!(matches!(lit("b'x'"), Class::Not(_)));
        // `0b102` reaches the macro from rustc's lexer only (the ui test has it); a suffix
        // rustc does not know is the same case.
        assert!(matches!(lit("1u7"), Class::Unknown));
        assert!(matches!(lit("2.5e3x"), Class::Unknown));
        let ty: Type = syn::parse_str("Option < & 'a std :: vec :: Vec < u8 > >").unwrap();
        assert_eq!(display(&ty), "Option<&'a std::vec::Vec<u8>>");
    }
}
