use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls a future that never waits on I/O to completion, with no executor: nothing it awaits
/// parks, so a no-op waker and a busy loop are enough.
// `inline(always)`: the benches call every async case through this, and its cost must not be
// a call of its own in the figures.
#[inline(always)]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
