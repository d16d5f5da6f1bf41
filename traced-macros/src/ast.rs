//! Parsing: `#[traced(...)]` options and the `record!`/`event!` inputs, syntax only.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::HashSet;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Pat, Path, Token, bracketed, parenthesized};

/// The options `#[traced]` accepts.
pub(crate) const OPTIONS: [&str; 12] = [
    "name",
    "span",
    "kind",
    "attrs",
    "ret",
    "parent",
    "links",
    "root",
    "expected_err",
    "allow_missing",
    "allow_sensitive",
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

/// Parses all of `tokens` as a `T`. "Unexpected end of input" points at the last token, not
/// at the whole macro call (where syn reports the end of a top-level stream): the tokens are
/// parsed inside a group whose closing delimiter has that token's span.
pub fn parse_all<T: Parse>(tokens: TokenStream) -> syn::Result<T> {
    let Some(last) = tokens.clone().into_iter().last() else {
        return syn::parse2(tokens);
    };
    let end = match &last {
        TokenTree::Group(g) => g.span_close(),
        other => other.span(),
    };
    let mut group = Group::new(Delimiter::Parenthesis, tokens);
    group.set_span(end);
    let parser = |input: ParseStream| {
        let content;
        parenthesized!(content in input);
        let parsed = content.parse::<T>()?;
        if !content.is_empty() {
            return Err(content.error("unexpected token"));
        }
        Ok(parsed)
    };
    parser.parse2(TokenTree::Group(group).into())
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
        let key: LitStr = input.parse()?;
        let unfinished = |written: TokenStream| {
            syn::Error::new_spanned(
                written,
                format!(
                    "attribute `{}` has no value: write `\"{}\" = value`",
                    key.value(),
                    key.value()
                ),
            )
        };
        if input.is_empty() || input.peek(Token![,]) {
            return Err(unfinished(key.to_token_stream()));
        }
        let eq: Token![=] = input.parse()?;
        if input.is_empty() || input.peek(Token![,]) {
            return Err(unfinished(quote::quote!(#key #eq)));
        }
        let value = input.parse()?;
        Ok(Attr { key, value })
    }
}

/// The span name as written: a literal, or something that is rejected in `valid`.
pub enum Name {
    Lit(LitStr),
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

/// `#[traced(...)]`.
#[derive(Default)]
pub struct Args {
    pub name: Option<Name>,
    /// `span = "http.client"`: the declared span the fn follows.
    pub span: Option<LitStr>,
    /// `allow_missing("key", ...)`: required keys of the declared span the fn cannot know.
    pub allow_missing: Vec<LitStr>,
    pub kind: Option<Ident>,
    pub attrs: Vec<Attr>,
    pub ret: Option<LitStr>,
    pub parent: Option<Expr>,
    pub links: Vec<Expr>,
    pub root: Option<Ident>,
    pub expected_err: Option<Pat>,
    pub krate: Option<Path>,
    /// `allow_sensitive("key", reason = "...")`, once per key.
    pub allow_sensitive: Vec<crate::sensitive::Allow>,
}

/// How each option is written, for the error on one left unfinished.
fn usage(option: &str) -> &'static str {
    match option {
        "name" => "`name = \"rewards.redemption.apply\"`",
        "span" => "`span = \"http.client\"`, a span type declared in the registry",
        "allow_missing" => "`allow_missing(\"url.full\", ...)`",
        "kind" => "`kind = server` (one of `internal`, `server`, `client`, `producer`, `consumer`)",
        "attrs" => "`attrs(\"customer.id\" = customer_id, ...)`",
        "ret" => "`ret = \"registered.key\"`",
        "parent" => "`parent = cx`, an `opentelemetry::Context`",
        "links" => "`links = [cx, ...]`",
        "expected_err" => "`expected_err(MyError::NotFound)`",
        "allow_sensitive" => "`allow_sensitive(\"user.email\", reason = \"...\")`",
        _ => "`crate = ::traced_runtime`, the path this crate reaches traced-runtime by",
    }
}

/// The error for an option whose value is missing at the end of the attribute. syn would
/// report the end of input at the whole attribute; this points at what was written.
fn unfinished(written: impl ToTokens, option: &Ident) -> syn::Error {
    syn::Error::new_spanned(
        written,
        format!(
            "`{option}` is unfinished: write it as {}",
            usage(&option.to_string())
        ),
    )
}

/// `= value` after `option`.
fn value<T>(
    input: ParseStream,
    option: &Ident,
    parse: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> syn::Result<T> {
    if input.is_empty() {
        return Err(unfinished(option, option));
    }
    let eq: Token![=] = input.parse()?;
    if input.is_empty() {
        return Err(unfinished(quote::quote!(#option #eq), option));
    }
    parse(input)
}

/// The `(...)` or `[...]` group after `option` (`attrs(..)`, `links = [..]`).
fn group(input: ParseStream, option: &Ident) -> syn::Result<()> {
    if input.is_empty() {
        return Err(unfinished(option, option));
    }
    Ok(())
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args::default();
        let mut given = HashSet::new();
        let mut repeated: Option<syn::Error> = None;
        while !input.is_empty() {
            let option = parse_option(input)?;
            let name = option.to_string();
            match name.as_str() {
                "name" => args.name = Some(value(input, &option, Name::parse)?),
                "kind" => args.kind = Some(value(input, &option, Ident::parse)?),
                "span" => args.span = Some(value(input, &option, <LitStr as Parse>::parse)?),
                "allow_missing" => {
                    group(input, &option)?;
                    let content;
                    parenthesized!(content in input);
                    let keys = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                    args.allow_missing.extend(keys);
                }
                "attrs" => {
                    group(input, &option)?;
                    let content;
                    parenthesized!(content in input);
                    let attrs = Punctuated::<Attr, Token![,]>::parse_terminated(&content)?;
                    args.attrs.extend(attrs);
                }
                "ret" => args.ret = Some(value(input, &option, <LitStr as Parse>::parse)?),
                "parent" => args.parent = Some(value(input, &option, Expr::parse)?),
                "links" => {
                    let links = value(input, &option, |input| {
                        let content;
                        bracketed!(content in input);
                        Punctuated::<Expr, Token![,]>::parse_terminated(&content)
                    })?;
                    args.links.extend(links);
                }
                "root" => args.root = Some(option.clone()),
                "expected_err" => {
                    group(input, &option)?;
                    let content;
                    parenthesized!(content in input);
                    args.expected_err = Some(Pat::parse_multi_with_leading_vert(&content)?);
                }
                "crate" => args.krate = Some(value(input, &option, Path::parse_mod_style)?),
                "allow_sensitive" => {
                    group(input, &option)?;
                    let allow = crate::sensitive::Allow::parse_after(option.clone(), input)?;
                    args.allow_sensitive.push(allow);
                }
                _ => {
                    return Err(syn::Error::new_spanned(
                        &option,
                        format!(
                            "unknown option `{option}`{}; expected one of {}",
                            traced_registry::nearest_one(&name, &OPTIONS)
                                .map(|o| format!(" (did you mean `{o}`?)"))
                                .unwrap_or_default(),
                            listed(&OPTIONS)
                        ),
                    ));
                }
            };
            // Checked after the value is parsed (a second `attrs(..)` is a mistake even when
            // the first was empty), and not fatal: the rest still parses, so every option
            // given twice is reported at once.
            // One `allow_sensitive` per key: it is given as often as there are keys.
            if !given.insert(name) && option != "allow_sensitive" {
                let twice = syn::Error::new_spanned(
                    &option,
                    format!("`{option}` is given twice; give each option once"),
                );
                match &mut repeated {
                    Some(all) => all.combine(twice),
                    None => repeated = Some(twice),
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        match repeated {
            Some(e) => Err(e),
            None => Ok(args),
        }
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
        assert!(matches!(args.name, Some(Name::Other(ref e)) if matches!(**e, Expr::Macro(_))));
    }

    #[test]
    fn errors_say_what_is_accepted() {
        let message = |tokens| parse(tokens).err().unwrap().to_string();
        assert!(message("nmae = \"x\"").contains("did you mean `name`"));
        assert!(message("frobnicate").contains("expected one of `name`"));
        assert!(message("name = \"a\", name = \"b\"").contains("given twice"));
        assert!(message("attrs(customer = x)").contains("must be string literals"));
        assert!(message("\"x\"").contains("expected an option"));
        assert!(message("attrs(), attrs()").contains("`attrs` is given twice"));
        assert!(message("links = [], links = [a]").contains("`links` is given twice"));
        for unfinished in [
            "kind =",
            "kind",
            "name",
            "attrs",
            "links =",
            "expected_err",
            "crate =",
        ] {
            assert!(
                message(unfinished).contains("is unfinished"),
                "{unfinished}"
            );
        }
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
