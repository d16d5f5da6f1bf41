//! The walk over a parsed file that makes the [`Site`]s.

use std::collections::{HashMap, HashSet};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, ExprCall, ExprMethodCall, Token};
use traced_registry::Primitive;

use super::calls::{
    is_path, key_literal, kind_of, lit_str, literal_keys, not_span_data, resource_builder,
    setter_type, text, tracer_like,
};
use super::instrument;
use super::paths::Uses;
use super::tracing_macros::{self, Field, FieldValue};
use super::value::{self, Scope};
use super::{AttributeSite, EventSite, Place, Site, SpanSite, Text, Value, What};

/// The sites of a parsed file, unordered.
pub fn sites(file: &syn::File) -> Vec<Site> {
    let uses = Uses::of(file);
    let mut walker = Walker {
        uses: &uses,
        scopes: vec![Scope::default()],
        functions: Vec::new(),
        impls: Vec::new(),
        sites: Vec::new(),
        consumed: HashSet::new(),
        chains: HashMap::new(),
        events: Vec::new(),
    };
    walker.visit_file(file);
    let Walker {
        mut sites, chains, ..
    } = walker;
    for site in &mut sites {
        if let What::Span(span) = &mut site.what {
            if let Some(chain) = chains.get(&site.at) {
                span.kind = span.kind.take().or_else(|| chain.kind.clone());
                span.keys = chain.keys.clone();
            }
        }
    }
    sites
}

/// Fields tracing-opentelemetry does not turn into attributes: its own `otel.*`, an event's
/// `message`, and the metric names its `MetricsLayer` reads (`counter.*`,
/// `monotonic_counter.*`, `histogram.*`).
fn not_an_attribute(field: &str) -> bool {
    field == "message"
        || ["otel.", "counter.", "monotonic_counter.", "histogram."]
            .iter()
            .any(|prefix| field.starts_with(prefix))
}

/// The api of the sites `#[instrument]` makes of a fn's arguments.
pub const INSTRUMENT_ARGUMENT: &str = "#[instrument] argument";

/// How a `%`/`?` field value is shown: it records as a string.
fn formatted(sigil: char) -> String {
    let how = if sigil == '%' { "Display" } else { "Debug" };
    format!("`{sigil}`-formatted ({how})")
}

/// What a span builder chain (`tracer.span_builder("n").with_kind(..).with_attributes(..)`)
/// shows of the span, keyed by the place of its name.
struct Chain {
    kind: Option<String>,
    keys: Option<Vec<String>>,
}

struct Walker<'u> {
    uses: &'u Uses,
    scopes: Vec<Scope>,
    functions: Vec<String>,
    impls: Vec<String>,
    sites: Vec<Site>,
    /// Key literals already recorded with their value (`KeyValue::new(Key::new("k"), v)`), so
    /// the inner `Key::new` is not a second site.
    consumed: HashSet<Place>,
    chains: HashMap<Place, Chain>,
    /// The event sites whose attributes argument is being walked, innermost last.
    events: Vec<Place>,
}

