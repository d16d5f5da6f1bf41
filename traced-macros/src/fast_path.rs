//! Which fns get the fast path of optimized builds: a copy of the body (for an `async fn`, a
//! second future) that runs, with nothing traced, before any span code. Both copies are compiled, so the copy is made only
//! where two copies mean what one does, and where it pays: in a small body.

use crate::plan::{Parent, TracedPlan};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::{self, Visit};
use syn::{Block, ItemFn, Macro};

/// The largest body copied, in tokens. The copy saves a disabled call about 17 instructions,
/// which only a small body notices, and doubles the body's build time in release.
const MAX_TOKENS: usize = 512;

/// Whether `item` (a sync fn that returns, or an `async fn`) may have the fast path. `nameable`: its return
/// type can be written (it is no `impl Trait`).
pub fn allowed(plan: &TracedPlan, item: &ItemFn, nameable: bool) -> bool {
    // `no_fast_path`: the user's call (a macro in the body that must expand once, say).
    plan.fast_path
    // A parent or `root` is made current even with nothing traced: the body must run inside.
        && matches!(plan.parent, Parent::Current)
        // Two copies returning an `impl Trait` with a closure in it are two types.
        && nameable
        // The traced copy runs in a closure, where `Location::caller()` is not the caller's.
        && !item.attrs.iter().any(|a| a.path().is_ident("track_caller"))
        && declares_nothing(&item.block)
        && tokens(item.block.to_token_stream()) <= MAX_TOKENS
}

/// Tokens in `stream`, those inside groups included.
fn tokens(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => 1 + tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

/// Macros known to declare items with state: two copies would be two statics.
const ITEM_MACROS: &[&str] = &["thread_local", "lazy_static"];

/// Whether the body declares no item (a `static` would be two statics, an `impl` two
/// conflicting impls) and calls no macro known to.
fn declares_nothing(body: &Block) -> bool {
    let mut find = FindItem(false);
    find.visit_block(body);
    !find.0
}

struct FindItem(bool);

impl<'ast> Visit<'ast> for FindItem {
    fn visit_item(&mut self, _: &'ast syn::Item) {
        self.0 = true;
    }

    fn visit_macro(&mut self, m: &'ast Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string());
        if name.is_some_and(|n| ITEM_MACROS.contains(&n.as_str())) {
            self.0 = true;
        }
        visit::visit_macro(self, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declares(code: &str) -> bool {
        !declares_nothing(&syn::parse_str(code).expect("a block"))
    }

    #[test]
    fn plain_code_and_expression_macros_declare_nothing() {
        assert!(!declares("{ let x = a + 1; x }"));
        assert!(!declares(
            "{ tracing::info!(x); anyhow::ensure!(x > 1, \"no\"); g()? }"
        ));
        assert!(!declares("{ let f = |x: u8| x + 1; f(2) }"));
    }

    #[test]
    fn tokens_inside_groups_count() {
        let block: Block = syn::parse_str("{ f(a, [b]) }").expect("a block");
        // `{}`, `f`, `()`, `a`, `,`, `[]`, `b`
        assert_eq!(tokens(block.to_token_stream()), 7);
    }

    #[test]
    fn items_at_any_depth_and_item_macros_are_found() {
        assert!(declares("{ static N: u8 = 1; N }"));
        assert!(declares("{ if a { fn h() {} } }"));
        assert!(declares("{ let f = || { impl T for S {} }; f() }"));
        assert!(declares("{ thread_local!(static C: u8 = 0); 1 }"));
        assert!(declares(
            "{ lazy_static::lazy_static! { static ref R: u8 = 1; } 1 }"
        ));
    }
}
