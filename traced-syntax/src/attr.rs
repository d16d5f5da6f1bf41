//! One `"key" = value`, as `attrs(...)`, `record!` and `event!` take them.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, LitStr, Token};

/// One `"key" = expr`.
pub struct Attr {
    /// The attribute key.
    pub key: LitStr,
    /// The value, any expression.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_and_value() {
        let attr: Attr = syn::parse_str(r#""customer.id" = c.id()"#).unwrap();
        assert_eq!(attr.key.value(), "customer.id");
        assert!(matches!(attr.value, Expr::MethodCall(_)));
        let message = |s| syn::parse_str::<Attr>(s).err().unwrap().to_string();
        assert!(message("customer = x").contains("must be string literals"));
        assert!(message(r#""a.b""#).contains("`a.b` has no value"));
        assert!(message(r#""a.b" ="#).contains("`a.b` has no value"));
    }
}
