//! The macros of [traced](https://docs.rs/traced-runtime): `#[traced]`, `record!` and `event!`.
//!
//! Use them through `traced-runtime`, which re-exports them and provides what they expand to
//! (`record!` and `event!` through wrappers there that pass the runtime's `$crate`). Each input
//! goes through `traced_syntax` (parse, shared with `cargo-traced`), `valid` (check against the
//! attribute registry, giving a typed `plan`) and `expand` (generate, the only place that makes
//! tokens); on an error, the original item is still emitted, so one mistake gives one error
//! and the rest of the crate keeps type-checking.

mod declared;
mod expand;
mod fast_path;
#[cfg(test)]
mod fuzz;
mod jumps;
mod location;
mod plan;
mod registry;
mod sensitive;
#[cfg(test)]
mod snapshots;
mod valid;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use traced_syntax::{Args, FromRuntime, parse_all};

/// Puts an OpenTelemetry span on a function. See `traced_runtime` for the options.
#[proc_macro_attribute]
pub fn traced(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = Tokens::from(item);
    traced_tokens(args.into(), item.clone())
        .unwrap_or_else(|error| expand::fallback(error, item))
        .into()
}

/// `record!` as `traced_runtime::record!` calls it: `record!($crate; "key" = value, ...)`.
#[doc(hidden)]
#[proc_macro]
pub fn record(input: TokenStream) -> TokenStream {
    record_tokens(input.into())
        .unwrap_or_else(expand::fallback_expr)
        .into()
}

/// `event!` as `traced_runtime::event!` calls it: `event!($crate; "event.name", "key" = value, ...)`.
#[doc(hidden)]
#[proc_macro]
pub fn event(input: TokenStream) -> TokenStream {
    event_tokens(input.into())
        .unwrap_or_else(expand::fallback_expr)
        .into()
}

// The macros on `proc_macro2` tokens, so that tests (snapshots, property tests) run them
// outside the compiler. On `Err` the macros emit the fallback.

/// `#[traced(args)] item`: the instrumented fn, or every error found.
fn traced_tokens(args: Tokens, item: Tokens) -> syn::Result<Tokens> {
    let args = parse_all::<Args>(args)?;
    let func = parse_fn(item)?;
    let plan = valid::check_traced(args, &func.sig, &func.block)?;
    Ok(expand::traced_fn(&plan, &func))
}

/// `record!($crate; input)`.
fn record_tokens(input: Tokens) -> syn::Result<Tokens> {
    let plan = valid::check_record(parse_all::<FromRuntime<_>>(input)?)?;
    Ok(expand::record_macro(&plan))
}

/// `event!($crate; input)`.
fn event_tokens(input: Tokens) -> syn::Result<Tokens> {
    let plan = valid::check_event(parse_all::<FromRuntime<_>>(input)?)?;
    Ok(expand::event_macro(&plan))
}

/// The item, if it is a fn that can carry a span.
fn parse_fn(item: Tokens) -> syn::Result<syn::ItemFn> {
    let func: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
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

/// The item's keyword (`struct`, `fn` ...) and name, for pointing an error at it; its first
/// token if it has no name.
fn first_tokens(item: &Tokens) -> Tokens {
    let named: Tokens = item
        .clone()
        .into_iter()
        .skip_while(|t| !matches!(t, proc_macro2::TokenTree::Ident(_)))
        .filter(|t| !matches!(t, proc_macro2::TokenTree::Ident(i) if i == "pub"))
        .take(2)
        .collect();
    if named.is_empty() {
        item.clone().into_iter().take(1).collect()
    } else {
        named
    }
}
