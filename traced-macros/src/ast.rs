//! Parsing: `#[traced(...)]` options and the `record!`/`event!` inputs, syntax only.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Pat, Path, Token, bracketed, parenthesized};

/// The options `#[traced]` accepts.
const OPTIONS: [&str; 9] = [
    "name",
    "kind",
    "attrs",
    "ret",
    "parent",
    "links",
    "root",
    "expected_err",
    "crate",
];

/// "`a`, `b`, `c`": names as error messages list them.
pub fn listed(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One `"key" = expr`.
pub struct Attr {
    pub key: LitStr,
    pub value: Expr,
}

impl Parse for Attr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if !input.peek(LitStr) {
            let bad: proc_macro2::TokenTree = input.parse()?;
            return Err(syn::Error::new_spanned(
                bad,
                "attribute keys must be string literals: `\"customer.id\" = customer_id`",
            ));
        }
        let key = input.parse()?;
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(Attr { key, value })
    }
}

/// The span name as written: a literal, or something that is rejected in `valid`.
pub enum Name {
    Lit(LitStr),
    Other(Expr),
}

impl From<Expr> for Name {
    fn from(expr: Expr) -> Name {
        match expr {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }) => Name::Lit(lit),
            other => Name::Other(other),
        }
    }
}

impl Parse for Name {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        input.parse::<Expr>().map(Name::from)
    }
}

/// `#[traced(...)]`.
#[derive(Default)]
pub struct Args {
    pub name: Option<Name>,
    pub kind: Option<Ident>,
    pub attrs: Vec<Attr>,
    pub ret: Option<LitStr>,
    pub parent: Option<Expr>,
    pub links: Vec<Expr>,
    pub root: Option<Ident>,
    pub expected_err: Option<Pat>,
    pub krate: Option<Path>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args::default();
        while !input.is_empty() {
            let option = parse_option(input)?;
            let seen = match option.to_string().as_str() {
                "name" => {
                    input.parse::<Token![=]>()?;
                    args.name.replace(input.parse()?).is_some()
                }
                "kind" => {
                    input.parse::<Token![=]>()?;
                    args.kind.replace(input.parse()?).is_some()
                }
                "attrs" => {
                    let content;
                    parenthesized!(content in input);
                    let attrs = Punctuated::<Attr, Token![,]>::parse_terminated(&content)?;
                    let repeated = !args.attrs.is_empty();
                    args.attrs.extend(attrs);
                    repeated
                }
                "ret" => {
                    input.parse::<Token![=]>()?;
                    args.ret.replace(input.parse()?).is_some()
                }
                "parent" => {
                    input.parse::<Token![=]>()?;
                    args.parent.replace(input.parse()?).is_some()
                }
                "links" => {
                    input.parse::<Token![=]>()?;
                    let content;
                    bracketed!(content in input);
                    let links = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
                    let repeated = !args.links.is_empty();
                    args.links.extend(links);
                    repeated
                }
                "root" => args.root.replace(option.clone()).is_some(),
                "expected_err" => {
                    let content;
                    parenthesized!(content in input);
                    let pat = Pat::parse_multi_with_leading_vert(&content)?;
                    args.expected_err.replace(pat).is_some()
                }
                "crate" => {
                    input.parse::<Token![=]>()?;
                    args.krate
                        .replace(input.call(Path::parse_mod_style)?)
                        .is_some()
                }
                _ => {
                    return Err(syn::Error::new_spanned(
                        &option,
                        format!(
                            "unknown option `{option}`{}; expected one of {}",
                            traced_registry::nearest_one(&option.to_string(), &OPTIONS)
                                .map(|o| format!(" (did you mean `{o}`?)"))
                                .unwrap_or_default(),
                            listed(&OPTIONS)
                        ),
                    ));
                }
            };
            if seen {
                return Err(syn::Error::new_spanned(
                    &option,
                    format!("`{option}` is given twice; give each option once"),
                ));
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(args)
    }
}

/// An option name; `crate` is a keyword, so it is taken as an identifier here.
fn parse_option(input: ParseStream) -> syn::Result<Ident> {
    if input.peek(Token![crate]) {
        let token: Token![crate] = input.parse()?;
        return Ok(Ident::new("crate", token.span));
    }
    input.parse::<Ident>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected an option: one of {}", listed(&OPTIONS)),
        )
    })
}

