//! What a recorded value is, from its expression: a literal's type, a type the enclosing fn
//! declares, a conversion written in the call, a pass through `traced_runtime::redact`.

use std::collections::HashMap;
use syn::visit::Visit;
use syn::{Expr, Type};
use traced_registry::Primitive;

use super::Value;
use super::paths::{Uses, ends_with};
use traced_syntax::value_syntax::{self, Verdict};

/// What the enclosing fn tells about names: its arguments' declared types, and its locals
/// bound once by a `let` (with their declared type or initializer). A name bound more than
/// once (shadowed, or also a closure or `match` binding) is not followed: which binding a use
/// sees is not decided here.
#[derive(Default)]
pub struct Scope {
    /// The fn's signature, for its arguments' declared types; none outside a fn.
    pub signature: Option<syn::Signature>,
    /// How many patterns in the body bind each name.
    pub bindings: HashMap<String, usize>,
    /// The body's `let x: T = ..;` and `let x = init;` (not `mut`), by name.
    pub locals: HashMap<String, Local>,
}

/// What a `let` says of a local.
#[derive(Clone)]
pub enum Local {
    /// `let x: T = ..`: its declared type.
    Typed(Type),
    /// `let x = init`: its initializer.
    Init(Expr),
}

impl Scope {
    /// The scope of a fn with this signature and body.
    pub fn of_fn(signature: &syn::Signature, body: &syn::Block) -> Scope {
        let mut scope = Scope {
            signature: Some(signature.clone()),
            ..Scope::default()
        };
        Bindings { scope: &mut scope }.visit_block(body);
        scope
    }

    /// An argument's declared type, unless the body binds its name again.
    fn arg_type(&self, ident: &syn::Ident) -> Option<Type> {
        if self.bindings.contains_key(&ident.to_string()) {
            return None;
        }
        value_syntax::arg_types(self.signature.as_ref()?)(ident)
    }

    /// What the one `let` binding `name` says of it; nothing when it also names an argument
    /// (a use before the `let` sees the argument).
    pub fn local(&self, name: &str) -> Option<&Local> {
        let argument = self.signature.as_ref().is_some_and(|sig| {
            sig.inputs.iter().any(|input| {
                matches!(input, syn::FnArg::Typed(t) if matches!(&*t.pat, syn::Pat::Ident(p) if p.ident == name))
            })
        });
        if argument || self.bindings.get(name) != Some(&1) {
            return None;
        }
        self.locals.get(name)
    }

    /// A bare identifier's local, if the expression is one.
    fn local_of(&self, expr: &Expr) -> Option<&Local> {
        match expr {
            Expr::Path(p) => self.local(&p.path.get_ident()?.to_string()),
            _ => None,
        }
    }
}

struct Bindings<'s> {
    scope: &'s mut Scope,
}

