//! `#[instrument(...)]`'s arguments: the span's name, its `fields(..)`, and which of the fn's
//! arguments it records (all but `skip(..)`ed ones, none with `skip_all`).

use std::collections::HashSet;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, Token};

use super::tracing_macros::{self, Field};

/// What one `#[instrument]` says.
#[derive(Default)]
pub struct Instrument {
    /// `name = "..."`.
    pub name: Option<Expr>,
    /// `fields(..)`.
    pub fields: Vec<Field>,
    /// `skip_all`.
    pub skip_all: bool,
    /// `skip(a, b)`.
    pub skip: HashSet<String>,
}

/// Parses the attribute's arguments (an empty list for `#[instrument]` alone).
pub fn parse(attr: &syn::Attribute) -> syn::Result<Instrument> {
    match &attr.meta {
        syn::Meta::Path(_) => Ok(Instrument::default()),
        syn::Meta::List(list) => arguments.parse2(list.tokens.clone()),
        syn::Meta::NameValue(nv) => Err(syn::Error::new_spanned(nv, "not an #[instrument]")),
    }
}

fn arguments(input: ParseStream) -> syn::Result<Instrument> {
    let mut instrument = Instrument::default();
    while !input.is_empty() {
        let option: Ident = input.parse()?;
        match option.to_string().as_str() {
            "fields" => {
                let content;
                syn::parenthesized!(content in input);
                instrument.fields = tracing_macros::fields(&content, false)?;
            }
            "skip" => {
                let content;
                syn::parenthesized!(content in input);
                let names = content.parse_terminated(Ident::parse_any, Token![,])?;
                instrument
                    .skip
                    .extend(names.iter().map(ToString::to_string));
            }
            "skip_all" => instrument.skip_all = true,
            "name" => {
                input.parse::<Token![=]>()?;
                instrument.name = Some(input.parse()?);
            }
            _ => {
                // `level = ..`, `target = ..`, `err`, `ret(Debug)`, `parent = ..`: not names or keys.
                if input.peek(Token![=]) {
                    input.parse::<Token![=]>()?;
                    input.parse::<Expr>()?;
                } else if input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in input);
                    content.parse::<proc_macro2::TokenStream>()?;
                }
            }
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(instrument)
}

/// Whether an attribute is `#[instrument]` or `#[tracing::instrument]`.
pub fn is_instrument(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "instrument")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instrument(attr: &str) -> Instrument {
        let item: syn::ItemFn = syn::parse_str(&format!("{attr} fn f() {{}}")).unwrap();
        parse(&item.attrs[0]).unwrap()
    }

    #[test]
    fn options() {
        let i = instrument(
            r#"#[tracing::instrument(name = "op", skip(self, db), level = "info", err, fields(customer.id = %id, otel.kind = "server"))]"#,
        );
        assert!(matches!(i.name, Some(Expr::Lit(_))));
        assert_eq!(
            i.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["customer.id", "otel.kind"]
        );
        assert!(i.skip.contains("self") && i.skip.contains("db"));
        assert!(instrument("#[instrument(skip_all, ret(Display))]").skip_all);
        assert!(instrument("#[instrument]").fields.is_empty());
    }
}
