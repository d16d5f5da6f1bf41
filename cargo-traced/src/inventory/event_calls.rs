//! Where `add_event` calls hold their attributes: the keys set there are the event's, not the
//! span's. The scanner decides what is a key; this only says which keys lie inside such a call.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use crate::scan::Place;

/// One `span.add_event(name, attributes)` (or `add_event_with_timestamp(name, time,
/// attributes)`).
#[derive(Debug)]
pub struct EventCall {
    /// Where the name starts: the scanner's event site is there.
    pub name: Place,
    /// The attributes argument, from its first token to its last.
    pub attributes: (Place, Place),
}

impl EventCall {
    /// Whether `at` lies in the attributes argument.
    pub fn holds(&self, at: Place) -> bool {
        let key = |p: Place| (p.line, p.column);
        key(self.attributes.0) <= key(at) && key(at) <= key(self.attributes.1)
    }
}

/// The `add_event` calls of `file`.
pub fn event_calls(file: &syn::File) -> Vec<EventCall> {
    struct Calls(Vec<EventCall>);
    impl<'ast> Visit<'ast> for Calls {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            let attributes = match (call.method.to_string().as_str(), call.args.len()) {
                ("add_event", 2) => Some(&call.args[1]),
                ("add_event_with_timestamp", 3) => Some(&call.args[2]),
                _ => None,
            };
            if let Some(attributes) = attributes {
                let span = attributes.span();
                self.0.push(EventCall {
                    name: Place::spanned(&call.args[0]),
                    attributes: (
                        Place::of(span),
                        Place {
                            line: span.end().line,
                            column: span.end().column + 1,
                            width: 1,
                        },
                    ),
                });
            }
            visit::visit_expr_method_call(self, call);
        }
    }
    let mut calls = Calls(Vec::new());
    calls.visit_file(file);
    calls.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attributes_argument_is_bounded() {
        let file = syn::parse_file(
            "fn f() {\n    span.add_event(\"e\", vec![KeyValue::new(\"k\", 1)]);\n    span.set_attribute(KeyValue::new(\"s\", 1));\n}\n",
        )
        .unwrap();
        let calls = event_calls(&file);
        assert_eq!(calls.len(), 1);
        let at = |line, column| Place {
            line,
            column,
            width: 1,
        };
        assert_eq!((calls[0].name.line, calls[0].name.column), (2, 20));
        assert!(calls[0].holds(at(2, 43)));
        assert!(!calls[0].holds(at(3, 38)));
    }
}
