//! Checking parsed input against the registry and the rules of the contract.

use crate::ast::{Args, Attr, EventInput, Name, RecordInput, listed};
use crate::declared;
use crate::jumps;
use crate::plan::{
    Attribute, EventPlan, Extras, Kind, Parent, RecordPlan, Ret, Returns, TracedPlan,
};
use crate::registry;
use crate::sensitive;
use crate::value_syntax::{self, Verdict};
use proc_macro2::Span;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, FnArg, Ident, LitStr, Pat, PatType, Path, ReturnType, Signature, Type};
use traced_registry::{Deprecation, EventLookup, Lookup, Primitive, Registry};

/// The check of one macro input: every error found (one pass reports all of them), what to
/// emit besides the span, and the registry, loaded on first need.
#[derive(Default)]
struct Check {
    errors: Option<syn::Error>,
    extras: Extras,
    registry: Option<Option<Arc<Registry>>>,
    /// The keys `allow_sensitive` lets through; `None` outside `#[traced]`.
    allowed: Option<HashSet<String>>,
}

/// Whether this is the first time `what` happens for the crate being compiled.
fn first_in_crate(what: &str) -> bool {
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let krate = format!(
        "{what}:{}:{}",
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default(),
        std::env::var("CARGO_CRATE_NAME").unwrap_or_default()
    );
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    seen.insert(krate)
}

impl Check {
    fn error(&mut self, e: syn::Error) {
        match &mut self.errors {
            Some(all) => all.combine(e),
            None => self.errors = Some(e),
        }
    }

    /// The checked input, built with the extras, or every error.
    fn finish<T>(self, build: impl FnOnce(Extras) -> T) -> syn::Result<T> {
        match self.errors {
            Some(e) => Err(e),
            None => Ok(build(self.extras)),
        }
    }

    /// The registry, or `None` when there is none. Its absence is reported once per crate:
    /// every later use in the crate would only repeat it.
    fn registry(&mut self, at: Span) -> Option<Arc<Registry>> {
        if self.registry.is_none() {
            let loaded = match registry::load() {
                Ok(loaded) => {
                    if first_in_crate("track") {
                        self.extras.track = loaded.files().to_vec();
                    }
                    Some(loaded)
                }
                Err(unavailable) => {
                    if first_in_crate("unavailable") {
                        self.error(syn::Error::new(at, unavailable.message()));
                    }
                    None
                }
            };
            self.registry = Some(loaded);
        }
        self.registry.clone().flatten()
    }
}

fn did_you_mean(suggestions: &[&str]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!("; did you mean one of {}?", listed(many)),
    }
}

impl Check {
    /// The registered value type of `key`, or the error for it.
    fn key(&mut self, registry: &Registry, key: &LitStr) -> syn::Result<Primitive> {
        let name = key.value();
        let lookup = registry.lookup(&name);
        let replacement = lookup.replacement();
        let attr = match lookup {
            Lookup::Found(attr) | Lookup::Template { template: attr, .. } => attr,
            Lookup::TemplateWithoutSuffix { template, form } => {
                let what = if name == template.key {
                    format!("attribute key `{name}` is a template")
                } else {
                    format!("attribute key `{name}` leaves the template's suffix empty")
                };
                return Err(syn::Error::new_spanned(
                    key,
                    format!(
                        "{what}: record it as `{form}`\nwrite the name the key is about (a header, a label...) in place of `<name>`"
                    ),
                ));
            }
            Lookup::NotFound { suggestions } => {
                return Err(syn::Error::new_spanned(
                    key,
                    format!(
                        "attribute key `{name}` is not in the registry{}\nadd it to the registry, or use a registered key",
                        did_you_mean(&suggestions)
                    ),
                ));
            }
        };
        match &attr.deprecated {
            Some(Deprecation::Renamed { renamed_to, .. }) => {
                let replacement = replacement.as_deref().unwrap_or(renamed_to);
                return Err(syn::Error::new_spanned(
                    key,
                    format!(
                        "attribute key `{}` is deprecated: it was renamed to `{renamed_to}`\nuse `\"{replacement}\"` instead",
                        attr.key
                    ),
                ));
            }
            Some(other) => self.extras.deprecated.push((
                key.span(),
                format!(
                    "attribute key `{}` is deprecated{}",
                    attr.key,
                    other
                        .note()
                        .map(|n| format!(": {}", n.trim()))
                        .unwrap_or_default()
                ),
            )),
            None => {}
        }
        match attr.ty.value_type() {
            Some(p) => Ok(p),
            None => Err(syn::Error::new_spanned(
                key,
                format!(
                    "attribute key `{name}` is registered with type `any`: complex values are not allowed as span attributes\nrecord its parts under keys with primitive types instead"
                ),
            )),
        }
    }

