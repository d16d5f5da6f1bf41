//! Keys the registry marks sensitive: `pii` values must be redacted by the runtime's helpers,
//! `secret` keys are refused, and `allow_sensitive("key", reason = "...")` lets one `#[traced]`
//! record a raw `pii` value after review.
//!
//! The `pii` check is by type, not by spelling: the expansion passes the value through a trait
//! declared beside it, implemented (through `traced_runtime::Pseudonymized`) only for the
//! runtime's `Redacted` and what wraps it, so the helper may be reached by any path and a
//! `String` never passes. The trait is declared per value so its `on_unimplemented` message can
//! name the key, where the registry marks it, and the fix.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::collections::HashSet;
use syn::{Ident, LitStr};
use traced_registry::{Lookup, Registry, SensitiveMark, Sensitivity};
use traced_syntax::Allow;

/// The diagnostic a raw value for a `pii` key gets, carried from `valid` to `expand`.
pub struct Guard {
    pub message: String,
    pub label: String,
    pub notes: Vec<String>,
}

/// The sensitivity mark of `key`, looked through templates.
fn mark<'r>(registry: &'r Registry, key: &str) -> Option<&'r SensitiveMark> {
    match registry.lookup(key) {
        Lookup::Found(attr) | Lookup::Template { template: attr, .. } => attr.sensitive.as_ref(),
        Lookup::TemplateWithoutSuffix { .. } | Lookup::NotFound { .. } => None,
    }
}

/// How the mark reads in an error: "marked `pii` at attributes.yaml:12:9".
fn marked(registry: &Registry, mark: &SensitiveMark) -> String {
    let at = &mark.set_at;
    let at = crate::location::shown(&at.file, registry.files(), at.line, at.column);
    match &mark.source {
        traced_registry::MarkSource::Definition => format!("marked `{}` at {at}", mark.level),
        traced_registry::MarkSource::Group(id) => {
            format!("marked `{}` by its group `{id}` at {at}", mark.level)
        }
        traced_registry::MarkSource::Tag => {
            format!("tagged `sensitive-information` at {at}, so it is `pii`")
        }
    }
}

/// The helper that redacts a value for `key`.
fn fix(key: &str) -> &'static str {
    match key {
        "url.full" => {
            "`traced_runtime::redact::url(&value)`: credentials and signed query parameters become `REDACTED`"
        }
        "url.query" => {
            "`traced_runtime::redact::query(&value)`: signed query parameters become `REDACTED`"
        }
        _ => {
            "`traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value"
        }
    }
}

