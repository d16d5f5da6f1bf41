//! Declared spans (`span = "http.client"`): the fn checked against the span's definition in
//! the registry: its kind, its required and sampling-relevant attributes, the keys it lists.

use crate::plan::Kind;
use proc_macro2::Span;
use syn::{Block, Ident, LitStr};
use traced_registry::{Deprecation, Registry, RequirementLevel, SpanLookup};
use traced_syntax::{listed, records_in};

/// What the fn gives the span, where it is written.
pub struct Given<'a> {
    /// `kind = ...` as written.
    pub kind: Option<&'a Ident>,
    /// Keys of `attrs(...)`: start attributes, the ones samplers see.
    pub attrs: Vec<&'a LitStr>,
    /// `ret = "key"`.
    pub ret: Option<&'a LitStr>,
    /// `allow_missing("key", ...)`.
    pub allow_missing: &'a [LitStr],
    /// The fn's body, for its `record!`s.
    pub body: &'a Block,
}

/// The outcome: the kind the span gets, its default name, and what is wrong.
#[derive(Default)]
pub struct Declared {
    /// The declared kind, when `kind` is omitted.
    pub kind: Option<Kind>,
    /// The span type, the name when `name` is omitted.
    pub name: Option<LitStr>,
    pub errors: Vec<syn::Error>,
    /// Warnings: `(token, message)`.
    pub warnings: Vec<(Span, String)>,
}

pub fn check(registry: &Registry, span: &LitStr, given: &Given) -> Declared {
    let mut out = Declared::default();
    let ty = span.value();
    let def = match registry.span(&ty) {
        SpanLookup::Found(def) => def,
        SpanLookup::NotFound { suggestions } => {
            let near = crate::valid::did_you_mean(&suggestions);
            out.errors.push(syn::Error::new_spanned(
                span,
                format!(
                    "span `{ty}` is not declared in the registry{near}\ndeclare it (a `spans:` entry with `type: {ty}`), or name a declared span"
                ),
            ));
            return out;
        }
    };
    let at = crate::location::shown(
        &def.defined_at.file,
        registry.files(),
        def.defined_at.line,
        def.defined_at.column,
    );
    let note = format!("note: span `{}` is defined at {at}", def.ty);
    let mut errors = Vec::new();
    let mut error = |token: &dyn quote::ToTokens, message: String| {
        errors.push(syn::Error::new_spanned(token, format!("{message}\n{note}")));
    };
    out.name = Some(LitStr::new(&def.ty, span.span()));

    match &def.deprecated {
        Some(Deprecation::Renamed { renamed_to, .. }) => error(
            span,
            format!(
                "span `{ty}` is deprecated: it was renamed to `{renamed_to}`\nuse `span = \"{renamed_to}\"` instead"
            ),
        ),
        Some(other) => out.warnings.push((
            span.span(),
            format!(
                "span `{ty}` is deprecated{}",
                other
                    .note()
                    .map(|n| format!(": {}", n.trim()))
                    .unwrap_or_default()
            ),
        )),
        None => {}
    }

    let declared = def.kind.as_deref().and_then(Kind::from_written);
    match (given.kind, declared) {
        (Some(written), Some(declared)) if written != declared.written() => error(
            written,
            format!(
                "span `{ty}` is declared with kind `{}`, not `{written}`\nremove `kind` (the declared kind is used), or declare another span",
                declared.written()
            ),
        ),
        (None, declared) => out.kind = declared,
        _ => {}
    }

    let records = records_in(given.body);
    let in_attrs = |key: &str| given.attrs.iter().any(|k| k.value() == key);
    let allowed = |key: &str| given.allow_missing.iter().any(|k| k.value() == key);
    let mut missing = Vec::new();
    for attr in &def.attributes {
        let key = attr.key.as_str();
        let later: Vec<&LitStr> = given
            .ret
            .into_iter()
            .chain(&records)
            .filter(|k| k.value() == key)
            .collect();
        if attr.sampling_relevant && !in_attrs(key) {
            if let Some(late) = later.first() {
                let how = if given.ret.is_some_and(|r| std::ptr::eq(r, *late)) {
                    "`ret` sets it when the fn returns"
                } else {
                    "`record!` sets it after the span started"
                };
                error(
                    *late,
                    format!(
                        "attribute `{key}` of span `{ty}` is sampling relevant, but {how}: samplers see start attributes only\nmove it to `attrs(\"{key}\" = ...)`, where it is set when the span starts"
                    ),
                );
                continue;
            }
        }
        if attr.level == RequirementLevel::Required
            && !in_attrs(key)
            && later.is_empty()
            && !allowed(key)
        {
            missing.push(key);
        }
    }
    if !missing.is_empty() {
        let lines: Vec<String> = missing
            .iter()
            .map(|key| {
                let brief = match registry.lookup(key) {
                    traced_registry::Lookup::Found(a) if !a.brief.is_empty() => {
                        format!(": {}", one_line(&a.brief))
                    }
                    _ => String::new(),
                };
                let start = if def.attribute(key).is_some_and(|a| a.sampling_relevant) {
                    " (sampling relevant: set it in `attrs(...)`)"
                } else {
                    ""
                };
                format!("  `{key}`{start}{brief}")
            })
            .collect();
        error(
            span,
            format!(
                "span `{ty}` requires {} not given: {}\n{}\ngive each in `attrs(...)`, `ret = \"key\"` or a `record!` in the fn's body; for a value the fn cannot know, `allow_missing(\"{}\")`",
                if missing.len() == 1 {
                    "an attribute that is"
                } else {
                    "attributes that are"
                },
                listed(&missing),
                lines.join("\n"),
                missing[0],
            ),
        );
    }

    // A stale escape hatch hides the next real omission: each must excuse a key that is
    // required and not given.
    for key in given.allow_missing {
        let name = key.value();
        let why = match def.attribute(&name) {
            None => format!("span `{ty}` does not list `{name}`"),
            Some(a) if a.level != RequirementLevel::Required => {
                format!("span `{ty}` does not require `{name}` (it is {})", a.level)
            }
            Some(_)
                if in_attrs(&name)
                    || given
                        .ret
                        .into_iter()
                        .chain(&records)
                        .any(|k| k.value() == name) =>
            {
                format!("`{name}` is given, so there is nothing to allow")
            }
            Some(_) => continue,
        };
        error(
            key,
            format!("`allow_missing(\"{name}\")`: {why}\nremove it from `allow_missing`"),
        );
    }

    let used = given.attrs.iter().copied().chain(given.ret).chain(&records);
    for key in used {
        let name = key.value();
        // A template key is listed by its template (`http.request.header.<name>`).
        let listed_key = def.attributes.iter().any(|a| {
            name == a.key
                || name
                    .strip_prefix(a.key.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        });
        if listed_key {
            continue;
        }
        if def.strict() {
            error(
                key,
                format!(
                    "attribute `{name}` is not listed by span `{ty}`, which is strict (`annotations: {{traced: {{strict: true}}}}`)\nadd it to the span's attributes in the registry, or record it on another span"
                ),
            );
        } else {
            out.warnings.push((
                key.span(),
                format!("attribute `{name}` is not listed by span `{ty}` (defined at {at}); add it to the span's attributes in the registry"),
            ));
        }
    }
    out.errors = errors;
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
