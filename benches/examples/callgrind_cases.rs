//! Runs one benchmark case N times, for `benches/callgrind.sh`:
//!
//! ```text
//! callgrind_cases --list                       # the case ids
//! callgrind_cases disabled|enabled|sampled CASE N   # N calls; prints heap allocations per call
//! ```
//!
//! Under callgrind, collecting only inside `measured_calls`, (instructions at 2N − instructions
//! at N) / N is the cost of one call, fixed costs cancelled out. Allocations are counted by the
//! global allocator below over the N calls.

#[path = "../common/mod.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

/// The system allocator, counting allocations (`realloc` included) on every thread.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The calls counted: `callgrind.sh` collects instructions only inside this fn (the start-up,
/// e.g. `fastant`'s clock calibration spinning before `main`, is not repeatable).
#[inline(never)]
fn measured_calls(case: &common::Case, enabled: bool, n: u64) {
    common::run(case.system, enabled, n, case.call);
}

fn usage() -> ! {
    eprintln!("usage: callgrind_cases --list | callgrind_cases disabled|enabled|sampled CASE N");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for case in common::CASES {
            println!("{}", case.id);
        }
        return;
    }
    let [mode, id, n] = &args[..] else { usage() };
    let enabled = match mode.as_str() {
        "disabled" => false,
        "enabled" | "sampled" => true,
        _ => usage(),
    };
    let n: u64 = n.parse().unwrap_or_else(|_| usage());
    let Some(case) = common::CASES.iter().find(|c| c.id == id) else {
        eprintln!("unknown case {id:?}; see --list");
        std::process::exit(2)
    };
    match mode.as_str() {
        "enabled" => common::install_sdk(),
        "sampled" => common::install_sdk_sampled_out(),
        _ => {}
    }
    if enabled {
        common::install_fastrace();
    }
    // Warm-up: fills per-thread caches and lazy statics, so both runs of callgrind.sh pay it.
    common::run(case.system, enabled, common::BATCH, case.call);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    measured_calls(case, enabled, n);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!("allocations_per_call {:.2}", allocations as f64 / n as f64);
}