/// Escapes text for an `on_unimplemented` string, where braces are placeholders.
fn literal(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The check of one sensitive key where a value is recorded: `Err` for a `secret` key,
/// `Some(guard)` for a `pii` key not allowed on this fn, `None` otherwise. `allowed` is `None`
/// outside `#[traced]` (`record!`, `event!`), where there is no escape hatch.
pub fn guard(
    registry: &Registry,
    key: &LitStr,
    allowed: Option<&HashSet<String>>,
) -> syn::Result<Option<Guard>> {
    let name = key.value();
    let Some(mark) = mark(registry, &name) else {
        return Ok(None);
    };
    let how = marked(registry, mark);
    match mark.level {
        Sensitivity::Secret => Err(syn::Error::new_spanned(
            key,
            format!(
                "attribute `{name}` is {how}: a secret is never recorded, not even hashed or with `allow_sensitive`\nrecord a non-secret fact instead, e.g. `\"auth.token_present\" = true`"
            ),
        )),
        Sensitivity::Pii if allowed.is_some_and(|a| a.contains(&name)) => Ok(None),
        Sensitivity::Pii => {
            let mut notes = vec![literal(&format!("record {}", fix(&name)))];
            if allowed.is_some() {
                notes.push(literal(&format!(
                    "or, if the raw value must be recorded, say why on the fn: `allow_sensitive(\"{name}\", reason = \"...\")`"
                )));
            }
            Ok(Some(Guard {
                message: format!(
                    "{}: its value must be redacted, not a raw `{{Self}}`",
                    literal(&format!("attribute `{name}` is {how}"))
                ),
                label: "personal data, recorded as it is".to_string(),
                notes,
            }))
        }
    }
}

/// Checks `allow_sensitive` options; returns the keys they allow.
pub fn check_allows(registry: &Registry, allows: &[Allow]) -> (HashSet<String>, Vec<syn::Error>) {
    let mut keys = HashSet::new();
    let mut errors = Vec::new();
    for allow in allows {
        let name = allow.key.value();
        match &allow.reason {
            None => errors.push(syn::Error::new_spanned(
                &allow.option,
                format!(
                    "`allow_sensitive(\"{name}\")` needs a reason: the raw value of a sensitive key is recorded only after review\nwrite `allow_sensitive(\"{name}\", reason = \"...\")`"
                ),
            )),
            Some(reason) if reason.value().trim().is_empty() => {
                errors.push(syn::Error::new_spanned(
                    reason,
                    "the reason must say why the raw value may be recorded; it is what a reviewer reads",
                ));
            }
            Some(_) => {}
        }
        match registry.lookup(&name) {
            Lookup::NotFound { suggestions } => {
                let hint = crate::valid::did_you_mean(&suggestions);
                errors.push(syn::Error::new_spanned(
                    &allow.key,
                    format!(
                        "attribute key `{name}` is not in the registry{hint}\n`allow_sensitive` names a registered key marked `pii`"
                    ),
                ));
                continue;
            }
            Lookup::TemplateWithoutSuffix { form, .. } => {
                errors.push(syn::Error::new_spanned(
                    &allow.key,
                    format!("attribute key `{name}` is a template: name it as `{form}`"),
                ));
                continue;
            }
            Lookup::Found(_) | Lookup::Template { .. } => {}
        }
        match mark(registry, &name) {
            None => errors.push(syn::Error::new_spanned(
                &allow.key,
                format!(
                    "attribute `{name}` is not marked sensitive in the registry: nothing to allow\nremove this `allow_sensitive`"
                ),
            )),
            Some(mark) if mark.level == Sensitivity::Secret => errors.push(syn::Error::new_spanned(
                &allow.key,
                format!(
                    "attribute `{name}` is {}: a secret is never recorded, `allow_sensitive` only lets a `pii` value through\nrecord a non-secret fact instead, e.g. `\"auth.token_present\" = true`",
                    marked(registry, mark)
                ),
            )),
            Some(_) => {
                if !keys.insert(name.clone()) {
                    errors.push(syn::Error::new_spanned(
                        &allow.key,
                        format!("`allow_sensitive(\"{name}\")` is given twice"),
                    ));
                }
            }
        }
    }
    (keys, errors)
}

/// `check` (the value's path through the guard trait) wrapped with the guard trait's
/// declaration, in a block of its own: `use_value` gets `Check::checked(&(value))`.
pub fn guarded(
    rt: &TokenStream,
    guard: &Guard,
    checked_value: impl FnOnce(&Ident) -> TokenStream,
) -> TokenStream {
    let Guard {
        message,
        label,
        notes,
    } = guard;
    // Made at the call site: spanned on the value, the name would resolve where the value was
    // written (inside a `macro_rules!`, say), not here.
    let name = Ident::new("Pseudonymized", Span::call_site());
    let body = checked_value(&name);
    quote! {
        {
            #[diagnostic::on_unimplemented(message = #message, label = #label #(, note = #notes)*)]
            trait #name {
                #[inline(always)]
                fn checked(&self) -> &Self {
                    self
                }
            }
            // Not recommended, so rustc reports this trait's message and not the runtime's.
            #[diagnostic::do_not_recommend]
            impl<T: #rt::Pseudonymized + ?::core::marker::Sized> #name for T {}
            #body
        }
    }
}

/// `Trait::checked(&(value))`, spanned on the value so the error points at it.
pub fn checked(name: &Ident, value: TokenStream, span: Span) -> TokenStream {
    quote_spanned!(span=> #name::checked(&(#value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_are_escaped_for_on_unimplemented() {
        assert_eq!(literal("a{b}c"), "a{{b}}c");
    }
}