/// The path of the runtime that a `macro_rules!` wrapper in it passes first (`$crate;`), so
/// the expansion names the runtime however the calling crate reached it.
fn runtime_path(input: ParseStream) -> syn::Result<Path> {
    let krate = input.call(Path::parse_mod_style)?;
    input.parse::<Token![;]>()?;
    Ok(krate)
}

/// `record!("key" = expr, ...)`, after the runtime's path.
pub struct RecordInput {
    pub krate: Path,
    pub attrs: Vec<Attr>,
}

impl Parse for RecordInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = runtime_path(input)?;
        let attrs = Punctuated::<Attr, Token![,]>::parse_terminated(input)?;
        if attrs.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "`record!` needs at least one `\"key\" = value`",
            ));
        }
        Ok(RecordInput {
            krate,
            attrs: attrs.into_iter().collect(),
        })
    }
}

/// `event!("event.name", "key" = expr, ...)`, after the runtime's path.
pub struct EventInput {
    pub krate: Path,
    pub name: Name,
    pub attrs: Vec<Attr>,
}

impl Parse for EventInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = runtime_path(input)?;
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "`event!` needs an event name: `event!(\"fraud.review.queued\", \"key\" = value)`",
            ));
        }
        let name = input.parse()?;
        let mut attrs = Vec::new();
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
            attrs.extend(Punctuated::<Attr, Token![,]>::parse_terminated(input)?);
        }
        Ok(EventInput { krate, name, attrs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(tokens: &str) -> syn::Result<Args> {
        syn::parse_str(tokens)
    }

    #[test]
    fn every_option_in_any_order() {
        let args = parse(
            r#"root, ret = "r.k", crate = ::my::rt, links = [a, b.c()], expected_err(E::A | E::B { .. }),
               attrs("a.b" = x, "c.d" = y.len()), kind = server, name = "n""#,
        )
        .unwrap();
        assert!(matches!(args.name, Some(Name::Lit(ref l)) if l.value() == "n"));
        assert_eq!(args.kind.unwrap(), "server");
        assert_eq!(args.attrs.len(), 2);
        assert_eq!(args.attrs[1].key.value(), "c.d");
        assert_eq!(args.ret.unwrap().value(), "r.k");
        assert_eq!(args.links.len(), 2);
        assert!(args.root.is_some() && args.expected_err.is_some() && args.krate.is_some());
    }

    #[test]
    fn name_that_is_not_a_literal_is_kept_for_the_check() {
        let args = parse(r#"name = format!("a{}", b)"#).unwrap();
        assert!(matches!(args.name, Some(Name::Other(Expr::Macro(_)))));
    }

    #[test]
    fn errors_say_what_is_accepted() {
        let message = |tokens| parse(tokens).err().unwrap().to_string();
        assert!(message("nmae = \"x\"").contains("did you mean `name`"));
        assert!(message("frobnicate").contains("expected one of `name`"));
        assert!(message("name = \"a\", name = \"b\"").contains("given twice"));
        assert!(message("attrs(customer = x)").contains("must be string literals"));
        assert!(message("\"x\"").contains("expected an option"));
    }

    #[test]
    fn event_input() {
        let input: EventInput = syn::parse_str(r#"::rt; "a.b", "k" = 1, "l" = v"#).unwrap();
        assert!(matches!(input.name, Name::Lit(ref l) if l.value() == "a.b"));
        assert_eq!(input.attrs.len(), 2);
        assert!(input.krate.is_ident("rt") || input.krate.leading_colon.is_some());
        assert!(syn::parse_str::<EventInput>("::rt;").is_err());
        assert!(syn::parse_str::<RecordInput>("::rt;").is_err());
    }
}
