//! Checking parsed input against the registry and the rules of the contract.

use crate::declared;
use crate::jumps;
use crate::plan::{
    Attribute, EventPlan, Extras, Kind, Parent, RecordPlan, Ret, Returns, TracedPlan,
};
use crate::registry;
use crate::sensitive;
use proc_macro2::Span;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use syn::ext::IdentExt;
use syn::{Expr, Ident, LitStr, Path, ReturnType, Signature, Type};
use traced_registry::{Deprecation, EventLookup, Lookup, Primitive, Registry};
use traced_syntax::value_syntax::{self, Verdict, arg_types};
use traced_syntax::{
    Args, Attr, EventInput, FromRuntime, Name, NameOf, NameProblem, RecordInput, listed,
};

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

/// "; did you mean `a`?" after an unknown name, when the registry has near ones.
pub(crate) fn did_you_mean(suggestions: &[&str]) -> String {
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
fn check_name(name: &Name, of: NameOf) -> syn::Result<LitStr> {
    let what = match of {
        NameOf::Span => "span",
        NameOf::Event => "event",
    };
    name.literal(of).map_err(|problem| match problem {
        NameProblem::NotLiteral { expr, format } => {
            let hint = if format {
                "\na name built at run time gives every call its own name; keep the name fixed and put the varying part in an attribute: `attrs(\"customer.id\" = customer_id)`"
            } else {
                "\nwrite the name as a literal, e.g. `name = \"rewards.redemption.apply\"`"
            };
            syn::Error::new_spanned(
                expr,
                format!("{what} names must be string literals (bounded cardinality){hint}"),
            )
        }
        NameProblem::ConcatOfNonLiterals(m) => syn::Error::new_spanned(
            m,
            format!("{what} names must be string literals (bounded cardinality): `concat!` may only join literals"),
        ),
        NameProblem::Empty(lit) => {
            syn::Error::new_spanned(&lit, format!("{what} names must not be empty"))
        }
        NameProblem::Placeholders(lit) => syn::Error::new_spanned(
            &lit,
            format!(
                "placeholders in {what} names are rejected: `{}` looks like a format string, and names must not vary per call\nkeep the name fixed and record the varying part as an attribute{}",
                lit.value(),
                if of == NameOf::Span {
                    "; an HTTP route template is the one exception: `\"GET /users/{id}\"`, each placeholder a whole path segment"
                } else {
                    ""
                }
            ),
        ),
    })
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
        (Some(name), _) => check_name(name, NameOf::Span).unwrap_or_else(|e| {
            check.error(e);
            LitStr::new("invalid", Span::call_site())
        }),
        (None, Some(declared)) => declared,
        (None, None) => LitStr::new(&sig.ident.unraw().to_string(), sig.ident.span()),
    };

    let kind = match &args.kind {
        None => declared_kind.unwrap_or(Kind::Internal),
        Some(written) => match Kind::from_written(&written.to_string()) {
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
        fast_path: args.no_fast_path.is_none(),
        extras,
    })
}

pub fn check_record(input: FromRuntime<RecordInput>) -> syn::Result<RecordPlan> {
    let mut check = Check::default();
    let attrs = check.attrs(&input.input.attrs, &|_| None);
    check.finish(|extras| RecordPlan {
        krate: input.krate,
        attrs,
        extras,
    })
}

pub fn check_event(input: FromRuntime<EventInput>) -> syn::Result<EventPlan> {
    let mut check = Check::default();
    let name = match check_name(&input.input.name, NameOf::Event) {
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
    let attrs = check.attrs(&input.input.attrs, &|_| None);
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

    #[test]
    fn name_problems_read_as_the_contract_says() {
        let message = |tokens: &str, of| {
            let name: Name = syn::parse_str(tokens).unwrap();
            check_name(&name, of).err().unwrap().to_string()
        };
        assert!(message("format!(\"a{}\", x)", NameOf::Span).contains("bounded cardinality"));
        assert!(message("format!(\"a{}\", x)", NameOf::Span).contains("built at run time"));
        assert!(message("NAME", NameOf::Event).contains("write the name as a literal"));
        assert!(message("concat!(a)", NameOf::Span).contains("`concat!` may only join literals"));
        assert!(message("\" \"", NameOf::Event).contains("event names must not be empty"));
        assert!(message("\"a_{b}\"", NameOf::Span).contains("route template is the one exception"));
        assert!(!message("\"a_{b}\"", NameOf::Event).contains("route template"));
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
