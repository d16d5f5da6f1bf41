//! The span a traced call holds, with its `unsafe` kept to this file. Invariant: `cx` is
//! initialized exactly when the mode is not `Off`. Only the methods here touch the two
//! fields, and each keeps it: a context is written only together with a mode that is not
//! `Off`, and is read out only as the mode becomes `Off`.

use opentelemetry::Context;
use std::mem::MaybeUninit;

/// A mode beside a context that exists unless the mode is `Off`, not an `Option<(Context,
/// flags)>`: as an `Option`, a disabled span reached an async fn's future as a dozen piecewise
/// moves (its one written byte among undefined ones); as `MaybeUninit` bytes it moves in two.
pub struct CallSpan {
    /// The context holding the new span, or the parent passed through; written and dropped
    /// exactly when the mode is not `Off`.
    cx: MaybeUninit<Context>,
    mode: Mode,
}

/// A word, not a byte: `CallSpan` then has no padding, and a span moves as whole words (a
/// byte beside undefined ones moved piecewise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub(super) enum Mode {
    /// Nothing traced; `cx` is not initialized.
    Off,
    /// `cx` is made current, but holds no span of ours to end or mark: a parent made current
    /// while nothing is traced, or a span that does not record (sampled out).
    Passthrough,
    /// `cx` holds our span.
    Owned,
    /// `cx` holds our span, started while the thread was already unwinding (a traced fn
    /// called from a destructor during a panic did not panic itself).
    OwnedInPanic,
}

impl CallSpan {
    /// Nothing traced. Built where it is needed: one word written (a constant would be
    /// copied whole); `const` for the `static` a disabled `SyncSpan` derefs to.
    #[inline(always)]
    pub(super) const fn off() -> CallSpan {
        CallSpan {
            cx: MaybeUninit::uninit(),
            mode: Mode::Off,
        }
    }

    pub(super) fn new(cx: Context, mode: Mode) -> CallSpan {
        CallSpan {
            cx: MaybeUninit::new(cx),
            mode,
        }
    }

    /// The context, unless the mode is `Off`.
    #[inline(always)]
    pub(super) fn cx(&self) -> Option<&Context> {
        match self.mode {
            Mode::Off => None,
            // SAFETY: `cx` is written whenever the mode is not `Off`.
            _ => Some(unsafe { self.cx.assume_init_ref() }),
        }
    }

    /// What the span holds.
    #[inline(always)]
    pub(super) fn mode(&self) -> Mode {
        self.mode
    }

    /// The context, unless the mode is `Off`, leaving the span off.
    #[inline(always)]
    pub(super) fn take_cx(&mut self) -> Option<Context> {
        match std::mem::replace(&mut self.mode, Mode::Off) {
            Mode::Off => None,
            // SAFETY: the mode was not `Off`, so `cx` was written; now that it is `Off`, `cx`
            // is never read again.
            _ => Some(unsafe { self.cx.assume_init_read() }),
        }
    }
}
