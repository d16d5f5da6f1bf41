//! The fns of a file, with their paths (inline `mod`s and `impl`s included) and, for each
//! `#[traced]` fn, its arguments read with `traced-syntax`, the grammar the macro itself uses.
//!
//! Which attributes are `#[traced]`: any path whose last segment is `traced` (`#[traced]`,
//! `#[traced_runtime::traced]`, `#[tr::traced]` for a renamed dependency), on a fn, whose
//! arguments parse as `#[traced]`'s. A scanner has no name resolution, so the arguments are the
//! filter: another crate's `#[traced]` takes other options and is left out, and one that does not
//! parse would not compile with traced's macro either. `#[cfg_attr(.., traced)]` is not read.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use traced_syntax::{Args, Name, NameOf};

use crate::scan::Place;

/// One fn of a file.
#[derive(Debug)]
pub struct Function {
    /// Its path in the file's module: `checkout::Pool::submit`, `<Pool as Drop>::drop`; a fn
    /// nested in another is `outer::inner`.
    pub path: Vec<String>,
    /// From the start of the item (attributes included) to its end.
    pub start: Place,
    /// Where the item ends.
    pub end: Place,
    /// Where its name is written.
    pub at: Place,
    /// Its `#[traced]`, when it has one.
    pub traced: Option<Traced>,
}

/// What a `#[traced]` fn says of its span.
#[derive(Debug, Default)]
pub struct Traced {
    /// `name = ".."`, joined when a `concat!`; `Err` with what is written when the macro
    /// refuses it (not a literal, placeholders that are no route template).
    pub name: Option<Result<String, String>>,
    /// The fn's name (raw identifiers without their `r#`): the span name without `name`/`span`.
    pub fn_name: String,
    /// `span = ".."`.
    pub declared: Option<String>,
    /// `kind = ..` as written.
    pub kind: Option<String>,
    /// The keys of `attrs(..)`, then `ret`, then the body's `record!`s.
    pub keys: Vec<String>,
    /// The names of the body's `event!`s.
    pub events: Vec<String>,
    /// `allow_missing(..)`.
    pub allow_missing: Vec<String>,
    /// `allow_sensitive(key, reason = ..)`.
    pub allow_sensitive: Vec<(String, String)>,
}

/// The fns of `file`, in source order.
pub fn functions(file: &syn::File) -> Vec<Function> {
    let mut walker = Walker::default();
    walker.visit_file(file);
    walker.found
}

#[derive(Default)]
struct Walker {
    /// Inline modules, `impl` types and enclosing fns: the path so far.
    path: Vec<String>,
    found: Vec<Function>,
}

impl Walker {
    fn function(
        &mut self,
        node: &dyn Spanned,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        body: &syn::Block,
        walk: impl FnOnce(&mut Self),
    ) {
        let span = node.span();
        let name = sig.ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name).to_string();
        let mut path = self.path.clone();
        path.push(name.clone());
        let traced = attrs.iter().find_map(|attr| traced(attr, &name, body));
        self.found.push(Function {
            path,
            start: Place::of(span),
            end: Place {
                line: span.end().line,
                column: span.end().column + 1,
                width: 1,
            },
            at: Place::spanned(&sig.ident),
            traced,
        });
        self.path.push(name);
        walk(self);
        self.path.pop();
    }

    fn nested(&mut self, segment: String, walk: impl FnOnce(&mut Self)) {
        self.path.push(segment);
        walk(self);
        self.path.pop();
    }
}

/// The `#[traced]` arguments of `attr`, or `None` when it is another attribute.
fn traced(attr: &syn::Attribute, fn_name: &str, body: &syn::Block) -> Option<Traced> {
    let last = attr.path().segments.last()?;
    if last.ident != "traced" {
        return None;
    }
    let args = match &attr.meta {
        syn::Meta::Path(_) => Args::default(),
        syn::Meta::List(list) => list.parse_args::<Args>().ok()?,
        syn::Meta::NameValue(_) => return None,
    };
    let name = args
        .name
        .as_ref()
        .map(|name| match name.literal(NameOf::Span) {
            Ok(lit) => Ok(lit.value()),
            Err(_) => Err(match name {
                Name::Lit(lit) => lit.value(),
                Name::Other(expr) => quote::ToTokens::to_token_stream(expr).to_string(),
            }),
        });
    let keys = args
        .attrs
        .iter()
        .map(|a| a.key.value())
        .chain(args.ret.as_ref().map(syn::LitStr::value))
        .chain(
            traced_syntax::records_in(body)
                .iter()
                .map(syn::LitStr::value),
        )
        .collect();
    Some(Traced {
        name,
        fn_name: fn_name.to_string(),
        declared: args.span.as_ref().map(syn::LitStr::value),
        kind: args.kind.as_ref().map(ToString::to_string),
        keys,
        events: events_in(body),
        allow_missing: args.allow_missing.iter().map(syn::LitStr::value).collect(),
        allow_sensitive: args
            .allow_sensitive
            .iter()
            .map(|a| {
                let reason = a.reason.as_ref().map(syn::LitStr::value);
                (a.key.value(), reason.unwrap_or_default())
            })
            .collect(),
    })
}

