//! What the syntax of one call says: a name's text, a literal key, a span kind, whether a
//! receiver is a tracer, whether arguments are span data at all.

use syn::punctuated::Punctuated;
use syn::{Expr, Lit, Token};
use traced_registry::Primitive;
use traced_syntax::{Name, NameOf, NameProblem};

use super::paths::{Uses, ends_with};
use super::{Place, Text};

/// Whether a call's arguments are baggage or resource entries, not span data:
/// `Context::current_with_baggage([..])`, `Baggage::from_iter(..)`, `Resource::new(..)`.
pub(super) fn not_span_data(segments: &[String]) -> bool {
    let n = segments.len();
    segments
        .iter()
        .any(|s| s.contains("baggage") || s == "Baggage")
        || (n >= 2 && segments[n - 2] == "Resource")
}

/// Whether a method chain starts at `Resource::builder()` (or `builder_empty()`): its
/// `with_attributes` are resource attributes.
pub(super) fn resource_builder(receiver: &Expr, uses: &Uses) -> bool {
    match receiver {
        Expr::MethodCall(m) => resource_builder(&m.receiver, uses),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if not_span_data(&uses.resolve(&p.path))),
        Expr::Paren(p) => resource_builder(&p.expr, uses),
        _ => false,
    }
}

/// Whether `func` is a path ending with `tail`.
pub(super) fn is_path(func: &Expr, uses: &Uses, tail: &[&str]) -> bool {
    matches!(func, Expr::Path(p) if ends_with(&uses.resolve(&p.path), tail))
}

/// A string literal argument.
pub(super) fn lit_str(expr: &Expr) -> Option<&syn::LitStr> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s),
        Expr::Paren(p) => lit_str(&p.expr),
        Expr::Group(g) => lit_str(&g.expr),
        _ => None,
    }
}

/// A key written as a literal: `"k"`, `Key::new("k")`, `Key::from_static_str("k")`,
/// `Key::from("k")`, `"k".into()`.
pub(super) fn key_literal<'e>(expr: &'e Expr, uses: &Uses) -> Option<&'e syn::LitStr> {
    match expr {
        Expr::Call(call)
            if call.args.len() == 1
                && ["new", "from_static_str", "from"]
                    .iter()
                    .any(|f| is_path(&call.func, uses, &["Key", f])) =>
        {
            lit_str(&call.args[0])
        }
        Expr::MethodCall(m) if m.method == "into" && m.args.is_empty() => lit_str(&m.receiver),
        other => lit_str(other),
    }
}

/// The name text and where to point: the literal, else the whole expression.
pub(super) fn text(expr: &Expr) -> (Text, Place) {
    if let Some(lit) = literal_text(expr) {
        return (Text::Literal(lit.0), lit.1);
    }
    let at = Place::spanned(expr);
    let built = match expr {
        Expr::Macro(_) => match Name::from(expr.clone()).literal(NameOf::Span) {
            Err(NameProblem::NotLiteral { format: true, .. }) => Some("`format!`"),
            _ => None,
        },
        Expr::Reference(r) => return (text(&r.expr).0, at),
        Expr::Paren(p) => return (text(&p.expr).0, at),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => Some("`+`"),
        _ => None,
    };
    match built {
        Some(how) => (Text::Built(how.to_string()), at),
        None => (Text::Unknown, at),
    }
}

/// A name that is a literal however it is converted: `"x"`, `"x".to_string()`,
/// `String::from("x")`, `Cow::Borrowed("x")`, `concat!("a", "b")`.
pub(super) fn literal_text(expr: &Expr) -> Option<(String, Place)> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some((s.value(), Place::spanned(s))),
        Expr::Paren(p) => literal_text(&p.expr),
        Expr::Group(g) => literal_text(&g.expr),
        Expr::Reference(r) => literal_text(&r.expr),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && ["to_string", "to_owned", "into"].contains(&m.method.to_string().as_str()) =>
        {
            literal_text(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| {
                    s.ident == "from" || s.ident == "Borrowed" || s.ident == "Owned"
                }) =>
            {
                literal_text(&c.args[0])
            }
            _ => None,
        },
        // Joined as the macros join it; whether the result is a good name is for the rules.
        Expr::Macro(m) if m.mac.path.is_ident("concat") => {
            match Name::from(expr.clone()).literal(NameOf::Span) {
                Ok(lit) | Err(NameProblem::Empty(lit) | NameProblem::Placeholders(lit)) => {
                    Some((lit.value(), Place::spanned(m)))
                }
                Err(NameProblem::NotLiteral { .. } | NameProblem::ConcatOfNonLiterals(_)) => None,
            }
        }
        _ => None,
    }
}

/// `SpanKind::Client` or `"client"`: `client`.
pub(super) fn kind_of(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string().to_lowercase()),
        Expr::Reference(r) => kind_of(&r.expr),
        other => lit_str(other).map(|s| s.value().to_lowercase()),
    }
}

/// The keys of `vec![KeyValue::new("k", v), ..]` or `[..]` when every key is a literal.
pub(super) fn literal_keys(expr: &Expr, uses: &Uses) -> Option<Vec<String>> {
    let elements: Vec<Expr> = match expr {
        Expr::Array(a) => a.elems.iter().cloned().collect(),
        Expr::Reference(r) => return literal_keys(&r.expr, uses),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => m
            .mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok()?
            .into_iter()
            .collect(),
        _ => return None,
    };
    elements
        .iter()
        .map(|e| match e {
            Expr::Call(c) if c.args.len() == 2 && is_path(&c.func, uses, &["KeyValue", "new"]) => {
                key_literal(&c.args[0], uses).map(|k| k.value())
            }
            Expr::MethodCall(m) if m.args.len() == 1 => {
                key_literal(&m.receiver, uses).map(|k| k.value())
            }
            _ => None,
        })
        .collect()
}

/// Whether a method's receiver is a tracer by its name (`tracer`, `self.tracer`,
/// `global::tracer("x")`, `provider.tracer("x")`): `start` is too common a method name to take
/// on any receiver.
pub(super) fn tracer_like(expr: &Expr) -> bool {
    let name = match expr {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        Expr::MethodCall(m) => Some(m.method.to_string()),
        Expr::Call(c) => return tracer_like(&c.func),
        Expr::Reference(r) => return tracer_like(&r.expr),
        Expr::Paren(p) => return tracer_like(&p.expr),
        _ => None,
    };
    name.is_some_and(|n| n.to_lowercase().contains("tracer"))
}

/// A typed setter on a key: `Key::new("k").i64(3)`.
pub(super) fn setter_type(method: &str) -> Option<Primitive> {
    Some(match method {
        "string" => Primitive::String,
        "i64" => Primitive::Int,
        "f64" => Primitive::Double,
        "bool" => Primitive::Boolean,
        _ => return None,
    })
}
