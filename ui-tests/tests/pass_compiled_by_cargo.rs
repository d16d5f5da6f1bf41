//! The `pass/` cases again, as modules of one test that cargo builds. trybuild builds its cases
//! in the dev profile only, and optimized builds expand `#[traced]` differently (a fast-path
//! copy of small bodies): `.ci/run` runs this under `cargo test --release`, so every accepted
//! shape also compiles, warning-free (each case denies warnings), and runs there.

#[path = "pass/async_fn.rs"]
mod async_fn;
#[path = "pass/async_signatures.rs"]
mod async_signatures;
#[path = "pass/async_trait.rs"]
mod async_trait_impls;
#[path = "pass/diverging.rs"]
mod diverging;
#[path = "pass/macro_generated.rs"]
mod macro_generated;
#[path = "pass/methods.rs"]
mod methods;
#[path = "pass/options.rs"]
mod options;
#[path = "pass/sensitive.rs"]
mod sensitive;
#[path = "pass/sync_fn.rs"]
mod sync_fn;
#[path = "pass/values.rs"]
mod values;

#[test]
fn async_fn() {
    async_fn::main();
}

#[test]
fn async_signatures() {
    async_signatures::main();
}

#[test]
fn async_trait_impls() {
    async_trait_impls::main();
}

/// Compiled only: its `main` ends the process (`process::exit`).
#[test]
fn diverging() {
    let _ = diverging::main as fn();
}

#[test]
fn macro_generated() {
    macro_generated::main();
}

#[test]
fn methods() {
    methods::main();
}

#[test]
fn options() {
    options::main();
}

#[test]
fn sensitive() {
    sensitive::main();
}

#[test]
fn sync_fn() {
    sync_fn::main();
}

#[test]
fn values() {
    values::main();
}
