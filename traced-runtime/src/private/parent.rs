//! What `parent = expr` accepts.

use opentelemetry::Context;

/// The context a span started with `parent = expr` is a child of: a `Context`, or a
/// reference to one through any number of `&`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the parent of a span",
    label = "expected an `opentelemetry::Context`, found `{Self}`",
    note = "`parent =` takes the context the new span is a child of, owned or borrowed, e.g. one read from a message's headers with `traced_runtime::propagation::extract`",
    note = "to start a new trace instead, write `root`"
)]
pub trait ParentContext {
    /// The parent context.
    fn to_context(&self) -> Context;
}

impl ParentContext for Context {
    #[inline]
    fn to_context(&self) -> Context {
        self.clone()
    }
}

impl<T: ParentContext + ?Sized> ParentContext for &T {
    #[inline]
    fn to_context(&self) -> Context {
        (**self).to_context()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::trace::{SpanContext, TraceContextExt, TraceFlags, TraceState};
    use opentelemetry::trace::{SpanId, TraceId};

    #[test]
    fn any_number_of_references_reach_the_same_context() {
        let span = SpanContext::new(
            TraceId::from(7),
            SpanId::from(9),
            TraceFlags::SAMPLED,
            true,
            TraceState::default(),
        );
        let cx = Context::new().with_remote_span_context(span.clone());
        // Taken by value, as the expansion's `&(expr)` hands it over.
        fn parent_of<T: ParentContext>(value: T) -> Context {
            ParentContext::to_context(&value)
        }
        let one: &Context = &cx;
        let three: &&&Context = &&one;
        for parent in [parent_of(cx.clone()), parent_of(one), parent_of(three)] {
            assert_eq!(parent.span().span_context(), &span);
        }
    }
}
