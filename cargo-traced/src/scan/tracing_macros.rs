//! The bodies of `tracing`'s span and event macros, parsed the way the macros read them:
//! `info_span!(target: "t", parent: p, "name", customer.id = %id, ?order, count = 3)`,
//! `event!(Level::INFO, k = v, "message {}", x)`.
//!
//! Anything that does not parse is not a `tracing` call this scanner understands: the caller
//! skips it.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, LitStr, Token};

use super::Place;

/// How a field's value is recorded.
pub enum FieldValue {
    /// `k = expr`: by the value's own type.
    Plain(Expr),
    /// `k = %expr` (Display) or `k = ?expr` (Debug): as a string.
    Formatted { sigil: char, expr: Expr },
    /// `k` or `%k` alone: the variable of that name.
    Shorthand { sigil: Option<char> },
}

/// One field: a dotted name (`customer.id`), or a quoted one (`"customer.id" = ..`).
pub struct Field {
    /// The field name as recorded: `customer.id`.
    pub name: String,
    /// Where the name is written.
    pub at: Place,
    /// Its value.
    pub value: FieldValue,
    /// The value's place, when it is written.
    pub value_at: Option<Place>,
}

/// A parsed span or event macro call.
pub struct Call {
    /// The span's name, for a span macro.
    pub name: Option<Expr>,
    /// The fields, in order.
    pub fields: Vec<Field>,
}

/// Which of `tracing`'s macros a name is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `span!(Level, "name", ..)`.
    Span,
    /// `info_span!("name", ..)` and its siblings.
    LevelSpan,
    /// `event!(Level, ..)`.
    Event,
    /// `info!(..)` and its siblings.
    LevelEvent,
}

impl Kind {
    /// The macro kind of a macro name, if it is one of `tracing`'s.
    pub fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "span" => Kind::Span,
            "trace_span" | "debug_span" | "info_span" | "warn_span" | "error_span" => {
                Kind::LevelSpan
            }
            "event" => Kind::Event,
            "trace" | "debug" | "info" | "warn" | "error" => Kind::LevelEvent,
            _ => return None,
        })
    }

    /// Whether the macro makes a span.
    pub fn is_span(self) -> bool {
        matches!(self, Kind::Span | Kind::LevelSpan)
    }
}

/// Parses a macro body of the given kind.
pub fn parse(kind: Kind, tokens: TokenStream) -> syn::Result<Call> {
    (|input: ParseStream| {
        keyword_args(input)?;
        if matches!(kind, Kind::Span | Kind::Event) {
            input.parse::<Expr>()?;
            if input.is_empty() {
                return Ok(Call {
                    name: None,
                    fields: Vec::new(),
                });
            }
            input.parse::<Token![,]>()?;
        }
        let name = if kind.is_span() {
            let name: Expr = input.parse()?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Some(name)
        } else {
            None
        };
        let fields = fields(input, !kind.is_span())?;
        Ok(Call { name, fields })
    })
    .parse2(tokens)
}

/// `target: expr,`, `parent: expr,`, `name: expr,` before the rest.
fn keyword_args(input: ParseStream) -> syn::Result<()> {
    while input.peek(Ident) && input.peek2(Token![:]) && !input.peek2(Token![::]) {
        input.parse::<Ident>()?;
        input.parse::<Token![:]>()?;
        input.parse::<Expr>()?;
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// Comma-separated fields, up to a message (a string literal not followed by `=`) when
/// `message` is allowed, whose format arguments are not fields.
pub fn fields(input: ParseStream, message: bool) -> syn::Result<Vec<Field>> {
    let mut fields = Vec::new();
    while !input.is_empty() {
        if message && input.peek(LitStr) && !input.peek2(Token![=]) {
            input.parse::<TokenStream>()?;
            break;
        }
        fields.push(field(input)?);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(fields)
}

fn sigil(input: ParseStream) -> syn::Result<Option<char>> {
    if input.peek(Token![%]) {
        input.parse::<Token![%]>()?;
        Ok(Some('%'))
    } else if input.peek(Token![?]) {
        input.parse::<Token![?]>()?;
        Ok(Some('?'))
    } else {
        Ok(None)
    }
}

fn field(input: ParseStream) -> syn::Result<Field> {
    let shorthand_sigil = sigil(input)?;
    let (name, at) = if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        (lit.value(), Place::spanned(&lit))
    } else {
        let first = Ident::parse_any(input)?;
        let mut name = first.unraw().to_string();
        let mut at = Place::spanned(&first);
        while input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            let next = Ident::parse_any(input)?;
            name.push('.');
            name.push_str(&next.unraw().to_string());
            let end = Place::spanned(&next);
            if end.line == at.line {
                at.width = end.column + end.width - at.column;
            }
        }
        (name, at)
    };
    if shorthand_sigil.is_none() && input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        let value_sigil = sigil(input)?;
        let expr: Expr = input.parse()?;
        let value_at = Some(Place::spanned(&expr));
        let value = match value_sigil {
            Some(sigil) => FieldValue::Formatted { sigil, expr },
            None => FieldValue::Plain(expr),
        };
        return Ok(Field {
            name,
            at,
            value,
            value_at,
        });
    }
    Ok(Field {
        name,
        at,
        value: FieldValue::Shorthand {
            sigil: shorthand_sigil,
        },
        value_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(kind: Kind, body: &str) -> (Option<String>, Vec<String>) {
        let call = parse(kind, body.parse().unwrap()).unwrap();
        let name = call.name.map(|n| quote::quote!(#n).to_string());
        (name, call.fields.into_iter().map(|f| f.name).collect())
    }

    #[test]
    fn spans_and_events() {
        assert_eq!(
            names(
                Kind::LevelSpan,
                r#"target: "t", parent: None, "op", customer.id = %id, ?order, count = 3, r#type = "x""#
            ),
            (
                Some("\"op\"".into()),
                vec![
                    "customer.id".into(),
                    "order".into(),
                    "count".into(),
                    "type".into()
                ]
            )
        );
        assert_eq!(
            names(Kind::Span, r#"Level::INFO, "op", "quoted.key" = 1"#),
            (Some("\"op\"".into()), vec!["quoted.key".into()])
        );
        assert_eq!(
            names(
                Kind::Event,
                r#"tracing::Level::WARN, a.b = 1, "message {}", x = 3"#
            )
            .1,
            ["a.b"]
        );
        assert_eq!(
            names(Kind::LevelEvent, r#""just a message {x}""#).1,
            Vec::<String>::new()
        );
        assert_eq!(names(Kind::LevelEvent, r#"name: "e", k = 1"#).1, ["k"]);
    }

    #[test]
    fn unparseable_is_an_error_not_a_panic() {
        for body in ["", "= =", "Level::INFO \"x\"", "\"op\", a. = 3", "\"op\" x"] {
            let _ = parse(Kind::LevelSpan, body.parse().unwrap());
            let _ = parse(Kind::Span, body.parse().unwrap());
        }
        assert!(parse(Kind::LevelSpan, "\"op\", a. = 3".parse().unwrap()).is_err());
    }
}
