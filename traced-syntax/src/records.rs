//! The `record!`s of a fn's body: the keys it sets on its span after the span started.

use crate::Attr;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Block, LitStr, Token};

/// The keys of the `record!`s in the fn's own body (a macro named `record` by any path). A
/// closure or a nested item may run later, elsewhere or never, so its `record!`s do not count.
pub fn records_in(body: &Block) -> Vec<LitStr> {
    struct Records(Vec<LitStr>);
    impl<'ast> Visit<'ast> for Records {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "record")
            {
                let parsed = mac.parse_body_with(Punctuated::<Attr, Token![,]>::parse_terminated);
                if let Ok(attrs) = parsed {
                    self.0.extend(attrs.into_iter().map(|a| a.key));
                }
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut records = Records(Vec::new());
    records.visit_block(body);
    records.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_in_the_own_body_only() {
        let body: Block = syn::parse_str(
            r#"{
                record!("a.one" = 1);
                if x { traced_runtime::record!("a.two" = 2, "a.three" = 3) }
                let f = || record!("no.closure" = 1);
                fn nested() { record!("no.nested" = 1); }
                other!("no.other" = 1);
                record!(not_a_key = 1);
            }"#,
        )
        .unwrap();
        let keys: Vec<String> = records_in(&body).iter().map(LitStr::value).collect();
        assert_eq!(keys, ["a.one", "a.two", "a.three"]);
    }
}
