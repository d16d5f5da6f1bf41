//! Generating code: the instrumented fn, `record!` and `event!`, and the fallbacks on error.

use crate::plan::{
    Attribute, EventPlan, Extras, Kind, Parent, Primitive, RecordPlan, Returns, TracedPlan,
};
use crate::sensitive;
use crate::{fast_path, jumps};
use proc_macro2::TokenStream;
use proc_macro2::{Ident, Span};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{AttrStyle, Block, Expr, ItemFn, Path, ReturnType, Stmt, Type};

/// How the body runs, which decides where the span starts and how it stays current.
enum Shape<'a> {
    /// A plain fn: span current from call to return.
    Sync,
    /// An `async fn`: span started at the call, current during every poll.
    Async,
    /// A plain fn whose tail is an `async` block, bare (`-> impl Future`) or in `Box::pin`
    /// (as `#[async_trait]` writes it): span started at the call, current while the
    /// statements before the tail run and during every poll of the future.
    Tail {
        prefix: &'a [Stmt],
        inner: &'a syn::ExprAsync,
        boxed: bool,
    },
}

fn shape(item: &ItemFn) -> Shape<'_> {
    if item.sig.asyncness.is_some() {
        return Shape::Async;
    }
    let Some((Stmt::Expr(tail, None), prefix)) = item.block.stmts.split_last() else {
        return Shape::Sync;
    };
    match tail {
        Expr::Async(inner) => Shape::Tail {
            prefix,
            inner,
            boxed: false,
        },
        Expr::Call(call) if is_box_pin(&call.func) && call.args.len() == 1 => match &call.args[0] {
            Expr::Async(inner) => Shape::Tail {
                prefix,
                inner,
                boxed: true,
            },
            _ => Shape::Sync,
        },
        _ => Shape::Sync,
    }
}

fn is_box_pin(func: &Expr) -> bool {
    let Expr::Path(path) = func else {
        return false;
    };
    let mut names = path.path.segments.iter().rev().map(|s| &s.ident);
    matches!((names.next(), names.next()), (Some(pin), Some(boxed)) if pin == "pin" && boxed == "Box")
}