    /// Checks one `"key" = value` against the registry and, where the syntax shows it, the value.
    fn attr(
        &mut self,
        registry: &Registry,
        attr: &Attr,
        arg_types: &dyn Fn(&Ident) -> Option<Type>,
    ) -> syn::Result<Attribute> {
        let registered = self.key(registry, &attr.key)?;
        let sensitive = sensitive::guard(registry, &attr.key, self.allowed.as_ref())?;
        let key = attr.key.value();
        let (verdict, value_type) = value_syntax::of_expr(&attr.value, arg_types);
        match verdict {
            Verdict::Records(p) if p != registered => Err(syn::Error::new_spanned(
                &attr.value,
                format!(
                    "attribute `{key}` is registered as `{registered}`, but this value is `{value_type}` (records as `{p}`)\nconvert the value to `{registered}`, or record it under a key registered as `{p}`"
                ),
            )),
            Verdict::Unrecordable(how) => Err(syn::Error::new_spanned(
                &attr.value,
                format!(
                    "attribute `{key}` cannot record a value of type `{value_type}`: only primitives (bool, integers, f32/f64, strings), arrays of them, and `Option`s of those are allowed\n{how}"
                ),
            )),
            Verdict::Records(_) | Verdict::Undecided => Ok(Attribute {
                key: attr.key.clone(),
                ty: registered,
                value: attr.value.clone(),
                sensitive,
            }),
        }
    }

    fn attrs(
        &mut self,
        attrs: &[Attr],
        arg_types: &dyn Fn(&Ident) -> Option<Type>,
    ) -> Vec<Attribute> {
        let mut checked = Vec::new();
        let mut seen = HashSet::new();
        for attr in attrs {
            if !seen.insert(attr.key.value()) {
                self.error(syn::Error::new_spanned(
                    &attr.key,
                    format!("attribute `{}` is given twice", attr.key.value()),
                ));
                continue;
            }
            let Some(loaded) = self.registry(attr.key.span()) else {
                return Vec::new();
            };
            match self.attr(&loaded, attr, arg_types) {
                Ok(c) => checked.push(c),
                Err(e) => self.error(e),
            }
        }
        checked
    }
}

/// A `?` or `return` in an attribute value or link. The values run in the fn's own body, and
/// only when a span is recorded: the fn would return early with tracing on and not with it off.
fn early_exit(value: &Expr) -> Option<syn::Error> {
    let jump = jumps::in_value(value)?;
    Some(syn::Error::new(
        jump.span,
        format!(
            "{} cannot be used in an attribute value: values are evaluated only when a span is recorded, so the fn would return early with tracing on and not with it off\nhandle the failure inside the value (`.ok()` records nothing for `None`), or compute it in the body and `record!` it",
            jump.what
        ),
    ))
}

