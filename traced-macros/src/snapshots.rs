//! Expansion snapshots: each `tests/expand/NAME.rs` expanded (every `#[traced]` fn, every
//! `record!` and `event!`) and pretty-printed must equal `tests/expand/NAME.expanded.rs`, so
//! a change to the generated code is a reviewed diff. `TRACED_SNAPSHOTS=overwrite` rewrites
//! the snapshots instead.

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::path::{Path, PathBuf};
use syn::visit_mut::{self, VisitMut};

/// Expands every traced fn of `file` and every `record!`/`event!` in the result.
fn expand_file(source: &str) -> String {
    let mut file: syn::File = syn::parse_str(source).expect("a snapshot input parses");
    file.items = file.items.into_iter().flat_map(expand_item).collect();
    ExpandAll.visit_file_mut(&mut file);
    prettyplease::unparse(&file)
}

/// A traced fn's expansion (several items when it is rejected: the errors and the fn).
fn expand_item(item: syn::Item) -> Vec<syn::Item> {
    let syn::Item::Fn(mut func) = item else {
        return vec![item];
    };
    let Some(at) = func.attrs.iter().position(|a| a.path().is_ident("traced")) else {
        return vec![syn::Item::Fn(func)];
    };
    let args = match func.attrs.remove(at).meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    let tokens = func.to_token_stream();
    let expanded = crate::traced_tokens(args, tokens.clone())
        .unwrap_or_else(|e| crate::expand::fallback(e, tokens));
    syn::parse2::<syn::File>(expanded)
        .expect("an expansion is items")
        .items
}

/// Expands `record!` and `event!`, and drops what is not part of a snapshot.
struct ExpandAll;

impl ExpandAll {
    /// The expansion of `record!`/`event!`, as the runtime's wrapper calls it.
    fn expand_macro(mac: &syn::Macro) -> Option<TokenStream> {
        let name = mac.path.segments.last()?.ident.to_string();
        let tokens = &mac.tokens;
        let input = quote::quote!(::traced_runtime; #tokens);
        let expanded = match name.as_str() {
            "record" => crate::record_tokens(input),
            "event" => crate::event_tokens(input),
            _ => return None,
        };
        Some(expanded.unwrap_or_else(crate::expand::fallback_expr))
    }
}

impl VisitMut for ExpandAll {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Macro(m) = expr {
            if let Some(expanded) = Self::expand_macro(&m.mac) {
                *expr = syn::parse2(expanded).expect("an expansion is an expression");
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if let Some(expanded) = Self::expand_macro(&m.mac) {
                *stmt = syn::Stmt::Expr(
                    syn::parse2(expanded).expect("an expansion is an expression"),
                    Some(Default::default()),
                );
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        // The registry files are tracked once per compiler process, by whichever expansion
        // comes first, and their paths are this machine's: not part of a snapshot.
        block
            .stmts
            .retain(|stmt| !matches!(stmt, syn::Stmt::Item(syn::Item::Const(c)) if c.ident == "_"));
        visit_mut::visit_block_mut(self, block);
    }
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn expansions_match_their_snapshots() {
    let overwrite = std::env::var("TRACED_SNAPSHOTS").as_deref() == Ok("overwrite");
    let cases = cases();
    assert!(!cases.is_empty(), "no snapshot inputs in tests/expand");
    let mut changed = Vec::new();
    for case in cases {
        let source = std::fs::read_to_string(&case).expect("a readable input");
        let expanded = expand_file(&source);
        let snapshot = case.with_extension("expanded.rs");
        let old = std::fs::read_to_string(&snapshot).ok();
        if old.as_deref() == Some(expanded.as_str()) {
            continue;
        }
        if overwrite {
            std::fs::write(&snapshot, &expanded).expect("a writable snapshot");
        } else {
            changed.push(format!(
                "{}: the expansion differs from {}:\n{expanded}",
                case.display(),
                snapshot.display()
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "{}\nreview the new expansion, then accept it with TRACED_SNAPSHOTS=overwrite",
        changed.join("\n")
    );
}