/// The names of traced's `event!`s in a fn's own body (a macro named `event` whose input
/// parses as `event!("name", ..)`; `tracing`'s `event!(Level::INFO, ..)` does not). Like
/// `record!`s, those in closures and nested items are left out: they may run on another span.
fn events_in(body: &syn::Block) -> Vec<String> {
    struct Events(Vec<String>);
    impl<'ast> Visit<'ast> for Events {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if mac.path.segments.last().is_some_and(|s| s.ident == "event") {
                if let Ok(input) = mac.parse_body::<traced_syntax::EventInput>() {
                    if let Ok(lit) = input.name.literal(NameOf::Event) {
                        self.0.push(lit.value());
                    }
                }
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut events = Events(Vec::new());
    events.visit_block(body);
    events.0
}

/// How an `impl` block names its fns: `Type`, or `<Type as Trait>` for a trait impl (so two
/// traits' methods of the same name stay apart).
fn impl_segment(item: &syn::ItemImpl) -> String {
    let ty = match &*item.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| "_".into());
    match &item.trait_ {
        Some((path, _)) => {
            let name = path.segments.last().map(|s| s.ident.to_string());
            format!("<{ty} as {}>", name.unwrap_or_default())
        }
        None => ty,
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.nested(item.ident.to_string(), |w| visit::visit_item_mod(w, item));
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        self.nested(impl_segment(item), |w| visit::visit_item_impl(w, item));
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.nested(item.ident.to_string(), |w| visit::visit_item_trait(w, item));
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(item, &item.attrs, &item.sig, &item.block, |w| {
            visit::visit_item_fn(w, item)
        });
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(item, &item.attrs, &item.sig, &item.block, |w| {
            visit::visit_impl_item_fn(w, item)
        });
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        match &item.default {
            Some(body) => self.function(item, &item.attrs, &item.sig, body, |w| {
                visit::visit_trait_item_fn(w, item)
            }),
            None => visit::visit_trait_item_fn(self, item),
        }
    }
}

/// The innermost fn holding `at`.
pub fn enclosing(functions: &[Function], at: Place) -> Option<&Function> {
    let key = |p: Place| (p.line, p.column);
    functions
        .iter()
        .filter(|f| key(f.start) <= key(at) && key(at) <= key(f.end))
        .max_by_key(|f| key(f.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Vec<Function> {
        functions(&syn::parse_file(source).unwrap())
    }

    #[test]
    fn paths_name_modules_impls_traits_and_nested_fns() {
        let fns = parse(
            "fn a() { fn inner() {} }
             mod m { pub struct S; impl S { fn b(&self) {} } impl Drop for S { fn drop(&mut self) {} } }
             trait T { fn c() {} fn d(); }
             fn r#type() {}",
        );
        let paths: Vec<String> = fns.iter().map(|f| f.path.join("::")).collect();
        assert_eq!(
            paths,
            [
                "a",
                "a::inner",
                "m::S::b",
                "m::<S as Drop>::drop",
                "T::c",
                "type"
            ]
        );
    }

    #[test]
    fn traced_arguments_are_read_as_the_macro_reads_them() {
        let fns = parse(
            r#"
            #[traced(name = concat!("a.", "b"), kind = client, span = "http.client",
                     attrs("k.one" = x, "k.two" = 2), ret = "k.ret", allow_missing("url.full"),
                     allow_sensitive("user.email", reason = "test inbox"))]
            fn f() -> u8 { record!("k.three" = 3); event!("e.one", "k" = 1); tracing::event!(Level::INFO, "x"); let c = || event!("e.closure"); 1 }
            #[traced_runtime::traced] fn g() {}
            #[tr::traced(name = format!("x{}", 1))] fn h() {}
            #[traced(name = "apply_{id}")] fn i() {}
            #[other::traced(sample_rate = 0.5)] fn not_ours() {}
            #[instrument] fn untraced() {}
            "#,
        );
        let f = fns[0].traced.as_ref().unwrap();
        assert_eq!(f.name, Some(Ok("a.b".into())));
        assert_eq!(f.kind.as_deref(), Some("client"));
        assert_eq!(f.declared.as_deref(), Some("http.client"));
        assert_eq!(f.keys, ["k.one", "k.two", "k.ret", "k.three"]);
        assert_eq!(f.events, ["e.one"]);
        assert_eq!(f.allow_missing, ["url.full"]);
        assert_eq!(
            f.allow_sensitive,
            [("user.email".to_string(), "test inbox".to_string())]
        );
        let g = fns[1].traced.as_ref().unwrap();
        assert!(g.name.is_none() && g.fn_name == "g");
        let h = fns[2].traced.as_ref().unwrap();
        assert!(matches!(&h.name, Some(Err(e)) if e.contains("format")));
        let i = fns[3].traced.as_ref().unwrap();
        assert_eq!(i.name, Some(Err("apply_{id}".into())));
        assert!(fns[4].traced.is_none() && fns[5].traced.is_none());
    }

    #[test]
    fn the_innermost_fn_holds_a_place() {
        let fns = parse("fn a() {\n    fn b() {\n        x();\n    }\n    y();\n}\n");
        let at = |line, column| Place {
            line,
            column,
            width: 1,
        };
        let path = |p: Place| enclosing(&fns, p).map(|f| f.path.join("::"));
        assert_eq!(path(at(3, 9)).as_deref(), Some("a::b"));
        assert_eq!(path(at(5, 5)).as_deref(), Some("a"));
        assert_eq!(path(at(7, 1)), None);
    }
}
