//! What a value records as, read from its syntax: a literal, or an argument's declared type.
//!
//! Only what the syntax makes certain is decided here; anything else (type aliases, generics,
//! field accesses) is left to the value traits of the runtime (`traced_runtime::IntValue` and
//! the like), whose errors name the same things less precisely.

use quote::ToTokens;
use syn::{Expr, FnArg, GenericArgument, Ident, Lit, Pat, PatType, PathArguments, Signature, Type};
use traced_registry::Primitive;

/// What the syntax says of one value.
pub enum Verdict {
    /// Records as this primitive.
    Records(Primitive),
    /// Certainly not recordable; the reason and the fix.
    Unrecordable(&'static str),
    /// Not decidable from syntax: the value traits decide.
    Undecided,
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

/// What a literal records as.
pub fn of_literal(lit: &Lit) -> Verdict {
    match lit {
        Lit::Int(i) if !known_suffix(i.suffix()) => Verdict::Undecided,
        Lit::Float(f) if !known_suffix(f.suffix()) => Verdict::Undecided,
        Lit::Str(_) => Verdict::Records(Primitive::String),
        Lit::Int(i) if i.suffix().starts_with('f') => Verdict::Records(Primitive::Double),
        Lit::Int(_) => Verdict::Records(Primitive::Int),
        Lit::Float(_) => Verdict::Records(Primitive::Double),
        Lit::Bool(_) => Verdict::Records(Primitive::Boolean),
        _ => Verdict::Unrecordable("only string, integer, float and bool literals can be recorded"),
    }
}

/// What a value records as, and its type as rustc would print it (empty when undecided).
/// `arg_type` gives the declared type of a fn argument named by a bare identifier
/// ([`arg_types`] reads them from a signature).
pub fn of_expr(expr: &Expr, arg_type: impl Fn(&Ident) -> Option<Type>) -> (Verdict, String) {
    match expr {
        Expr::Lit(lit) => (of_literal(&lit.lit), literal_type(&lit.lit)),
        Expr::Path(path) if path.qself.is_none() && path.path.get_ident().is_some() => {
            match path.path.get_ident().and_then(arg_type) {
                Some(ty) => (of_type(&ty), display(&ty)),
                None => (Verdict::Undecided, String::new()),
            }
        }
        Expr::Reference(r) => of_expr(&r.expr, arg_type),
        Expr::Paren(p) => of_expr(&p.expr, arg_type),
        _ => (Verdict::Undecided, String::new()),
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

/// What a value of type `ty` records as.
pub fn of_type(ty: &Type) -> Verdict {
    match ty {
        Type::Reference(r) => of_type(&r.elem),
        Type::Paren(p) => of_type(&p.elem),
        Type::Group(g) => of_type(&g.elem),
        Type::Slice(s) => array_of(&s.elem),
        Type::Array(a) => array_of(&a.elem),
        Type::Tuple(t) if t.elems.is_empty() => {
            Verdict::Unrecordable("`()` carries no value; record something else")
        }
        Type::Tuple(_) => {
            Verdict::Unrecordable("record each element of the tuple as its own attribute")
        }
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return Verdict::Undecided;
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
                "str" | "String" => Verdict::Records(Primitive::String),
                "Cow" => match first_arg() {
                    Some(inner) => of_type(&inner),
                    None => Verdict::Undecided,
                },
                "bool" => Verdict::Records(Primitive::Boolean),
                "i8" | "i16" | "i32" | "i64" | "isize" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                    Verdict::Records(Primitive::Int)
                }
                "i128" | "u128" => Verdict::Unrecordable(
                    "128-bit integers do not fit an attribute; convert with `i64::try_from(v)` or `.to_string()`",
                ),
                "f32" | "f64" => Verdict::Records(Primitive::Double),
                "char" => Verdict::Unrecordable("a `char` is not a string; record `c.to_string()`"),
                "Box" | "Arc" | "Rc" => match first_arg() {
                    Some(inner) => of_type(&inner),
                    None => Verdict::Undecided,
                },
                "Option" => match first_arg() {
                    Some(inner) => match option_depth(&inner) {
                        true => Verdict::Unrecordable(
                            "an `Option<Option<_>>` has two kinds of nothing; flatten it with `.flatten()`",
                        ),
                        false => of_type(&inner),
                    },
                    None => Verdict::Undecided,
                },
                "Vec" | "VecDeque" => match first_arg() {
                    Some(inner) if name == "Vec" => array_of(&inner),
                    Some(_) => Verdict::Unrecordable(
                        "record a `Vec` or slice instead: `v.iter().cloned().collect::<Vec<_>>()`",
                    ),
                    None => Verdict::Undecided,
                },
                "SystemTime" | "Instant" => Verdict::Unrecordable(
                    "times are not attribute values; record a duration in ms as an int, or an RFC 3339 string",
                ),
                "Duration" => Verdict::Unrecordable(
                    "a `Duration` is not an attribute value; record `d.as_millis() as i64` under a `*_ms` key",
                ),
                "DateTime" | "NaiveDateTime" | "NaiveDate" | "OffsetDateTime"
                | "PrimitiveDateTime" | "Timestamp" => Verdict::Unrecordable(
                    "dates are not attribute values; record `.to_rfc3339()` (a string) or epoch milliseconds (an int)",
                ),
                "HashMap" | "BTreeMap" | "IndexMap" | "HashSet" | "BTreeSet" => {
                    Verdict::Unrecordable(
                        "maps and sets are not attribute values; record each entry you need as its own attribute, or the count with `.len()`",
                    )
                }
                "Uuid" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr" | "PathBuf" | "Path"
                | "OsString" | "OsStr" | "Url" => {
                    Verdict::Unrecordable("record its text form with `.to_string()`")
                }
                _ => Verdict::Undecided,
            }
        }
        Type::ImplTrait(_) | Type::TraitObject(_) => Verdict::Undecided,
        Type::Ptr(_) => Verdict::Unrecordable("raw pointers are not attribute values"),
        Type::FnPtr(_) => Verdict::Unrecordable("functions are not attribute values"),
        _ => Verdict::Undecided,
    }
}

/// The declared types of plain `name: Type` arguments.
pub fn arg_types(sig: &Signature) -> impl Fn(&Ident) -> Option<Type> + '_ {
    move |ident| {
        sig.inputs.iter().find_map(|arg| match arg {
            FnArg::Typed(PatType { pat, ty, .. }) => match &**pat {
                Pat::Ident(p) if p.ident == *ident => Some((**ty).clone()),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
    }
}

fn option_depth(inner: &Type) -> bool {
    matches!(inner, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn array_of(elem: &Type) -> Verdict {
    match of_type(elem) {
        Verdict::Records(p) => match p {
            Primitive::String => Verdict::Records(Primitive::StringArray),
            Primitive::Int => Verdict::Records(Primitive::IntArray),
            Primitive::Double => Verdict::Records(Primitive::DoubleArray),
            Primitive::Boolean => Verdict::Records(Primitive::BooleanArray),
            // `u8` slices are bytes, but `&[u8]` as int[] is still correct; nested arrays are not.
            _ => Verdict::Unrecordable(
                "arrays of arrays are not attribute values; record each one as its own attribute",
            ),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(ty: &str) -> Option<Primitive> {
        match of_type(&syn::parse_str(ty).unwrap()) {
            Verdict::Records(p) => Some(p),
            Verdict::Unrecordable(_) => None,
            Verdict::Undecided => panic!("{ty} should be decided"),
        }
    }

    #[test]
    fn primitives_through_references_options_and_pointers() {
        assert_eq!(verdict("&str"), Some(Primitive::String));
        assert_eq!(verdict("Option<&String>"), Some(Primitive::String));
        assert_eq!(verdict("Cow<'_, str>"), Some(Primitive::String));
        assert_eq!(verdict("usize"), Some(Primitive::Int));
        assert_eq!(verdict("&&u64"), Some(Primitive::Int));
        assert_eq!(verdict("f32"), Some(Primitive::Double));
        assert_eq!(verdict("Arc<bool>"), Some(Primitive::Boolean));
        assert_eq!(verdict("Vec<&str>"), Some(Primitive::StringArray));
        assert_eq!(verdict("&[i32]"), Some(Primitive::IntArray));
        assert_eq!(verdict("[f64; 3]"), Some(Primitive::DoubleArray));
        assert_eq!(verdict("Option<Vec<bool>>"), Some(Primitive::BooleanArray));
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
            assert_eq!(verdict(ty), None, "{ty}");
        }
    }

    #[test]
    fn left_to_the_compiler() {
        for ty in ["Customer", "T", "impl AsRef<str>", "CustomerId"] {
            assert!(matches!(
                of_type(&syn::parse_str(ty).unwrap()),
                Verdict::Undecided
            ));
        }
    }

    #[test]
    fn argument_types_by_name() {
        let sig: Signature =
            syn::parse_str("fn f(&self, a: &str, (b, c): (u8, u8), mut d: Vec<i64>)").unwrap();
        let types = arg_types(&sig);
        let ident = |s| Ident::new(s, proc_macro2::Span::call_site());
        assert!(types(&ident("a")).is_some());
        assert!(types(&ident("d")).is_some());
        assert!(types(&ident("b")).is_none());
        assert!(types(&ident("self")).is_none());
        let (verdict, shown) = of_expr(&syn::parse_str("&d").unwrap(), &types);
        assert!(matches!(verdict, Verdict::Records(Primitive::IntArray)));
        assert_eq!(shown, "Vec<i64>");
    }

    #[test]
    fn literals_and_display() {
        let lit = |s: &str| of_literal(&syn::parse_str(s).unwrap());
        assert!(matches!(lit("\"x\""), Verdict::Records(Primitive::String)));
        assert!(matches!(lit("3"), Verdict::Records(Primitive::Int)));
        assert!(matches!(lit("3f64"), Verdict::Records(Primitive::Double)));
        assert!(matches!(lit("2.5"), Verdict::Records(Primitive::Double)));
        assert!(matches!(lit("b'x'"), Verdict::Unrecordable(_)));
        // `0b102` reaches the macro from rustc's lexer only (the ui test has it); a suffix
        // rustc does not know is the same case.
        assert!(matches!(lit("1u7"), Verdict::Undecided));
        assert!(matches!(lit("2.5e3x"), Verdict::Undecided));
        let ty: Type = syn::parse_str("Option < & 'a std :: vec :: Vec < u8 > >").unwrap();
        assert_eq!(display(&ty), "Option<&'a std::vec::Vec<u8>>");
    }
}