/// A span or event name: a string literal without placeholders.
fn check_name(name: &Name, what: &str) -> syn::Result<LitStr> {
    let lit = match name {
        Name::Lit(lit) => lit.clone(),
        Name::Other(other) => match &**other {
            Expr::Macro(m) if m.mac.path.is_ident("concat") => concat_literals(m).ok_or_else(|| {
                syn::Error::new_spanned(
                    m,
                    format!("{what} names must be string literals (bounded cardinality): `concat!` may only join literals"),
                )
            })?,
            other => {
                let hint = match other {
                    Expr::Macro(m) if m.mac.path.is_ident("format") => "\na name built at run time gives every call its own name; keep the name fixed and put the varying part in an attribute: `attrs(\"customer.id\" = customer_id)`",
                    _ => "\nwrite the name as a literal, e.g. `name = \"rewards.redemption.apply\"`",
                };
                return Err(syn::Error::new_spanned(
                    other,
                    format!("{what} names must be string literals (bounded cardinality){hint}"),
                ));
            }
        },
    };
    let value = lit.value();
    if value.trim().is_empty() {
        return Err(syn::Error::new_spanned(
            &lit,
            format!("{what} names must not be empty"),
        ));
    }
    if let Some(open) = value.find('{') {
        if value[open..].contains('}') && !(what == "span" && route_template(&value)) {
            return Err(syn::Error::new_spanned(
                &lit,
                format!(
                    "placeholders in {what} names are rejected: `{value}` looks like a format string, and names must not vary per call\nkeep the name fixed and record the varying part as an attribute{}",
                    if what == "span" {
                        "; an HTTP route template is the one exception: `\"GET /users/{id}\"`, each placeholder a whole path segment"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    Ok(lit)
}

/// `{METHOD} /path/{param}/...`: the semantic conventions' `{method} {http.route}` name, bounded
/// because the braces are the route's parameters as written, never a value. Anything else with
/// braces (`apply_{customer_id}`) is a format string that was never formatted.
fn route_template(name: &str) -> bool {
    let Some((method, path)) = name.split_once(' ') else {
        return false;
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    let Some(path) = path.strip_prefix('/') else {
        return false;
    };
    let segment_ok = |segment: &str| match segment.strip_prefix('{') {
        Some(rest) => rest
            .strip_suffix('}')
            .is_some_and(|param| !param.is_empty() && !param.contains(['{', '}', ' '])),
        None => !segment.contains(['{', '}', ' ']),
    };
    method_ok && path.split('/').all(segment_ok)
}

/// `concat!("a", "b", 1)` of literals only, joined like `concat!` does.
fn concat_literals(m: &syn::ExprMacro) -> Option<LitStr> {
    let parts = m
        .mac
        .parse_body_with(syn::punctuated::Punctuated::<syn::Lit, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut joined = String::new();
    for part in &parts {
        match part {
            syn::Lit::Str(s) => joined.push_str(&s.value()),
            syn::Lit::Int(i) => joined.push_str(i.base10_digits()),
            syn::Lit::Float(f) => joined.push_str(f.base10_digits()),
            syn::Lit::Bool(b) => joined.push_str(if b.value { "true" } else { "false" }),
            syn::Lit::Char(c) => joined.push(c.value()),
            _ => return None,
        }
    }
    Some(LitStr::new(&joined, m.span()))
}

/// The declared types of plain `name: Type` arguments.
pub fn arg_types(sig: &Signature) -> impl Fn(&Ident) -> Option<Type> + '_ {
    move |ident| {
        sig.inputs.iter().find_map(|arg| match arg {
            FnArg::Typed(PatType { pat, ty, .. }) => match &**pat {
                Pat::Ident(p) if p.ident == *ident => Some((**ty).clone()),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
    }
}

fn returns(output: &ReturnType) -> Returns {
    fn of(ty: &Type) -> Returns {
        match ty {
            Type::Never(_) => Returns::Never,
            Type::Tuple(t) if t.elems.is_empty() => Returns::Unit,
            Type::Paren(p) => of(&p.elem),
            Type::Group(g) => of(&g.elem),
            _ => Returns::Value,
        }
    }
    match output {
        ReturnType::Default => Returns::Unit,
        ReturnType::Type(_, ty) => of(ty),
    }
}

/// `crate = path` that certainly does not lead to traced-runtime: this crate or a parent
/// module (`self`, `crate`, `super`) or a standard library crate. Any other path is the
/// compiler's to resolve.
fn not_the_runtime(krate: &Path) -> Option<syn::Error> {
    let first = krate.segments.first()?.ident.to_string();
    let what = match first.as_str() {
        "self" | "crate" | "super" if krate.segments.len() == 1 => "this crate's own modules",
        "std" | "core" | "alloc" | "proc_macro" | "test" => "the standard library",
        _ => return None,
    };
    Some(syn::Error::new_spanned(
        krate,
        format!(
            "`crate = {}` names {what}, not traced-runtime\n`crate =` takes the path this crate reaches traced-runtime by: `crate = ::tr` for a dependency renamed `tr`, or the path of a re-export",
            value_syntax::display(krate)
        ),
    ))
}

pub fn check_traced(args: Args, sig: &Signature, body: &syn::Block) -> syn::Result<TracedPlan> {
    let mut check = Check::default();

    let declared = args.span.as_ref().and_then(|span| {
        let loaded = check.registry(span.span())?;
        let given = declared::Given {
            kind: args.kind.as_ref(),
            attrs: args.attrs.iter().map(|a| &a.key).collect(),
            ret: args.ret.as_ref(),
            allow_missing: &args.allow_missing,
            body,
        };
        let declared = declared::check(&loaded, span, &given);
        for e in declared.errors {
            check.error(e);
        }
        check.extras.unlisted.extend(declared.warnings);
        Some((declared.name, declared.kind))
    });
    if let (None, Some(first)) = (&args.span, args.allow_missing.first()) {
        check.error(syn::Error::new_spanned(
            first,
            "`allow_missing` excuses required attributes of a declared span, but there is no `span = \"...\"`\nadd `span = \"<declared span type>\"`, or remove `allow_missing`",
        ));
    }
    let (declared_name, declared_kind) = declared.unwrap_or_default();

    // With a declared span and no `name`, the span type is the name: a team's own spans
    // (`rewards.redemption.apply`) are named by their type.
    let name = match (&args.name, declared_name) {
        (Some(name), _) => check_name(name, "span").unwrap_or_else(|e| {
            check.error(e);
            LitStr::new("invalid", Span::call_site())
        }),
        (None, Some(declared)) => declared,
        (None, None) => LitStr::new(&sig.ident.unraw().to_string(), sig.ident.span()),
    };

    let kind = match &args.kind {
        None => declared_kind.unwrap_or(Kind::Internal),
        Some(written) => match Kind::ALL.into_iter().find(|k| written == k.written()) {
            Some(kind) => kind,
            None => {
                check.error(syn::Error::new_spanned(
                    written,
                    format!(
                        "unknown span kind `{written}`; expected one of {}",
                        listed(&Kind::ALL.map(Kind::written))
                    ),
                ));
                Kind::Internal
            }
        },
    };

    check.allowed = Some(HashSet::new());
    if let Some(first) = args.allow_sensitive.first() {
        if let Some(loaded) = check.registry(first.key.span()) {
            let (allowed, errors) = sensitive::check_allows(&loaded, &args.allow_sensitive);
            check.allowed = Some(allowed);
            for e in errors {
                check.error(e);
            }
        }
    }
    let attrs = check.attrs(&args.attrs, &arg_types(sig));
    let values = args.attrs.iter().map(|a| &a.value).chain(&args.links);
    for jump in values.filter_map(early_exit) {
        check.error(jump);
    }

    let ret = args.ret.as_ref().and_then(|key| {
        let loaded = check.registry(key.span())?;
        let checked = check.key(&loaded, key).and_then(|p| {
            let sensitive = sensitive::guard(&loaded, key, check.allowed.as_ref())?;
            Ok((p, sensitive))
        });
        match checked {
            Ok((p, sensitive)) => Some(Ret {
                key: key.clone(),
                ty: p,
                sensitive,
            }),
            Err(e) => {
                check.error(e);
                None
            }
        }
    });

    if let Some(krate) = &args.krate {
        if let Some(e) = not_the_runtime(krate) {
            check.error(e);
        }
    }

    // A fn that never returns, or returns `()`, has no value to record and no `Err` to judge.
    let returns = returns(&sig.output);
    let nothing = match returns {
        Returns::Unit => Some("the fn returns `()`"),
        Returns::Never => Some("the fn returns `!`: it never returns"),
        Returns::Value => None,
    };
    if let Some(nothing) = nothing {
        if let Some(key) = &args.ret {
            check.error(syn::Error::new_spanned(
                key,
                format!("`ret` records the returned value, but {nothing}\nremove `ret`, or `record!` the value in the body"),
            ));
        }
        if let Some(pat) = &args.expected_err {
            check.error(syn::Error::new_spanned(
                pat,
                format!(
                    "`expected_err` judges a returned `Err`, but {nothing}\nremove `expected_err`"
                ),
            ));
        }
    }

    let parent = match (args.parent, args.root) {
        (Some(parent), Some(root)) => {
            check.error(syn::Error::new_spanned(
                root,
                "`root` and `parent` contradict each other: a root span has no parent; keep one",
            ));
            Parent::Explicit(Box::new(parent))
        }
        (Some(parent), None) => Parent::Explicit(Box::new(parent)),
        (None, Some(_)) => Parent::Root,
        (None, None) => Parent::Current,
    };

    check.finish(|extras| TracedPlan {
        name,
        kind,
        returns,
        attrs,
        ret,
        parent,
        links: args.links,
        expected_err: args.expected_err,
        krate: args.krate,
        extras,
    })
}

pub fn check_record(input: RecordInput) -> syn::Result<RecordPlan> {
    let mut check = Check::default();
    let attrs = check.attrs(&input.attrs, &|_| None);
    check.finish(|extras| RecordPlan {
        krate: input.krate,
        attrs,
        extras,
    })
}

pub fn check_event(input: EventInput) -> syn::Result<EventPlan> {
    let mut check = Check::default();
    let name = match check_name(&input.name, "event") {
        Ok(name) => {
            if let Some(loaded) = check.registry(name.span()) {
                if let EventLookup::NotFound { suggestions } = loaded.event(&name.value()) {
                    check.error(syn::Error::new_spanned(
                        &name,
                        format!(
                            "event `{}` is not in the registry{}\nadd it to the registry's `events`, or use a registered event",
                            name.value(),
                            did_you_mean(&suggestions)
                        ),
                    ));
                }
            }
            name
        }
        Err(e) => {
            check.error(e);
            LitStr::new("invalid", Span::call_site())
        }
    };
    let attrs = check.attrs(&input.attrs, &|_| None);
    check.finish(|extras| EventPlan {
        krate: input.krate,
        name,
        attrs,
        extras,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(tokens: &str) -> syn::Result<String> {
        let name: Name = syn::parse_str(tokens).unwrap();
        check_name(&name, "span").map(|l| l.value())
    }

    #[test]
    fn span_names() {
        assert_eq!(name("\"rewards.apply\"").unwrap(), "rewards.apply");
        assert_eq!(name("concat!(\"a.\", \"b\", 1)").unwrap(), "a.b1");
        // A lone brace is not a placeholder.
        assert_eq!(name("\"set {\"").unwrap(), "set {");
        // An HTTP route template is a bounded name.
        for route in [
            "\"GET /users/{id}\"",
            "\"POST /orders/{order_id}/items/{item}\"",
            "\"GET /\"",
        ] {
            assert!(name(route).is_ok(), "{route}");
        }
        for bad in [
            "format!(\"a{}\", x)",
            "NAME",
            "name()",
            "concat!(\"a\", env!(\"X\"))",
            "\"apply_{customer}\"",
            "\"  \"",
            // Route-like, but not a route template.
            "\"GET /users/user_{id}\"",
            "\"get /users/{id}\"",
            "\"GET users/{id}\"",
            "\"GET /users/{}\"",
            "\"GET /a/{b}/{c d}\"",
        ] {
            assert!(name(bad).is_err(), "{bad}");
        }
        assert!(
            name("format!(\"a{}\", x)")
                .unwrap_err()
                .to_string()
                .contains("bounded cardinality")
        );
    }

    #[test]
    fn argument_types_by_name() {
        let sig: Signature =
            syn::parse_str("fn f(&self, a: &str, (b, c): (u8, u8), mut d: Vec<i64>)").unwrap();
        let types = arg_types(&sig);
        let ident = |s| Ident::new(s, Span::call_site());
        assert!(types(&ident("a")).is_some());
        assert!(types(&ident("d")).is_some());
        assert!(types(&ident("b")).is_none());
        assert!(types(&ident("self")).is_none());
    }

    #[test]
    fn crate_paths_that_are_not_the_runtime() {
        let bad = |path: &str| not_the_runtime(&syn::parse_str::<Path>(path).unwrap()).is_some();
        for path in ["self", "crate", "super", "::std", "core::fmt", "alloc"] {
            assert!(bad(path), "{path}");
        }
        for path in [
            "::tr",
            "traced_runtime",
            "crate::rt",
            "self::reexported",
            "deps::tracing",
        ] {
            assert!(!bad(path), "{path}");
        }
    }

    #[test]
    fn suggestions_read_naturally() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), "; did you mean `a`?");
        assert_eq!(did_you_mean(&["a", "b"]), "; did you mean one of `a`, `b`?");
    }
}
