//! Which provider a thread starts its spans with, learned without touching shared memory.
//!
//! Reading opentelemetry's global provider takes its `RwLock` and clones an `Arc`: four atomic
//! read-modify-writes on cache lines that every core shares. Done per call, that serializes
//! the cores: a disabled call gets many times slower on two threads than on one. So a thread
//! reads the global provider only when it must, and otherwise uses what it cached:
//!
//! - every install through this crate ([`crate::provider::set_tracer_provider`], `init!`,
//!   `setup!`, `testing::capture`) bumps [`EPOCH`]; a thread that finds the epoch changed re-reads at
//!   once, so such an install is seen by every thread on its next call;
//! - a provider installed with plain `opentelemetry::global::set_tracer_provider` bumps
//!   nothing: a thread re-reads the global provider after [`RECHECK_CALLS`] traced calls, so
//!   it is seen within that many calls per thread (at once on a thread that has not yet
//!   made a traced call).
//!
//! Per disabled call that is one thread-local word compared with `EPOCH` (a plain load of a
//! line nobody writes) and decremented: no atomic read-modify-write, no shared write.

use super::identity;
use opentelemetry::global::{self, BoxedTracer, GlobalTracerProvider};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry::InstrumentationScope;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::provider::RECHECK_CALLS;

/// One step of [`EPOCH`]: above every count of calls left, so that a thread's word (epoch plus
/// calls left) only ever lies within `RECHECK_CALLS` above the epoch it was taken at.
const STEP: u64 = 1 << 32;

/// Its own cache line, so no write elsewhere ever invalidates the copy every core reads.
#[repr(align(128))]
struct Epoch(AtomicU64);

/// Bumped by every install through this crate. Starts at one step, so a thread's initial
/// word (0) never matches.
static EPOCH: Epoch = Epoch(AtomicU64::new(STEP));

thread_local! {
    /// While this thread knows the provider of the current epoch to be the no-op one: that
    /// epoch plus the calls left before the next re-read. Otherwise 0, which matches no epoch.
    /// A `Cell` of a `Copy` type with a const initializer: the cheapest thread-local there is.
    static QUICK: Cell<u64> = const { Cell::new(0) };
    static CACHE: RefCell<Cache> = const { RefCell::new(Cache::EMPTY) };
}

/// Tells every thread to re-read the global provider on its next traced call. Called after
/// an install through this crate.
pub(crate) fn installed() {
    EPOCH.0.fetch_add(STEP, Ordering::Release);
}

/// Whether this thread knows that nothing is installed: the whole cost of a disabled traced
/// call, so kept small and inlined.
#[inline(always)]
pub(crate) fn known_off() -> bool {
    let quick = QUICK.get();
    // Calls left at the current epoch; out of range when the epoch moved on or the word is 0.
    let left = quick.wrapping_sub(EPOCH.0.load(Ordering::Acquire));
    if left.wrapping_sub(1) < u64::from(RECHECK_CALLS) {
        QUICK.set(quick - 1);
        true
    } else {
        false
    }
}

/// What this thread knows of the provider it read last.
enum State {
    /// The provider's spans have not been seen yet.
    Unknown(Rc<BoxedTracer>),
    /// The provider records (or at least creates real spans).
    Live(Rc<BoxedTracer>),
    /// The provider is the no-op one: start nothing.
    Noop,
}

/// The tracer one span starts with, lent by this thread's cache: a span that has it needs no
/// second look at the cache (whose borrow costs more than the `Rc`'s count). A provider
/// installed while the span's attribute values are evaluated gets the next call's span, not
/// this one, which began before it.
#[derive(Debug)]
pub(crate) struct Lent {
    tracer: Rc<BoxedTracer>,
    /// The provider's first span: it decides, through [`settle`], whether this is the no-op
    /// provider.
    probe: bool,
}

impl Lent {
    pub(crate) fn tracer(&self) -> &BoxedTracer {
        &self.tracer
    }

    pub(crate) fn probe(&self) -> bool {
        self.probe
    }
}

struct Cache {
    /// The epoch the provider below was read at.
    epoch: u64,
    /// Calls left before the next re-read.
    left: u32,
    /// What the tracer came from; held, so its identity stays unique while cached.
    provider: Option<GlobalTracerProvider>,
    state: State,
}

impl Cache {
    const EMPTY: Cache = Cache {
        epoch: 0,
        left: 0,
        provider: None,
        state: State::Noop,
    };

    /// Re-reads the global provider; a new tracer only if it is another provider.
    #[cold]
    fn reread(&mut self, epoch: u64) {
        let provider = global::tracer_provider();
        let same = self
            .provider
            .as_ref()
            .is_some_and(|cached| identity::of(cached) == identity::of(&provider));
        if !same {
            self.state = State::Unknown(Rc::new(provider.tracer_with_scope(scope())));
            self.provider = Some(provider);
        }
        self.epoch = epoch;
        self.left = RECHECK_CALLS;
    }

    /// After a call on `state`: a no-op verdict moves to the thread-local word, which answers
    /// the next `RECHECK_CALLS` calls; the re-read after them starts here again.
    fn remember(&mut self) {
        if let State::Noop = self.state {
            QUICK.set(self.epoch + u64::from(self.left));
            self.left = 0;
        }
    }
}

fn scope() -> InstrumentationScope {
    InstrumentationScope::builder("traced")
        .with_version(env!("CARGO_PKG_VERSION"))
        .build()
}

/// The tracer to start a span with, or `None` when the provider is known to be the no-op one.
/// Re-reads the global provider when the epoch moved or the calls ran out.
#[inline]
pub(crate) fn lend() -> Option<Lent> {
    CACHE.with(|cache| {
        // Re-entered from a provider, exporter or sampler while the cache is in use: a fresh
        // tracer, whose first span is probed like any other.
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return Some(Lent {
                tracer: Rc::new(global::tracer_provider().tracer_with_scope(scope())),
                probe: true,
            });
        };
        let epoch = EPOCH.0.load(Ordering::Acquire);
        if cache.epoch != epoch || cache.left == 0 {
            cache.reread(epoch);
        } else {
            cache.left -= 1;
        }
        let lent = match &cache.state {
            State::Noop => None,
            State::Live(tracer) | State::Unknown(tracer) => Some(Lent {
                tracer: Rc::clone(tracer),
                probe: matches!(cache.state, State::Unknown(_)),
            }),
        };
        cache.remember();
        lent
    })
}

/// The verdict on a probed provider (`noop`: it is the no-op one), kept if the cache still
/// holds that provider's tracer. Once per provider and thread.
#[cold]
pub(crate) fn settle(lent: &Lent, noop: bool) {
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return;
        };
        let State::Unknown(tracer) = &cache.state else {
            return;
        };
        if Rc::ptr_eq(tracer, &lent.tracer) {
            cache.state = if noop {
                State::Noop
            } else {
                State::Live(Rc::clone(tracer))
            };
            cache.remember();
        }
    })
}
