//! What `record!(...)` and `event!(...)` hold: as written in code, and as the runtime's
//! `macro_rules!` wrappers hand it to the proc macros, after the runtime's path.

use crate::{Attr, Name};
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Path, Token};

/// `record!("key" = expr, ...)`.
pub struct RecordInput {
    /// At least one.
    pub attrs: Vec<Attr>,
}

impl Parse for RecordInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = Punctuated::<Attr, Token![,]>::parse_terminated(input)?;
        if attrs.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "`record!` needs at least one `\"key\" = value`",
            ));
        }
        Ok(RecordInput {
            attrs: attrs.into_iter().collect(),
        })
    }
}

/// `event!("event.name", "key" = expr, ...)`.
pub struct EventInput {
    /// The event name.
    pub name: Name,
    /// Its attributes, maybe none.
    pub attrs: Vec<Attr>,
}

impl Parse for EventInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
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
        Ok(EventInput { name, attrs })
    }
}

/// `$crate; input`: an input after the path of the runtime that a `macro_rules!` wrapper in
/// it passes first, so the expansion names the runtime however the calling crate reached it.
pub struct FromRuntime<T> {
    /// The runtime's path (`$crate`).
    pub krate: Path,
    /// The input as written in the call.
    pub input: T,
}

impl<T: Parse> Parse for FromRuntime<T> {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = input.call(Path::parse_mod_style)?;
        input.parse::<Token![;]>()?;
        Ok(FromRuntime {
            krate,
            input: input.parse()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_input() {
        let written: EventInput = syn::parse_str(r#""a.b", "k" = 1, "l" = v"#).unwrap();
        assert!(matches!(written.name, Name::Lit(ref l) if l.value() == "a.b"));
        assert_eq!(written.attrs.len(), 2);
        let passed: FromRuntime<EventInput> =
            syn::parse_str(r#"::rt; "a.b", "k" = 1, "l" = v"#).unwrap();
        assert!(passed.krate.leading_colon.is_some() && passed.input.attrs.len() == 2);
        assert!(syn::parse_str::<FromRuntime<EventInput>>("::rt;").is_err());
        assert!(syn::parse_str::<FromRuntime<RecordInput>>("::rt;").is_err());
        assert!(syn::parse_str::<FromRuntime<RecordInput>>(r#""a.b" = 1"#).is_err());
    }

    #[test]
    fn record_input() {
        let written: RecordInput = syn::parse_str(r#""a.b" = 1, "c.d" = x.len(),"#).unwrap();
        assert_eq!(written.attrs[1].key.value(), "c.d");
        assert!(syn::parse_str::<RecordInput>("").is_err());
        assert!(syn::parse_str::<RecordInput>(r#""a.b" = 1 "c.d" = 2"#).is_err());
    }
}
