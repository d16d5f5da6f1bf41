//! `#[traced(...)]`: its options, in any order, each given once.

use crate::{Allow, Attr, Name, listed};
use quote::ToTokens;
use std::collections::HashSet;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Pat, Path, Token, bracketed, parenthesized};

/// The options `#[traced]` accepts.
pub const OPTIONS: [&str; 13] = [
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
    "no_fast_path",
    "crate",
];

/// `#[traced(...)]`.
#[derive(Default)]
pub struct Args {
    /// `name = "..."`: the span name; the fn's name (or the declared span's type) without it.
    pub name: Option<Name>,
    /// `span = "http.client"`: the declared span the fn follows.
    pub span: Option<LitStr>,
    /// `allow_missing("key", ...)`: required keys of the declared span the fn cannot know.
    pub allow_missing: Vec<LitStr>,
    /// `kind = server`, as written (an unknown kind is the checker's to report).
    pub kind: Option<Ident>,
    /// `attrs("key" = value, ...)`: the start attributes.
    pub attrs: Vec<Attr>,
    /// `ret = "key"`: the key the returned value (a `Result`'s `Ok` value) is recorded under.
    pub ret: Option<LitStr>,
    /// `parent = cx`: an `opentelemetry::Context` to start the span in.
    pub parent: Option<Expr>,
    /// `links = [cx, ...]`: the contexts the span follows from.
    pub links: Vec<Expr>,
    /// `root`: the span starts a new trace.
    pub root: Option<Ident>,
    /// `expected_err(Pattern)`: the `Err` values that do not mark the span as failed.
    pub expected_err: Option<Pat>,
    /// `crate = path`: how the calling crate reaches traced-runtime.
    pub krate: Option<Path>,
    /// `allow_sensitive("key", reason = "...")`, once per key.
    pub allow_sensitive: Vec<Allow>,
    /// `no_fast_path`: optimized builds compile the body once too (no copy for calls with
    /// nothing traced).
    pub no_fast_path: Option<Ident>,
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
                "no_fast_path" => args.no_fast_path = Some(option.clone()),
                "expected_err" => {
                    group(input, &option)?;
                    let content;
                    parenthesized!(content in input);
                    args.expected_err = Some(Pat::parse_multi_with_leading_vert(&content)?);
                }
                "crate" => args.krate = Some(value(input, &option, Path::parse_mod_style)?),
                "allow_sensitive" => {
                    group(input, &option)?;
                    let allow = Allow::parse_after(option.clone(), input)?;
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
               attrs("a.b" = x, "c.d" = y.len()), kind = server, no_fast_path, name = "n""#,
        )
        .unwrap();
        assert!(matches!(args.name, Some(Name::Lit(ref l)) if l.value() == "n"));
        assert_eq!(args.kind.unwrap(), "server");
        assert_eq!(args.attrs.len(), 2);
        assert_eq!(args.attrs[1].key.value(), "c.d");
        assert_eq!(args.ret.unwrap().value(), "r.k");
        assert_eq!(args.links.len(), 2);
        assert!(args.root.is_some() && args.expected_err.is_some() && args.krate.is_some());
        assert!(args.no_fast_path.is_some());
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
}
