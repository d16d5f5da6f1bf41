//! Span and event names: which are accepted, and what is wrong with the others. A name must be
//! bounded: the same for every call, so a trace backend can group spans by it.

use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, ExprMacro, LitStr};

/// A span or event name as written: a literal, or anything else (which [`Name::literal`]
/// refuses, or reads when it is a `concat!` of literals).
pub enum Name {
    /// A string literal.
    Lit(LitStr),
    /// Any other expression.
    Other(Box<Expr>),
}

impl From<Expr> for Name {
    fn from(expr: Expr) -> Name {
        match expr {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }) => Name::Lit(lit),
            other => Name::Other(Box::new(other)),
        }
    }
}

impl Parse for Name {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        input.parse::<Expr>().map(Name::from)
    }
}

/// What a name names: an HTTP route template is a bounded span name, not an event name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOf {
    /// A span name (`name = ...`).
    Span,
    /// An event name (`event!("...")`).
    Event,
}

/// Why a name is refused, with the code to point at.
pub enum NameProblem<'a> {
    /// Neither a string literal nor a `concat!` (a variable, a call, another macro): the name
    /// is computed at run time. `format` is set for `format!(...)`, a name built per call.
    NotLiteral {
        /// The expression given as the name.
        expr: &'a Expr,
        /// Whether it is `format!(...)`.
        format: bool,
    },
    /// `concat!` of something else than literals (`env!(..)`, a constant).
    ConcatOfNonLiterals(&'a ExprMacro),
    /// Empty, or white space only.
    Empty(LitStr),
    /// `{...}` in it: a format string that was never formatted (for a span, one that is not
    /// a [`route_template`]).
    Placeholders(LitStr),
}

impl Name {
    /// The name, joined if it is a `concat!` of literals (spanned on the `concat!`), or why it
    /// is refused.
    pub fn literal(&self, of: NameOf) -> Result<LitStr, NameProblem<'_>> {
        let lit = match self {
            Name::Lit(lit) => lit.clone(),
            Name::Other(other) => match &**other {
                Expr::Macro(m) if m.mac.path.is_ident("concat") => {
                    concat_literals(m).ok_or(NameProblem::ConcatOfNonLiterals(m))?
                }
                expr => {
                    let format = matches!(expr, Expr::Macro(m) if m.mac.path.is_ident("format"));
                    return Err(NameProblem::NotLiteral { expr, format });
                }
            },
        };
        let value = lit.value();
        if value.trim().is_empty() {
            return Err(NameProblem::Empty(lit));
        }
        if let Some(open) = value.find('{') {
            if value[open..].contains('}') && !(of == NameOf::Span && route_template(&value)) {
                return Err(NameProblem::Placeholders(lit));
            }
        }
        Ok(lit)
    }
}

/// `{METHOD} /path/{param}/...`: the semantic conventions' `{method} {http.route}` name, bounded
/// because the braces are the route's parameters as written, never a value. Anything else with
/// braces (`apply_{customer_id}`) is a format string that was never formatted.
pub fn route_template(name: &str) -> bool {
    let Some((method, path)) = name.split_once(' ') else {
        return false;
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    let Some(path) = path.strip_prefix('/') else {
        return false;
    };
    let segment_ok = |segment: &str| match segment.strip_prefix('{') {
        Some(rest) => rest
            .strip_suffix('}')
            .is_some_and(|param| !param.is_empty() && !param.contains(['{', '}', ' '])),
        None => !segment.contains(['{', '}', ' ']),
    };
    method_ok && path.split('/').all(segment_ok)
}

/// `concat!("a", "b", 1)` of literals only, joined like `concat!` does.
fn concat_literals(m: &ExprMacro) -> Option<LitStr> {
    let parts = m
        .mac
        .parse_body_with(syn::punctuated::Punctuated::<syn::Lit, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut joined = String::new();
    for part in &parts {
        match part {
            syn::Lit::Str(s) => joined.push_str(&s.value()),
            syn::Lit::Int(i) => joined.push_str(i.base10_digits()),
            syn::Lit::Float(f) => joined.push_str(f.base10_digits()),
            syn::Lit::Bool(b) => joined.push_str(if b.value { "true" } else { "false" }),
            syn::Lit::Char(c) => joined.push(c.value()),
            _ => return None,
        }
    }
    Some(LitStr::new(&joined, m.span()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name, or the problem's variant.
    fn name(tokens: &str, of: NameOf) -> Result<String, &'static str> {
        let name: Name = syn::parse_str(tokens).unwrap();
        name.literal(of).map(|l| l.value()).map_err(|p| match p {
            NameProblem::NotLiteral { format: true, .. } => "format",
            NameProblem::NotLiteral { format: false, .. } => "not literal",
            NameProblem::ConcatOfNonLiterals(_) => "concat",
            NameProblem::Empty(_) => "empty",
            NameProblem::Placeholders(_) => "placeholders",
        })
    }

    fn span(tokens: &str) -> Result<String, &'static str> {
        name(tokens, NameOf::Span)
    }

    #[test]
    fn span_names() {
        assert_eq!(span("\"rewards.apply\""), Ok("rewards.apply".into()));
        assert_eq!(
            span("concat!(\"a.\", \"b\", 1, true, 'c')"),
            Ok("a.b1truec".into())
        );
        // A lone brace is not a placeholder.
        assert_eq!(span("\"set {\""), Ok("set {".into()));
        // An HTTP route template is a bounded name.
        for route in [
            "\"GET /users/{id}\"",
            "\"POST /orders/{order_id}/items/{item}\"",
            "\"GET /\"",
        ] {
            assert!(span(route).is_ok(), "{route}");
        }
        for (bad, problem) in [
            ("format!(\"a{}\", x)", "format"),
            ("NAME", "not literal"),
            ("name()", "not literal"),
            ("concat!(\"a\", env!(\"X\"))", "concat"),
            ("\"apply_{customer}\"", "placeholders"),
            ("\"  \"", "empty"),
            ("concat!()", "empty"),
            // Route-like, but not a route template.
            ("\"GET /users/user_{id}\"", "placeholders"),
            ("\"get /users/{id}\"", "placeholders"),
            ("\"GET users/{id}\"", "placeholders"),
            ("\"GET /users/{}\"", "placeholders"),
            ("\"GET /a/{b}/{c d}\"", "placeholders"),
        ] {
            assert_eq!(span(bad), Err(problem), "{bad}");
        }
    }

    #[test]
    fn event_names_are_never_route_templates() {
        assert_eq!(
            name("\"fraud.queued\"", NameOf::Event),
            Ok("fraud.queued".into())
        );
        assert_eq!(
            name("\"GET /users/{id}\"", NameOf::Event),
            Err("placeholders")
        );
    }
}
