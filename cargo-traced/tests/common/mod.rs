//! What the integration tests share: running the binary, the fixture, snapshots, scratch
//! workspaces.

#![allow(dead_code)] // each test binary uses a subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use traced_test_support::TempDir;

/// The fixture workspace's folder.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture")
}

/// Runs `cargo-traced` with `args`, as cargo does (`traced` first), with no
/// `TRACED_REGISTRY` from the environment.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-traced"))
        .arg("traced")
        .args(args)
        .env_remove("TRACED_REGISTRY")
        .output()
        .expect("runs cargo-traced")
}

/// `cargo traced lint` on the fixture, in `format`.
pub fn lint_fixture(format: &str) -> Output {
    let manifest = fixture().join("Cargo.toml");
    run(&[
        "lint",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "--format",
        format,
    ])
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// Compares `actual` with the committed `tests/snapshots/<name>`;
/// `TRACED_SNAPSHOTS=overwrite` rewrites it instead.
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("TRACED_SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\ncreate it with TRACED_SNAPSHOTS=overwrite",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output:\n{actual}\nreview the new output, then accept it with TRACED_SNAPSHOTS=overwrite",
        path.display()
    );
}

/// A fresh workspace of these files (removed on drop).
pub fn scratch(name: &str, files: &[(&str, &str)]) -> TempDir {
    TempDir::with_files(&format!("cargo-traced-{name}"), files)
}

/// A one-member workspace's manifests.
pub const WORKSPACE: &str = "[workspace]\nresolver = \"2\"\nmembers = [\"app\"]\n";
pub const MEMBER: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
