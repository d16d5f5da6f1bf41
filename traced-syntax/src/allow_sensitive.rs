//! `allow_sensitive("key", reason = "...")`: the option that lets one `#[traced]` record the
//! raw value of a `pii` key, after review.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// One `allow_sensitive("key", reason = "...")`.
pub struct Allow {
    /// The option's name, for an error about the whole option.
    pub option: Ident,
    /// The key whose raw value may be recorded.
    pub key: LitStr,
    /// `reason = "..."`: why; required, but checked after parsing so its absence is reported
    /// with the other errors.
    pub reason: Option<LitStr>,
}

impl Allow {
    /// The parenthesized part after `allow_sensitive`.
    pub fn parse_after(option: Ident, input: ParseStream) -> syn::Result<Allow> {
        let content;
        syn::parenthesized!(content in input);
        let key: LitStr = content.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "`allow_sensitive` names a registered key first: `allow_sensitive(\"user.email\", reason = \"...\")`",
            )
        })?;
        let mut reason = None;
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
            if !content.is_empty() {
                let name: Ident = content.parse()?;
                if name != "reason" {
                    return Err(syn::Error::new_spanned(
                        name,
                        "expected `reason = \"...\"`: why this raw value may be recorded",
                    ));
                }
                content.parse::<Token![=]>()?;
                reason = Some(content.parse::<LitStr>()?);
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
        }
        Ok(Allow {
            option,
            key,
            reason,
        })
    }
}

impl Parse for Allow {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let option: Ident = input.parse()?;
        Allow::parse_after(option, input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_sensitive_parses_with_and_without_a_reason() {
        let allow: Allow =
            syn::parse_str(r#"allow_sensitive("user.email", reason = "test inbox",)"#).unwrap();
        assert_eq!(allow.key.value(), "user.email");
        assert_eq!(allow.reason.unwrap().value(), "test inbox");
        let bare: Allow = syn::parse_str(r#"allow_sensitive("user.email")"#).unwrap();
        assert!(bare.reason.is_none());
        let message = |s| syn::parse_str::<Allow>(s).err().unwrap().to_string();
        assert!(message(r#"allow_sensitive(user.email)"#).contains("names a registered key"));
        assert!(message(r#"allow_sensitive("k", why = "x")"#).contains("expected `reason"));
    }
}
