//! What `#[traced]` accepts (`pass/`, compiled and run) and rejects (`fail/`, with the exact
//! diagnostics in `.stderr` snapshots, pinned to the toolchain named in the README).
//!
//! One test, run in sequence: the registry is chosen through the environment, which every
//! case of one trybuild run shares.

use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the cases matching `pass` and `fail` with `registry` as the registry.
fn run(registry: Option<&Path>, pass: &str, fail: &str) {
    // trybuild compiles the cases in a project of its own under target/, so the registry is
    // named explicitly rather than found beside a Cargo.toml.
    match registry {
        Some(path) => std::env::set_var("TRACED_REGISTRY", path),
        None => std::env::remove_var("TRACED_REGISTRY"),
    }
    let t = trybuild::TestCases::new();
    if !pass.is_empty() {
        t.pass(pass);
    }
    t.compile_fail(fail);
}

#[test]
fn ui() {
    let dir = manifest_dir();
    run(
        Some(&dir.join("attributes.yaml")),
        "tests/pass/*.rs",
        "tests/fail/*.rs",
    );
    if let Some(model) = traced_test_support::official_model() {
        run(
            Some(&model),
            "tests/model/pass_*.rs",
            "tests/model/fail_*.rs",
        );
    }
    // A team registry declaring spans in v1 and v2 files side by side.
    run(
        Some(&dir.join("tests/spans/registry")),
        "tests/spans/pass_*.rs",
        "tests/spans/fail_*.rs",
    );
    // The examples' registry, whose main spans are declared.
    run(
        Some(&dir.join("../examples/attributes.yaml")),
        "",
        "tests/examples/fail_*.rs",
    );
    run(
        Some(&dir.join("tests/registry/broken.yaml")),
        "",
        "tests/registry/broken_*.rs",
    );
    run(None, "", "tests/registry/missing_*.rs");
}