impl Walker<'_> {
    fn scope(&self) -> &Scope {
        self.scopes.last().expect("the file scope is never popped")
    }

    fn push(&mut self, at: Place, api: &'static str, what: What) {
        self.sites.push(Site {
            at,
            function: self.functions.last().cloned(),
            api,
            what,
            in_event: self.events.last().copied(),
        });
    }

    fn span(&mut self, name: &Expr, api: &'static str) {
        let (text, at) = self.text(name);
        self.push(
            at,
            api,
            What::Span(SpanSite {
                name: text,
                kind: None,
                keys: None,
            }),
        );
    }

    fn attribute(
        &mut self,
        key: &syn::LitStr,
        value: Value,
        value_at: Option<Place>,
        api: &'static str,
    ) {
        let at = Place::spanned(key);
        if !self.consumed.insert(at) {
            return;
        }
        self.push(
            at,
            api,
            What::Attribute(AttributeSite {
                key: key.value(),
                value,
                value_at,
            }),
        );
    }

    /// A name's text, through a local bound once (`let name = format!(..); tracer.start(name)`);
    /// the place stays where the name is used.
    fn text(&self, expr: &Expr) -> (Text, Place) {
        let (found, at) = text(expr);
        let Expr::Path(path) = expr else {
            return (found, at);
        };
        let local = path.path.get_ident().and_then(|ident| {
            match self.scope().local(&ident.to_string())? {
                value::Local::Init(init) => Some((ident, text(init).0)),
                value::Local::Typed(_) => None,
            }
        });
        match local {
            Some((ident, Text::Built(how))) => (Text::Built(format!("{how} (in `{ident}`)")), at),
            Some((_, Text::Literal(name))) => (Text::Literal(name), at),
            Some((_, Text::Unknown)) | None => (found, at),
        }
    }

    fn value(&self, expr: &Expr) -> Value {
        value::of_expr(expr, self.scope(), self.uses)
    }

    /// A fn's own scope and name, and its `#[instrument]`.
    fn function(
        &mut self,
        name: String,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        body: &syn::Block,
        walk: impl FnOnce(&mut Self),
    ) {
        self.functions.push(name);
        self.scopes.push(Scope::of_fn(sig, body));
        for attr in attrs.iter().filter(|a| instrument::is_instrument(a)) {
            self.instrument(attr, sig);
        }
        walk(self);
        self.scopes.pop();
        self.functions.pop();
    }

    fn instrument(&mut self, attr: &syn::Attribute, sig: &syn::Signature) {
        let Ok(parsed) = instrument::parse(attr) else {
            return;
        };
        let mut keys: Vec<String> = Vec::new();
        if !parsed.skip_all {
            for input in &sig.inputs {
                let (name, at, value) = match input {
                    syn::FnArg::Receiver(r) => (
                        "self".to_string(),
                        Place::spanned(&r.self_token),
                        Value::Unknown,
                    ),
                    syn::FnArg::Typed(arg) => match &*arg.pat {
                        syn::Pat::Ident(ident) => (
                            ident.ident.to_string(),
                            Place::spanned(&ident.ident),
                            value::of_instrument_argument(&arg.ty),
                        ),
                        _ => continue,
                    },
                };
                if parsed.skip.contains(&name) {
                    continue;
                }
                keys.push(name.clone());
                self.push(
                    at,
                    INSTRUMENT_ARGUMENT,
                    What::Attribute(AttributeSite {
                        key: name,
                        value,
                        value_at: None,
                    }),
                );
            }
        }
        let (name, at) = match &parsed.name {
            Some(name) => self.text(name),
            None => (
                Text::Literal(sig.ident.to_string()),
                Place::spanned(
                    attr.path()
                        .segments
                        .last()
                        .map(|s| &s.ident)
                        .unwrap_or(&sig.ident),
                ),
            ),
        };
        self.tracing_span(name, at, "#[instrument]", &parsed.fields, keys);
    }

    /// A `tracing` span: its fields are attributes (but tracing-opentelemetry's own `otel.*`),
    /// and `otel.name`/`otel.kind` set its name and kind.
    fn tracing_span(
        &mut self,
        name: Text,
        at: Place,
        api: &'static str,
        fields: &[Field],
        mut keys: Vec<String>,
    ) {
        let mut site = SpanSite {
            name,
            kind: None,
            keys: None,
        };
        let mut at = at;
        for field in fields {
            match (field.name.as_str(), &field.value) {
                ("otel.name", FieldValue::Plain(expr) | FieldValue::Formatted { expr, .. }) => {
                    (site.name, at) = self.text(expr);
                }
                ("otel.kind", FieldValue::Plain(expr) | FieldValue::Formatted { expr, .. }) => {
                    site.kind = kind_of(expr);
                }
                _ => {}
            }
        }
        keys.extend(self.fields(fields, api));
        site.keys = Some(keys);
        self.push(at, api, What::Span(site));
    }

    /// The attribute sites of `tracing` fields; returns their keys.
    fn fields(&mut self, fields: &[Field], api: &'static str) -> Vec<String> {
        let mut keys = Vec::new();
        for field in fields {
            if not_an_attribute(&field.name) {
                continue;
            }
            let value = match &field.value {
                FieldValue::Plain(expr) => value::as_tracing_field(self.value(expr)),
                FieldValue::Formatted { sigil, expr } => {
                    if value::redacts(expr, self.uses) {
                        Value::Redacted
                    } else {
                        Value::Records {
                            ty: Primitive::String,
                            shown: formatted(*sigil),
                        }
                    }
                }
                FieldValue::Shorthand { sigil: Some(sigil) } => Value::Records {
                    ty: Primitive::String,
                    shown: formatted(*sigil),
                },
                // `x` alone is the variable `x`; a dotted or quoted name is no variable.
                FieldValue::Shorthand { sigil: None } => {
                    match syn::parse_str::<syn::Ident>(&field.name) {
                        Ok(ident) => {
                            value::as_tracing_field(self.value(&syn::parse_quote!(#ident)))
                        }
                        Err(_) => Value::Unknown,
                    }
                }
            };
            keys.push(field.name.clone());
            self.push(
                field.at,
                api,
                What::Attribute(AttributeSite {
                    key: field.name.clone(),
                    value,
                    value_at: field.value_at,
                }),
            );
        }
        keys
    }

    fn tracing_macro(&mut self, mac: &syn::Macro, kind: tracing_macros::Kind, api: &'static str) {
        let Ok(call) = tracing_macros::parse(kind, mac.tokens.clone()) else {
            return;
        };
        match &call.name {
            Some(name) => {
                let (name, at) = self.text(name);
                self.tracing_span(name, at, api, &call.fields, Vec::new());
            }
            None => {
                self.fields(&call.fields, api);
            }
        }
    }

    /// What a builder chain ending at `call` shows, recorded against its root's name.
    fn chain(&mut self, call: &ExprMethodCall) {
        let mut kind = None;
        let mut keys: Option<Vec<String>> = None;
        let mut all_shown = true;
        let mut link = call;
        let name = loop {
            match link.method.to_string().as_str() {
                "span_builder" if link.args.len() == 1 => break &link.args[0],
                "with_kind" if link.args.len() == 1 => {
                    kind = kind.or_else(|| kind_of(&link.args[0]));
                }
                "with_attributes" if link.args.len() == 1 => {
                    match literal_keys(&link.args[0], self.uses) {
                        Some(found) => keys.get_or_insert_with(Vec::new).extend(found),
                        None => all_shown = false,
                    }
                }
                _ => {}
            }
            let mut receiver = &*link.receiver;
            while let Expr::Paren(p) = receiver {
                receiver = &p.expr;
            }
            match receiver {
                Expr::MethodCall(m) => link = m,
                Expr::Call(c)
                    if c.args.len() == 1
                        && is_path(&c.func, self.uses, &["SpanBuilder", "from_name"]) =>
                {
                    break &c.args[0];
                }
                _ => return,
            }
        };
        let (_, at) = text(name);
        self.chains.entry(at).or_insert(Chain {
            kind,
            keys: keys.filter(|_| all_shown),
        });
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(
            item.sig.ident.to_string(),
            &item.attrs,
            &item.sig,
            &item.block,
            |w| visit::visit_item_fn(w, item),
        );
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let name = match &*item.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        self.impls.push(name.unwrap_or_else(|| "_".into()));
        visit::visit_item_impl(self, item);
        self.impls.pop();
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let name = match self.impls.last() {
            Some(ty) => format!("{ty}::{}", item.sig.ident),
            None => item.sig.ident.to_string(),
        };
        self.function(name, &item.attrs, &item.sig, &item.block, |w| {
            visit::visit_impl_item_fn(w, item)
        });
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.impls.push(item.ident.to_string());
        visit::visit_item_trait(self, item);
        self.impls.pop();
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        let Some(body) = &item.default else {
            return visit::visit_trait_item_fn(self, item);
        };
        let name = match self.impls.last() {
            Some(ty) => format!("{ty}::{}", item.sig.ident),
            None => item.sig.ident.to_string(),
        };
        self.function(name, &item.attrs, &item.sig, body, |w| {
            visit::visit_trait_item_fn(w, item)
        });
    }

    fn visit_expr_call(&mut self, call: &'ast ExprCall) {
        let uses = self.uses;
        if let Expr::Path(func) = &*call.func {
            if not_span_data(&uses.resolve(&func.path)) {
                return self.visit_expr(&call.func);
            }
        }
        if call.args.len() == 2 && is_path(&call.func, uses, &["KeyValue", "new"]) {
            if let Some(key) = key_literal(&call.args[0], uses) {
                let value = self.value(&call.args[1]);
                self.attribute(
                    key,
                    value,
                    Some(Place::spanned(&call.args[1])),
                    "KeyValue::new",
                );
            }
        } else if call.args.len() == 1 && is_path(&call.func, uses, &["SpanBuilder", "from_name"]) {
            self.span(&call.args[0], "SpanBuilder::from_name");
        } else if call.args.len() == 1 {
            for (tail, api) in [
                (["Key", "new"], "Key::new"),
                (["Key", "from_static_str"], "Key::from_static_str"),
            ] {
                if is_path(&call.func, uses, &tail) {
                    if let Some(key) = lit_str(&call.args[0]) {
                        self.attribute(key, Value::Absent, None, api);
                    }
                }
            }
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        let method = call.method.to_string();
        let args = &call.args;
        if method.contains("baggage")
            || (method.starts_with("with_") && resource_builder(&call.receiver, self.uses))
        {
            return self.visit_expr(&call.receiver);
        }
        match method.as_str() {
            "start" if args.len() == 1 && tracer_like(&call.receiver) => {
                self.span(&args[0], "tracer.start")
            }
            "start_with_context" if args.len() == 2 && tracer_like(&call.receiver) => {
                self.span(&args[0], "tracer.start_with_context")
            }
            "span_builder" if args.len() == 1 => self.span(&args[0], "tracer.span_builder"),
            "in_span" if args.len() == 2 => self.span(&args[0], "tracer.in_span"),
            "add_event" if args.len() == 2 => {
                return self.event(call, "add_event");
            }
            "add_event_with_timestamp" if args.len() == 3 => {
                return self.event(call, "add_event_with_timestamp");
            }
            _ => {}
        }
        // tracing-opentelemetry's `OpenTelemetrySpanExt::set_attribute(key, value)`.
        if method == "set_attribute" && args.len() == 2 {
            if let Some(key) = key_literal(&args[0], self.uses) {
                let value = self.value(&args[1]);
                self.attribute(key, value, Some(Place::spanned(&args[1])), "set_attribute");
            }
        }
        if let (Some(ty), 1) = (setter_type(&method), args.len()) {
            if let Some(key) = key_literal(&call.receiver, self.uses) {
                let value = match self.value(&args[0]) {
                    Value::Redacted => Value::Redacted,
                    _ => Value::Records {
                        ty,
                        shown: format!("`.{method}(..)`"),
                    },
                };
                self.attribute(key, value, Some(Place::spanned(&args[0])), "Key::new");
            }
        }
        if method.starts_with("with_") || method == "start" || method == "start_with_context" {
            self.chain(call);
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let path = self.uses.resolve(&mac.path);
        let Some(last) = path.last() else {
            return;
        };
        let first = path.first().map(String::as_str);
        // `log`'s macros share the names; traced's own `event!`/`record!` are checked by the
        // macros themselves.
        let foreign = matches!(
            first,
            Some("log" | "traced_runtime" | "traced_macros" | "traced")
        );
        if let (Some(kind), false) = (tracing_macros::Kind::of(last), foreign) {
            let traced_event = kind == tracing_macros::Kind::Event
                && mac.tokens.clone().into_iter().next().is_some_and(|t| {
                    matches!(t, proc_macro2::TokenTree::Literal(l) if l.to_string().starts_with('"'))
                });
            if !traced_event {
                let api = match last.as_str() {
                    "span" => "span!",
                    "trace_span" => "trace_span!",
                    "debug_span" => "debug_span!",
                    "info_span" => "info_span!",
                    "warn_span" => "warn_span!",
                    "error_span" => "error_span!",
                    "event" => "event!",
                    "trace" => "trace!",
                    "debug" => "debug!",
                    "info" => "info!",
                    "warn" => "warn!",
                    _ => "error!",
                };
                return self.tracing_macro(mac, kind, api);
            }
            return;
        }
        // Any other macro (`vec!`, `assert!`, a `macro_rules!` of the crate's): its body, when
        // it is a list of expressions, is walked like code.
        if let Ok(exprs) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
    }
}

impl<'ast> Walker<'_> {
    /// An `add_event` call: its name is an event site, and what its last argument (the
    /// attributes) sets belongs to that event.
    fn event(&mut self, call: &'ast ExprMethodCall, api: &'static str) {
        let (name, at) = self.text(&call.args[0]);
        self.push(at, api, What::Event(EventSite { name }));
        self.visit_expr(&call.receiver);
        let last = call.args.len() - 1;
        for (i, arg) in call.args.iter().enumerate() {
            if i == last {
                self.events.push(at);
                self.visit_expr(arg);
                self.events.pop();
            } else {
                self.visit_expr(arg);
            }
        }
    }
}
