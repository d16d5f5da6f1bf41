//! Whether a sync body may also be emitted as the fast path taken when nothing is traced.
//!
//! A disabled call should cost little more than the bare fn. The check itself is a few
//! instructions; what costs more is that a body sharing one frame with the traced path keeps
//! its arguments in callee-saved registers, so every call pays the traced path's prologue.
//! Emitting the body a second time, in front, behind the check, gives the disabled call a
//! frame of its own. That is only sound when the copy behaves exactly like the original, and
//! only worth it when the body is small (the copy is type-checked and compiled again).

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::Block;

/// Tokens (leaves, groups counted once) above which a body is not copied: hot fns are small,
/// and in a larger body the check's cost is lost anyway.
const MAX_TOKENS: usize = 96;

/// Words that make a second copy behave differently or fail to compile: a `static` would be
/// two statics, an `impl` two conflicting impls, an `fn` (maybe `#[no_mangle]`) two symbols.
const ITEM_WORDS: &[&str] = &["static", "impl", "fn", "extern", "macro_rules"];

/// Whether `body` may be emitted twice. Macros are not expanded here, so their tokens are
/// searched too; callers also require a body without jumps or opaque macros.
pub fn may_copy(body: &Block) -> bool {
    let mut count = 0;
    within_budget(body.to_token_stream(), &mut count)
}

fn within_budget(tokens: TokenStream, count: &mut usize) -> bool {
    for token in tokens {
        *count += 1;
        if *count > MAX_TOKENS {
            return false;
        }
        match token {
            TokenTree::Ident(ident) if ITEM_WORDS.iter().any(|w| ident == w) => return false,
            TokenTree::Group(group) if !within_budget(group.stream(), count) => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(body: &str) -> bool {
        may_copy(&syn::parse_str(body).expect("a block"))
    }

    #[test]
    fn small_plain_bodies_are_copied() {
        assert!(copy("{ n + s.len() as i64 }"));
        assert!(copy(
            "{ let x = vec![1, 2]; x.iter().map(|v| v * 2).sum() }"
        ));
    }

    #[test]
    fn items_anywhere_are_not() {
        assert!(!copy("{ static N: u8 = 0; N }"));
        assert!(!copy("{ { impl Foo for Bar {} } }"));
        assert!(!copy("{ let f = { fn g() {} g }; f() }"));
        assert!(!copy("{ vec![{ #[no_mangle] extern \"C\" fn h() {} }] }"));
    }

    #[test]
    fn large_bodies_are_not() {
        let body = format!("{{ {} 0 }}", "let _a = 1;".repeat(20));
        assert!(!copy(&body));
    }
}
