//! Where user code could leave the traced fn early: a `?`, a `return`, or a macro that might
//! expand to either. Closures, async blocks and nested items keep their own.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Block, Expr, Macro};

/// A `?` or `return` written in the code, and which of the two.
pub struct Jump {
    pub span: Span,
    pub what: &'static str,
}

/// The first `?` or `return` in an attribute value. Macros are not looked into: a value is
/// usually one call, and a false alarm there would be a compile error.
pub fn in_value(value: &Expr) -> Option<Jump> {
    let mut find = Find::new(false);
    find.visit_expr(value);
    find.jump
}

/// Whether a body might return before its end, so it must run in a closure for the status
/// code after it to see every return value. Macros the std library defines are looked into;
/// any other macro might hide a `?` (`anyhow::bail!` does).
pub fn body_may_return(body: &Block) -> bool {
    let mut find = Find::new(true);
    find.visit_block(body);
    find.jump.is_some() || find.opaque_macro
}

/// Std macros whose expansion never returns from the caller: only a `?` or `return` in their
/// arguments could.
const STD_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "cfg",
    "column",
    "concat",
    "dbg",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "env",
    "eprint",
    "eprintln",
    "file",
    "format",
    "format_args",
    "include_bytes",
    "include_str",
    "line",
    "matches",
    "module_path",
    "option_env",
    "panic",
    "print",
    "println",
    "stringify",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];

struct Find {
    jump: Option<Jump>,
    /// A macro not in [`STD_MACROS`] was found.
    opaque_macro: bool,
    /// Whether macros count (a body) or are skipped (a value).
    macros: bool,
}

impl Find {
    fn new(macros: bool) -> Find {
        Find {
            jump: None,
            opaque_macro: false,
            macros,
        }
    }

    fn done(&self) -> bool {
        self.jump.is_some() || self.opaque_macro
    }
}

impl<'ast> Visit<'ast> for Find {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.done() {
            return;
        }
        let (span, what) = match e {
            Expr::Try(t) => (t.question_token.span, "`?`"),
            Expr::Return(r) => (r.return_token.span, "`return`"),
            // Their own `?` and `return` stay inside them.
            Expr::Closure(_) | Expr::Async(_) => return,
            _ => return visit::visit_expr(self, e),
        };
        self.jump = Some(Jump { span, what });
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}

    fn visit_macro(&mut self, m: &'ast Macro) {
        if !self.macros || self.done() {
            return;
        }
        if is_std(&m.path) {
            self.jump = jump_in_tokens(m.tokens.clone());
        } else {
            self.opaque_macro = true;
        }
    }
}

/// `format!`, `std::format!`, `::core::panic!` and the like.
fn is_std(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let name = match segments.as_slice() {
        [name] if path.leading_colon.is_none() => name,
        [krate, name] if ["std", "core", "alloc"].contains(&krate.as_str()) => name,
        _ => return false,
    };
    STD_MACROS.contains(&name.as_str())
}

/// A `?` or `return` anywhere in a macro's arguments (even inside a closure there: the
/// tokens are not parsed, so this errs on the side of a closure).
fn jump_in_tokens(tokens: TokenStream) -> Option<Jump> {
    tokens.into_iter().find_map(|token| match token {
        TokenTree::Punct(p) if p.as_char() == '?' => Some(Jump {
            span: p.span(),
            what: "`?`",
        }),
        TokenTree::Ident(i) if i == "return" => Some(Jump {
            span: i.span(),
            what: "`return`",
        }),
        TokenTree::Group(g) => jump_in_tokens(g.stream()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: &str) -> bool {
        body_may_return(&syn::parse_str(code).expect("a block"))
    }

    #[test]
    fn a_straight_body_needs_no_closure() {
        assert!(!body("{ let x = a + 1; if x > 2 { x } else { 0 } }"));
        assert!(!body(
            "{ println!(\"{x:?}\"); std::format!(\"{}\", vec![1; 2].len()) }"
        ));
        assert!(!body(
            "{ ::std::println!(\"a\"); core::assert_eq!(a, 1); 1 }"
        ));
        assert!(!body(
            "{ let f = || -> Result<(), E> { g()?; return Ok(()) }; f() }"
        ));
        assert!(!body(
            "{ let f = async { g().await?; Ok(()) }; fn h() -> i32 { return 1 } f }"
        ));
    }

    #[test]
    fn a_body_that_may_return_early_needs_one() {
        assert!(body("{ let x = g()?; x }"));
        assert!(body("{ if a { return 1; } 2 }"));
        assert!(body("{ println!(\"{}\", g()?); 1 }"));
        assert!(body("{ assert!({ return; }); 1 }"));
        assert!(body("{ anyhow::bail!(\"no\") }"));
        assert!(body("{ ensure!(a, \"no\"); 1 }"));
        assert!(body("{ mine::format!(\"a\") }"));
    }

    #[test]
    fn values_report_the_jump_and_skip_macros() {
        let value = |code: &str| in_value(&syn::parse_str(code).expect("an expr"));
        assert_eq!(value("a.b()?").map(|j| j.what), Some("`?`"));
        assert_eq!(value("{ return 1 }").map(|j| j.what), Some("`return`"));
        assert!(value("|| a?").is_none());
        assert!(value("format!(\"{}\", a?)").is_none());
    }
}