/// Every name the arguments bind, `self` included.
fn arg_idents(
    inputs: &syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]>,
) -> Vec<TokenStream> {
    struct Idents(Vec<TokenStream>);
    impl<'ast> syn::visit::Visit<'ast> for Idents {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            let ident = &p.ident;
            self.0.push(quote!(#ident));
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut idents = Idents(Vec::new());
    for arg in inputs {
        match arg {
            syn::FnArg::Receiver(r) => {
                let token = &r.self_token;
                idents.0.push(quote!(#token));
            }
            syn::FnArg::Typed(t) => syn::visit::Visit::visit_pat(&mut idents, &t.pat),
        }
    }
    idents.0
}

/// The return type, when it can be written in a `let` (not `impl Trait`). `!` is written
/// as the runtime's name for it: `let x: ! = ..` and `Output = !` are unstable.
fn nameable_return(plan: &TracedPlan, ret: &ReturnType) -> Option<TokenStream> {
    match ret {
        ReturnType::Default => Some(quote!(())),
        ReturnType::Type(..) if plan.returns == Returns::Never => {
            let rt = private(plan.krate.as_ref(), Span::call_site());
            Some(quote!(#rt::Never))
        }
        ReturnType::Type(_, ty) if contains_impl_trait(ty) => None,
        ReturnType::Type(_, ty) => Some(ty.to_token_stream()),
    }
}

fn contains_impl_trait(ty: &Type) -> bool {
    ty.to_token_stream()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "impl"))
}

fn extras(extras: &Extras) -> TokenStream {
    let deprecated = extras.deprecated.iter().map(|(span, note)| {
        quote_spanned! {*span=>
            {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const deprecated_attribute_key: () = ();
                let () = deprecated_attribute_key;
            }
        }
    });
    let unlisted = extras.unlisted.iter().map(|(span, note)| {
        quote_spanned! {*span=>
            {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const attribute_not_in_span_definition: () = ();
                let () = attribute_not_in_span_definition;
            }
        }
    });
    let track = (!extras.track.is_empty()).then(|| {
        let files = extras.track.iter().map(|f| f.display().to_string());
        quote! {
            // Makes cargo rebuild this crate when the registry changes.
            const _: &[&[u8]] = &[#(::core::include_bytes!(#files)),*];
            const _: ::core::option::Option<&str> = ::core::option_env!("TRACED_REGISTRY");
        }
    });
    quote!(#(#deprecated)* #(#unlisted)* #track)
}

/// `<runtime>::__private`. The default path is spanned at `span`, so an error in the call it
/// starts is reported at the user's token, not across the whole attribute. A path the user
/// wrote (or the runtime's `$crate`, which resolves by its span) keeps its spans, and the
/// `__private` after it takes the span of its last segment: a path that is not the runtime
/// is reported there.
fn private(krate: Option<&Path>, span: Span) -> TokenStream {
    match krate {
        None => quote_spanned!(span=> ::traced_runtime::__private),
        Some(path) => {
            let at = path.segments.last().map_or(span, |s| s.ident.span());
            let private = Ident::new("__private", at);
            quote!(#path::#private)
        }
    }
}

/// The runtime trait that converts a value for a key registered as `ty`.
fn value_trait(ty: Primitive) -> &'static str {
    match ty {
        Primitive::String => "StringValue",
        Primitive::Int => "IntValue",
        Primitive::Double => "DoubleValue",
        Primitive::Boolean => "BoolValue",
        Primitive::StringArray => "StringArrayValue",
        Primitive::IntArray => "IntArrayValue",
        Primitive::DoubleArray => "DoubleArrayValue",
        Primitive::BooleanArray => "BoolArrayValue",
    }
}

/// The `SpanKind` variant of `kind`.
fn span_kind(kind: Kind) -> Ident {
    let variant = match kind {
        Kind::Internal => "Internal",
        Kind::Server => "Server",
        Kind::Client => "Client",
        Kind::Producer => "Producer",
        Kind::Consumer => "Consumer",
    };
    Ident::new(variant, Span::call_site())
}

/// `<runtime>::__private::<value trait of ty>::<method>(args)`. The trait is called by its
/// path, spanned on the value: a value of the wrong type is reported there, by the trait's own
/// message, and one call per value keeps the type checker's work per attribute small.
fn value_call(
    krate: Option<&Path>,
    ty: Primitive,
    method: &str,
    args: TokenStream,
    span: Span,
) -> TokenStream {
    let value_trait = Ident::new(value_trait(ty), span);
    let method = Ident::new(method, span);
    let rt = private(krate, span);
    quote_spanned!(span=> #rt::#value_trait::#method(#args))
}

fn setters(krate: Option<&Path>, attrs: &[Attribute]) -> TokenStream {
    let calls = attrs.iter().map(|attr| {
        let Attribute { key, ty, value, .. } = attr;
        let span = value.span();
        // The binding's name is made with the call-site span: spanned on the value, it would
        // resolve where the value was written (in a `macro_rules!` such as `record!`).
        let attrs = quote!(__traced_attrs);
        // `value` is a reference to the value, checked first when the key is sensitive.
        let set = |value: TokenStream| {
            let args = quote_spanned!(span=> #value, #attrs, #key);
            let set = value_call(krate, *ty, "set_on", args, span);
            quote!(#set;)
        };
        match &attr.sensitive {
            None => set(quote_spanned!(span=> &(#value))),
            Some(guard) => sensitive::guarded(&private(krate, span), guard, |check| {
                set(sensitive::checked(check, value.to_token_stream(), span))
            }),
        }
    });
    quote!(#(#calls)*)
}

/// How the span is made once its attributes are in: entered until dropped (a sync fn), or
/// handed to the future.
#[derive(Clone, Copy)]
enum Finish {
    Sync,
    Future,
}

/// The span's site (one `static` per traced fn) and the statements that fill its attributes
/// and links into `__traced_attrs`.
fn site_and_fill(plan: &TracedPlan) -> (TokenStream, TokenStream) {
    let TracedPlan {
        name,
        kind,
        attrs,
        links,
        krate,
        ..
    } = plan;
    let krate = krate.as_ref();
    let rt = private(krate, Span::call_site());
    let kind = span_kind(*kind);
    let count = attrs.len();
    let set = setters(krate, attrs);
    let links = links.iter().map(|link| {
        let at = private(krate, link.span());
        let link = quote_spanned!(link.span()=> #at::LinkSource::span_context(&(#link)));
        quote!(__traced_attrs.link(#link);)
    });
    let site = quote! {
        static __TRACED_SITE: #rt::Site = #rt::Site::new(#name, #rt::SpanKind::#kind, #count);
    };
    (site, quote!(#set #(#links)*))
}

/// The span's start: site, parent, attributes and links. `begin` says whether a span may be
/// created; only then are the values evaluated, here in the fn's own body: no closure and
/// nothing generic is compiled per traced fn.
fn start(plan: &TracedPlan, finish: Finish) -> TokenStream {
    let krate = plan.krate.as_ref();
    let rt = private(krate, Span::call_site());
    // The current context is the default parent and has its own entry point: a disabled
    // call then carries no parent value at all.
    let (begin, parent) = match &plan.parent {
        Parent::Current => (quote!(begin), None),
        Parent::Root => (quote!(begin_in), Some(quote!(, #rt::Parent::Root))),
        Parent::Explicit(expr) => (
            quote!(begin_in),
            Some({
                let at = private(krate, expr.span());
                quote_spanned! {expr.span()=>
                    , #rt::Parent::Explicit(#at::ParentContext::to_context(&(#expr)))
                }
            }),
        ),
    };
    let finish = match finish {
        Finish::Sync => quote!(sync),
        Finish::Future => quote!(span),
    };
    let (site, set) = site_and_fill(plan);
    let fill = (!plan.attrs.is_empty() || !plan.links.is_empty()).then(|| {
        quote! {
            let __traced_attrs = &mut __traced_start.attrs;
            #set
        }
    });
    let binding = match fill {
        Some(_) => quote!(mut __traced_start),
        None => quote!(__traced_start),
    };
    quote! {
        #site
        let __traced_span = match #rt::#begin(&__TRACED_SITE #parent) {
            ::core::result::Result::Ok(#binding) => {
                #fill
                __traced_start.#finish()
            }
            ::core::result::Result::Err(__traced_off) => __traced_off.#finish(),
        };
    }
}

/// [`start`] past the fast path's check (current-context parent only, which
/// `fast_path::allowed` sees to): begin, fill and start in one runtime frame, the values
/// filled through a closure (nothing generic per fn). Compiled in optimized builds only.
fn start_in_place(plan: &TracedPlan, finish: Finish) -> TokenStream {
    let rt = private(plan.krate.as_ref(), Span::call_site());
    let start = match finish {
        Finish::Sync => quote!(start_sync),
        Finish::Future => quote!(start_span),
    };
    let (site, set) = site_and_fill(plan);
    quote! {
        #site
        let __traced_span = #rt::#start(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut #rt::Attrs| { #set },
        );
    }
}

/// After the body: status from an `Err`, and `ret = "key"`. `ret` is a reference to the
/// returned value, `span` one to the span.
fn outcome(plan: &TracedPlan, ret: TokenStream, span: TokenStream) -> TokenStream {
    let krate = plan.krate.as_ref();
    let rt = private(krate, Span::call_site());
    let expected = match &plan.expected_err {
        None => quote!(false),
        // Matched against the return value as a `Result`: on any other type, the error is
        // rustc's "expected `u32`, found `Result<_, _>`" at the pattern.
        Some(pat) => quote_spanned! {pat.span()=>
            match #ret {
                ::core::result::Result::Err(__traced_err) => ::core::matches!(__traced_err, #pat),
                ::core::result::Result::Ok(_) => false,
            }
        },
    };
    let record_ret = plan.ret.as_ref().map(|r| {
        let key = &r.key;
        let value = quote_spanned!(key.span()=> __traced_value);
        let value = match &r.sensitive {
            None => value_call(krate, r.ty, "to_value", value, key.span()),
            Some(guard) => sensitive::guarded(&private(krate, key.span()), guard, |check| {
                let value = sensitive::checked(check, value, key.span());
                value_call(krate, r.ty, "to_value", value, key.span())
            }),
        };
        // Made outside the key's span: a name spanned there resolves where the key was
        // written (inside a `macro_rules!`, say), not where `__traced_returned` is bound.
        let ok_value = quote!(__traced_returned.ok_value());
        quote_spanned! {key.span()=>
            if let ::core::option::Option::Some(__traced_value) = #ok_value {
                (#span).record_ret(#key, || #value);
            }
        }
    });
    quote! {
        {
            let __traced_returned = #rt::Returned::new(#ret);
            __traced_returned.mark_status(#span, #expected);
            #record_ret
        }
    }
}

/// Optimized builds: with nothing traced, `fast` (a copy of the body, returning) runs before
/// any span code, and `slow` (the traced code; an async fn's instrumented future) in a frame
/// of its own, so a disabled call saves no registers: the check and the body, nothing else.
/// Debug builds compile the body once, in `traced`: build time matters there, not
/// instructions.
fn with_fast_path(
    rt: &TokenStream,
    finish: Finish,
    fast: TokenStream,
    slow: TokenStream,
    traced: TokenStream,
) -> TokenStream {
    let slow = match finish {
        Finish::Sync => quote!(#rt::out_of_line(move || { #slow })),
        // Wrapped in `Dual` here, not in the other frame: with the variant built there, the
        // caller copied the whole returned future after every call (6 instructions more
        // per disabled call); built here, the caller's slot receives it in place.
        Finish::Future => quote!(#rt::Dual::traced(#rt::out_of_line_cold(move || { #slow }))),
    };
    quote! {
        #[cfg(not(debug_assertions))]
        {
            if #rt::known_off() {
                #fast
            }
        }
        #[cfg(not(debug_assertions))]
        let __traced_out = #slow;
        #[cfg(debug_assertions)]
        let __traced_out = { #traced };
        __traced_out
    }
}

/// A sync fn's traced code: the span started, the body, the outcome read.
fn sync_traced(
    plan: &TracedPlan,
    block: &Block,
    ret_ty: Option<&TokenStream>,
    start: TokenStream,
) -> TokenStream {
    let annotated = ret_ty.map(|ty| quote!(: #ty));
    // `()` is no `Result` and has no value to record: nothing to read.
    // Read only with a span: a call with nothing traced then keeps no span in memory
    // for the error path (the fn's frame is smaller).
    let outcome = (plan.returns == Returns::Value).then(|| {
        let outcome = outcome(plan, quote!(&__traced_ret), quote!(&__traced_span));
        quote!(if __traced_span.is_on() #outcome)
    });
    // A `?` or `return` must come back here for the status to be read, so such a body
    // runs in a closure (typed as called once, so that it may return what it borrows
    // from the arguments it owns); any other is a plain block, which compiles faster
    // and keeps `#[track_caller]` working.
    let ret = if jumps::body_may_return(block) {
        let rt = private(plan.krate.as_ref(), Span::call_site());
        quote!(let __traced_ret #annotated = #rt::once(move || #block)();)
    } else {
        quote!(let __traced_ret #annotated = #block;)
    };
    quote! {
        #start
        #ret
        #outcome
        __traced_ret
    }
}

/// The instrumented fn.
pub fn traced_fn(plan: &TracedPlan, item: &ItemFn) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
        // Parsing an `ItemFn` never fills them (`default fn` is only for impl items).
        modifiers: _,
    } = item;
    let extras = extras(&plan.extras);
    let ret_ty = nameable_return(plan, &sig.output);
    let mut sig = sig.clone();
    let body = match shape(item) {
        // Nothing to read after a body that never returns: it runs in place, and the span
        // ends as the panic unwinds (status Error) or not at all (`process::exit`).
        Shape::Sync if plan.returns == Returns::Never => {
            let start = start(plan, Finish::Sync);
            quote! {
                #start
                #block
            }
        }
        Shape::Sync => {
            let traced = |start| sync_traced(plan, block, ret_ty.as_ref(), start);
            if fast_path::allowed(plan, item, ret_ty.is_some()) {
                let rt = private(plan.krate.as_ref(), Span::call_site());
                // `return {}` would be clippy's `unused_unit` on the user's braces.
                let fast = match plan.returns {
                    Returns::Unit => quote!(#block return;),
                    _ => quote!(#[allow(unused_braces)] return #block;),
                };
                with_fast_path(
                    &rt,
                    Finish::Sync,
                    fast,
                    traced(start_in_place(plan, Finish::Sync)),
                    traced(start(plan, Finish::Sync)),
                )
            } else {
                traced(start(plan, Finish::Sync))
            }
        }
        Shape::Async => {
            // An `async fn` becomes a fn returning a future, so that the span starts (and
            // finds its parent) where the fn is called, not where the future is first polled:
            // `tokio::spawn(f())` keeps the caller's span. The `impl` token is made here, so
            // it has this crate's edition (2024), whose `impl Trait` captures every lifetime
            // of the signature, as the `async fn` did, whatever the user's edition.
            let begin = start(plan, Finish::Future);
            // The fake return makes the block's type the fn's return type before the body is
            // checked, so type errors point at the user's code (as in tracing-attributes).
            let fake_return = ret_ty.as_ref().map(|ty| {
                quote! {
                    #[allow(unreachable_code, clippy::diverging_sub_expression, clippy::needless_return)]
                    if false {
                        let __traced_fake: #ty = loop {};
                        return __traced_fake;
                    }
                }
            });
            // An `async fn` keeps every argument alive until its future completes; mentioning
            // each one makes the block below capture it even if the body does not.
            let keep = arg_idents(&sig.inputs);
            let stmts = &block.stmts;
            // A future that never completes has no output to read; the closure must not even
            // look at it, or its method calls would decide the output type before the fn's
            // return type does.
            let on_ready = if plan.returns == Returns::Never {
                quote!(|_, _| {})
            } else {
                let outcome = outcome(plan, quote!(__traced_ret), quote!(__traced_span));
                quote!(|__traced_ret, __traced_span| #outcome)
            };
            sig.asyncness = None;
            let output = match (&sig.output, &ret_ty) {
                (ReturnType::Default, _) => quote!(()),
                (_, Some(named)) if plan.returns == Returns::Never => named.clone(),
                (ReturnType::Type(_, ty), _) => ty.to_token_stream(),
            };
            sig.output = syn::parse_quote!(-> impl ::core::future::Future<Output = #output>);
            let future = quote! {
                async move {
                    #(let _ = &#keep;)*
                    #fake_return
                    #(#stmts)*
                }
            };
            let traced = quote! {
                #begin
                __traced_span.instrument(#future, #on_ready)
            };
            if fast_path::allowed(plan, item, ret_ty.is_some()) {
                // One type for both futures: a `Dual` of the body's own and the instrumented.
                let rt = private(plan.krate.as_ref(), Span::call_site());
                let start = start_in_place(plan, Finish::Future);
                let slow = quote! {
                    #start
                    __traced_span.instrument(#future, #on_ready)
                };
                let fast = quote!(return #rt::Dual::bare(#future););
                with_fast_path(&rt, Finish::Future, fast, slow, traced)
            } else {
                traced
            }
        }
        Shape::Tail {
            prefix,
            inner,
            boxed,
        } => {
            let start = start(plan, Finish::Future);
            let outcome = outcome(plan, quote!(__traced_ret), quote!(__traced_span));
            let future = quote! {
                __traced_span.instrument(#inner, |__traced_ret, __traced_span| #outcome)
            };
            let future = if boxed {
                quote!(::std::boxed::Box::pin(#future))
            } else {
                future
            };
            quote! {
                #start
                let __traced_entered = __traced_span.enter();
                #(#prefix)*
                ::core::mem::drop(__traced_entered);
                #future
            }
        }
    };
    // `#![allow(..)]` written at the top of the body stays there, for the whole new body.
    let (inner, outer): (Vec<_>, Vec<_>) = attrs
        .iter()
        .partition(|a| matches!(a.style, AttrStyle::Inner(_)));
    quote! {
        #(#outer)*
        #vis #sig {
            #(#inner)*
            #extras
            #body
        }
    }
}

pub fn record_macro(plan: &RecordPlan) -> TokenStream {
    let extras = extras(&plan.extras);
    let krate = Some(&plan.krate);
    let set = setters(krate, &plan.attrs);
    let rt = private(krate, Span::call_site());
    quote! {
        {
            #extras
            #rt::record_on_current(|__traced_attrs| { #set });
        }
    }
}

pub fn event_macro(plan: &EventPlan) -> TokenStream {
    let extras = extras(&plan.extras);
    let name = &plan.name;
    let krate = Some(&plan.krate);
    let set = setters(krate, &plan.attrs);
    let rt = private(krate, Span::call_site());
    quote! {
        {
            #extras
            #rt::event_on_current(#name, |__traced_attrs| { let _ = &__traced_attrs; #set });
        }
    }
}

/// On a rejected input: the errors, and the item unchanged so the rest still type-checks.
pub fn fallback(error: syn::Error, item: TokenStream) -> TokenStream {
    let error = error.to_compile_error();
    // The arguments named in the rejected attribute are not used any more: say nothing of
    // that on top of the error.
    quote!(#error #[allow(unused_variables)] #item)
}

/// A `record!`/`event!` that was rejected: the errors, evaluating nothing.
pub fn fallback_expr(error: syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    quote!({ #error })
}
