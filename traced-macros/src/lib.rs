//! The macros of [traced](https://docs.rs/traced-runtime): `#[traced]`, `record!` and `event!`.
//!
//! Use them through `traced-runtime`, which re-exports them and provides what they expand to.
//! Each input goes through `ast` (parse), `valid` (check against the attribute registry) and
//! `expand` (generate); on an error, the original item is still emitted, so one mistake gives
//! one error and the rest of the crate keeps type-checking.

mod ast;
mod expand;
mod jumps;
mod registry;
mod types;
mod valid;

use proc_macro::TokenStream;

/// Puts an OpenTelemetry span on a function. See `traced_runtime` for the options.
#[proc_macro_attribute]
pub fn traced(args: TokenStream, item: TokenStream) -> TokenStream {
    let item2 = proc_macro2::TokenStream::from(item.clone());
    let result = syn::parse::<ast::Args>(args).and_then(|args| {
        let func = parse_fn(item)?;
        let plan = valid::check_traced(args, &func.sig)?;
        Ok(expand::traced(&plan, &func))
    });
    match result {
        Ok(tokens) => tokens.into(),
        Err(error) => expand::fallback(error, item2).into(),
    }
}

/// `record!` as `traced_runtime::record!` calls it: `record!($crate; "key" = value, ...)`.
#[doc(hidden)]
#[proc_macro]
pub fn record(input: TokenStream) -> TokenStream {
    syn::parse::<ast::RecordInput>(input)
        .and_then(valid::check_record)
        .map_or_else(expand::fallback_expr, |plan| expand::record(&plan))
        .into()
}

/// `event!` as `traced_runtime::event!` calls it: `event!($crate; "event.name", "key" = value, ...)`.
#[doc(hidden)]
#[proc_macro]
pub fn event(input: TokenStream) -> TokenStream {
    syn::parse::<ast::EventInput>(input)
        .and_then(valid::check_event)
        .map_or_else(expand::fallback_expr, |plan| expand::event(&plan))
        .into()
}

/// The item, if it is a fn that can carry a span.
fn parse_fn(item: TokenStream) -> syn::Result<syn::ItemFn> {
    let func: syn::ItemFn = match syn::parse(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let item: proc_macro2::TokenStream = item.into();
            return Err(syn::Error::new_spanned(
                first_tokens(&item),
                "`#[traced]` goes on a fn with a body: a free fn, a method, an `async fn`, or a trait impl's method",
            ));
        }
    };
    if let Some(constness) = &func.sig.constness {
        return Err(syn::Error::new_spanned(
            constness,
            "`#[traced]` cannot go on a `const fn`: a span starts and ends at run time\nremove `const`, or trace the fn that calls this one",
        ));
    }
    Ok(func)
}

/// The item's keyword (`struct`, `fn` ...) and name, for pointing an error at it.
fn first_tokens(item: &proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    item.clone()
        .into_iter()
        .skip_while(|t| !matches!(t, proc_macro2::TokenTree::Ident(_)))
        .filter(|t| !matches!(t, proc_macro2::TokenTree::Ident(i) if i == "pub"))
        .take(2)
        .collect()
}