impl<'ast> Visit<'ast> for Bindings<'_> {
    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        *self
            .scope
            .bindings
            .entry(pat.ident.to_string())
            .or_default() += 1;
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let local_of = |pat: &syn::PatIdent, what: Local| {
            (pat.mutability.is_none() && pat.by_ref.is_none() && pat.subpat.is_none())
                .then(|| (pat.ident.to_string(), what))
        };
        let found = match (&local.pat, &local.init) {
            (syn::Pat::Type(typed), _) => match &*typed.pat {
                syn::Pat::Ident(pat) => local_of(pat, Local::Typed((*typed.ty).clone())),
                _ => None,
            },
            (syn::Pat::Ident(pat), Some(init)) => local_of(pat, Local::Init((*init.expr).clone())),
            _ => None,
        };
        if let Some((name, what)) = found {
            self.scope.locals.insert(name, what);
        }
        syn::visit::visit_local(self, local);
    }

    // Items inside a fn have their own scopes.
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Whether `expr` calls into `traced_runtime::redact` anywhere (`redact::pseudonym(e)`,
/// `r::url(&u).to_string()` after `use traced_runtime::redact as r`).
pub fn redacts(expr: &Expr, uses: &Uses) -> bool {
    struct Finder<'u> {
        uses: &'u Uses,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let Expr::Path(path) = &*call.func {
                let segments = self.uses.resolve(&path.path);
                if segments[..segments.len().saturating_sub(1)]
                    .iter()
                    .any(|s| s == "redact")
                {
                    self.found = true;
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut finder = Finder { uses, found: false };
    finder.visit_expr(expr);
    finder.found
}

/// How many locals are followed from one value (`let b = a;` after `let a = 3;`): enough for
/// real code, and an end to a cycle the flow-insensitive [`Scope`] may show.
const LOCAL_DEPTH: usize = 8;

/// What `expr`, recorded with OpenTelemetry's `Into<Value>` or as a `tracing` field value,
/// records as.
pub fn of_expr(expr: &Expr, scope: &Scope, uses: &Uses) -> Value {
    of_expr_within(expr, scope, uses, LOCAL_DEPTH)
}

fn of_expr_within(expr: &Expr, scope: &Scope, uses: &Uses, depth: usize) -> Value {
    if redacts(expr, uses) {
        return Value::Redacted;
    }
    match (expr, scope.local_of(expr)) {
        (_, Some(Local::Typed(ty))) => return of_type(ty),
        (_, Some(Local::Init(init))) if depth > 0 => {
            return of_expr_within(init, scope, uses, depth - 1);
        }
        (Expr::Path(path), _) if ends_with(&uses.resolve(&path.path), &["field", "Empty"]) => {
            return Value::Absent;
        }
        (Expr::Reference(r), _) => return of_expr_within(&r.expr, scope, uses, depth),
        (Expr::Paren(p), _) => return of_expr_within(&p.expr, scope, uses, depth),
        (Expr::Group(g), _) => return of_expr_within(&g.expr, scope, uses, depth),
        _ => {}
    }
    if let Some(value) = written_conversion(expr, uses) {
        return value;
    }
    let (verdict, shown) = value_syntax::of_expr(expr, |ident| scope.arg_type(ident));
    verdict_value(verdict, shown)
}

/// What a value recorded as a `tracing` field records as. `tracing` takes only its own
/// `Value`s (scalars and strings; anything else does not compile), and tracing-opentelemetry
/// turns what OpenTelemetry has no type for (128-bit integers, byte slices) into another: so
/// only a scalar or string verdict stands.
pub fn as_tracing_field(value: Value) -> Value {
    match value {
        Value::Records {
            ty:
                Primitive::StringArray
                | Primitive::IntArray
                | Primitive::DoubleArray
                | Primitive::BooleanArray,
            ..
        } => Value::Unknown,
        Value::Unrecordable { .. } => Value::Unknown,
        other => other,
    }
}

/// What a fn argument recorded by `#[instrument]` records as: tracing-attributes records
/// `bool`, integers, floats, `str` and `String` (through references) by value, anything else
/// through `Debug`, as a string.
pub fn of_instrument_argument(ty: &Type) -> Value {
    let mut bare = ty;
    while let Type::Reference(r) = bare {
        bare = &r.elem;
    }
    let by_value = matches!(bare, Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1
        && matches!(p.path.segments[0].arguments, syn::PathArguments::None)
        && matches!(p.path.segments[0].ident.to_string().as_str(),
            "bool" | "str" | "String" | "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "usize" | "isize" | "u128" | "i128" | "f32" | "f64"));
    if by_value {
        return as_tracing_field(of_type(ty));
    }
    Value::Records {
        ty: Primitive::String,
        shown: format!("`{}` (recorded with `Debug`)", value_syntax::display(ty)),
    }
}

/// What the value of a declared type records as.
pub fn of_type(ty: &Type) -> Value {
    verdict_value(value_syntax::of_type(ty), value_syntax::display(ty))
}

fn verdict_value(verdict: Verdict, shown: String) -> Value {
    match verdict {
        Verdict::Records(ty) => Value::Records {
            ty,
            shown: format!("`{shown}`"),
        },
        Verdict::Unrecordable(help) => Value::Unrecordable {
            help: help.to_string(),
        },
        Verdict::Undecided => Value::Unknown,
    }
}

fn records(ty: Primitive, shown: &str) -> Option<Value> {
    Some(Value::Records {
        ty,
        shown: format!("`{shown}`"),
    })
}

/// A type the call itself writes: `x.to_string()`, `format!(..)`, `n as i64`,
/// `Value::I64(n)`, `Array::String(v)`, or a value made by a constructor of a type that is no
/// attribute value (`SystemTime::now()`, `HashMap::new()`), a struct literal, a closure.
fn written_conversion(expr: &Expr, uses: &Uses) -> Option<Value> {
    match expr {
        Expr::MethodCall(call) if call.args.is_empty() && matches!(call.method.to_string().as_str(), "to_string" | "to_owned") => {
            records(Primitive::String, "String")
        }
        Expr::Macro(m) if m.mac.path.is_ident("format") => records(Primitive::String, "String"),
        Expr::Cast(cast) => match value_syntax::of_type(&cast.ty) {
            Verdict::Records(ty) => records(ty, &value_syntax::display(&cast.ty)),
            Verdict::Unrecordable(help) => Some(Value::Unrecordable { help: help.to_string() }),
            Verdict::Undecided => None,
        },
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let segments = uses.resolve(&func.path);
            let n = segments.len();
            if n >= 2 && (segments[n - 2] == "Value" || segments[n - 2] == "Array") {
                let array = segments[n - 2] == "Array";
                let ty = match (segments[n - 1].as_str(), array) {
                    ("I64", false) => Primitive::Int,
                    ("F64", false) => Primitive::Double,
                    ("Bool", false) => Primitive::Boolean,
                    ("String", false) => Primitive::String,
                    ("I64", true) => Primitive::IntArray,
                    ("F64", true) => Primitive::DoubleArray,
                    ("Bool", true) => Primitive::BooleanArray,
                    ("String", true) => Primitive::StringArray,
                    _ => return None,
                };
                return records(ty, &segments[n - 2..].join("::"));
            }
            if ends_with(&segments, &["field", "display"]) || ends_with(&segments, &["field", "debug"]) {
                return records(Primitive::String, &segments[n - 1]);
            }
            // `SystemTime::now()`: the type is the path before a constructor's name.
            let constructor = ["new", "now", "default", "with_capacity", "from"];
            if n >= 2 && constructor.contains(&segments[n - 1].as_str()) {
                let mut ty = func.path.clone();
                ty.segments.pop();
                let ty = syn::TypePath { attrs: Vec::new(), qself: None, path: syn::Path { leading_colon: ty.leading_colon, segments: ty.segments.into_pairs().map(|p| p.into_value()).collect() } };
                if let Verdict::Unrecordable(help) = value_syntax::of_type(&Type::Path(ty)) {
                    return Some(Value::Unrecordable { help: help.to_string() });
                }
            }
            None
        }
        Expr::Struct(_) => Some(Value::Unrecordable {
            help: "a struct is not an attribute value; record each field you need as its own attribute".into(),
        }),
        Expr::Closure(_) => Some(Value::Unrecordable {
            help: "a closure is not an attribute value; record what it computes".into(),
        }),
        Expr::Tuple(t) if !t.elems.is_empty() => Some(Value::Unrecordable {
            help: "record each element of the tuple as its own attribute".into(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(source: &str) -> Value {
        let file: syn::File = syn::parse_str(&format!(
            "use traced_runtime::redact as r; fn f(n: u32, s: &str, t: std::time::SystemTime, shadowed: &str) {{ let shadowed = 3; let p = r::pseudonym(s); let typed: f64 = compute(); let local = true; let twice = 1; let twice = \"x\"; let mut changing = 1; let cycle_a = cycle_b; let cycle_b = cycle_a; let v = {source}; }}"
        ))
        .unwrap();
        let uses = Uses::of(&file);
        let syn::Item::Fn(f) = &file.items[1] else {
            unreachable!()
        };
        let scope = Scope::of_fn(&f.sig, &f.block);
        let syn::Stmt::Local(local) = f.block.stmts.last().unwrap() else {
            unreachable!()
        };
        of_expr(&local.init.as_ref().unwrap().expr, &scope, &uses)
    }

    fn ty(v: Value) -> Option<Primitive> {
        match v {
            Value::Records { ty, .. } => Some(ty),
            _ => None,
        }
    }

    #[test]
    fn literals_arguments_and_conversions() {
        assert_eq!(ty(value("\"x\"")), Some(Primitive::String));
        assert_eq!(ty(value("42")), Some(Primitive::Int));
        assert_eq!(ty(value("&n")), Some(Primitive::Int));
        assert_eq!(ty(value("s")), Some(Primitive::String));
        assert_eq!(ty(value("n as f64")), Some(Primitive::Double));
        assert_eq!(ty(value("n.to_string()")), Some(Primitive::String));
        assert_eq!(ty(value("format!(\"{n}\")")), Some(Primitive::String));
        assert_eq!(
            ty(value("opentelemetry::Value::Bool(true)")),
            Some(Primitive::Boolean)
        );
        assert_eq!(value("shadowed"), Value::Unknown);
        assert_eq!(ty(value("typed")), Some(Primitive::Double));
        assert_eq!(ty(value("local")), Some(Primitive::Boolean));
        assert_eq!(value("twice"), Value::Unknown);
        assert_eq!(value("changing"), Value::Unknown);
        assert_eq!(value("cycle_a"), Value::Unknown);
        assert_eq!(value("other"), Value::Unknown);
    }

    #[test]
    fn tracing_fields_and_instrument_arguments() {
        let ty = |t: &str| syn::parse_str::<Type>(t).unwrap();
        assert!(matches!(
            as_tracing_field(of_type(&ty("u128"))),
            Value::Unknown
        ));
        assert!(matches!(
            as_tracing_field(of_type(&ty("&[u8]"))),
            Value::Unknown
        ));
        assert!(matches!(
            as_tracing_field(of_type(&ty("&str"))),
            Value::Records {
                ty: Primitive::String,
                ..
            }
        ));
        let arg = |t: &str| match of_instrument_argument(&ty(t)) {
            Value::Records { ty, .. } => Some(ty),
            _ => None,
        };
        assert_eq!(arg("&&u32"), Some(Primitive::Int));
        assert_eq!(arg("f64"), Some(Primitive::Double));
        assert_eq!(arg("Option<i64>"), Some(Primitive::String));
        assert_eq!(arg("Customer"), Some(Primitive::String));
        assert_eq!(arg("u128"), None);
    }

    #[test]
    fn redacted_and_unrecordable() {
        assert_eq!(value("r::pseudonym(s).to_string()"), Value::Redacted);
        assert_eq!(value("p"), Value::Redacted);
        assert_eq!(value("tracing::field::Empty"), Value::Absent);
        for unrecordable in [
            "t",
            "std::time::SystemTime::now()",
            "HashMap::new()",
            "Order { id: 1 }",
            "|| 3",
            "(1, 2)",
        ] {
            assert!(
                matches!(value(unrecordable), Value::Unrecordable { .. }),
                "{unrecordable}"
            );
        }
    }
}
