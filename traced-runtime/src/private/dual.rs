//! The future of a traced async fn in optimized builds: the bare body when nothing is traced,
//! the instrumented one otherwise. A fn returns one type, so the two are its variants.

use std::future::Future;
use std::pin::Pin;
use std::task::{self, Poll};

pin_project_lite::pin_project! {
    /// Either the body's own future (nothing traced) or the instrumented one.
    #[project = DualProj]
    #[derive(Debug)]
    pub enum Dual<A, B> {
        /// Nothing traced: the body's own future.
        Bare { #[pin] fut: A },
        /// The body instrumented with its span.
        Traced { #[pin] fut: B },
    }
}

impl<A, B> Dual<A, B> {
    /// The body's own future.
    #[inline(always)]
    pub fn bare(fut: A) -> Self {
        Dual::Bare { fut }
    }

    /// The instrumented future.
    #[inline(always)]
    pub fn traced(fut: B) -> Self {
        Dual::Traced { fut }
    }
}

impl<A: Future, B: Future<Output = A::Output>> Future for Dual<A, B> {
    type Output = A::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, task: &mut task::Context<'_>) -> Poll<A::Output> {
        match self.project() {
            DualProj::Bare { fut } => fut.poll(task),
            DualProj::Traced { fut } => fut.poll(task),
        }
    }
}
