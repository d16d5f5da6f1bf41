//! Parsing a whole macro input, with errors at the end of it pointing inside it.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::parenthesized;
use syn::parse::{Parse, ParseStream, Parser};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RecordInput;

    #[test]
    fn trailing_tokens_and_an_empty_input_are_errors() {
        let parse = |s: &str| parse_all::<RecordInput>(s.parse().unwrap());
        assert_eq!(parse(r#""a.b" = 1"#).unwrap().attrs.len(), 1);
        assert!(parse(r#""a.b" = 1 2"#).is_err());
        assert!(parse("").is_err());
    }
}
