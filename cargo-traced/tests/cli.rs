//! Exit codes and what a run that cannot lint says: 0 clean, 1 findings, 2 could not run.

mod common;

use common::{MEMBER, WORKSPACE, run, scratch, stderr, stdout};

fn lint(root: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let manifest = root.join("Cargo.toml");
    let mut args = vec!["lint", "--manifest-path", manifest.to_str().unwrap()];
    args.extend(extra);
    run(&args)
}

const REGISTRY: &str = "file_format: definition/2\nattributes:\n  - key: order.id\n    type: string\n    brief: The order.\n    stability: development\n";

#[test]
fn clean_workspace_exits_0() {
    let root = scratch(
        "clean",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            ("app/attributes.yaml", REGISTRY),
            (
                "app/src/lib.rs",
                "use opentelemetry::KeyValue;\npub fn f() -> KeyValue { KeyValue::new(\"order.id\", \"o-1\") }\n",
            ),
        ],
    );
    let output = lint(root.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ok: 1 file checked, no findings\n");
    let json = lint(root.path(), &["--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    assert!(stdout(&json).contains("\"findings\": []"));
    let github = lint(root.path(), &["--format", "github"]);
    assert_eq!(stdout(&github), "");
}

#[test]
fn a_member_without_calls_needs_no_registry() {
    let root = scratch(
        "quiet",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            (
                "app/src/lib.rs",
                "pub fn add(a: i64, b: i64) -> i64 { a + b }\n",
            ),
        ],
    );
    let output = lint(root.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_member_with_calls_and_no_registry_exits_2_naming_it_and_the_fix() {
    let root = scratch(
        "unregistered",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            (
                "app/src/lib.rs",
                "fn f() {\n    let _ = tracing::info_span!(\"op\");\n}\n",
            ),
        ],
    );
    let output = lint(root.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "error: member `app` writes spans or attributes by hand (app/src/lib.rs:2:33)"
        ),
        "{message}"
    );
    assert!(
        message.contains("create `attributes.yaml` beside Cargo.toml"),
        "{message}"
    );
}

#[test]
fn an_unparseable_file_exits_2_naming_it() {
    let root = scratch(
        "unparseable",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            ("app/attributes.yaml", REGISTRY),
            ("app/src/lib.rs", "mod broken;\n"),
            ("app/src/broken.rs", "fn f( {\n"),
        ],
    );
    let output = lint(root.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: cannot parse app/src/broken.rs:1:"),
        "{message}"
    );
}

#[test]
fn a_broken_registry_exits_2_with_its_errors() {
    let root = scratch(
        "broken-registry",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            (
                "app/attributes.yaml",
                "file_format: definition/2\nattributes:\n  - key: order.id\n",
            ),
            (
                "app/src/lib.rs",
                "fn f() { let _ = opentelemetry::KeyValue::new(\"order.id\", 1); }\n",
            ),
        ],
    );
    let output = lint(root.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("member `app`: the attribute registry is broken"),
        "{message}"
    );
    assert!(message.contains("attributes.yaml:3"), "{message}");
}

#[test]
fn cargo_metadata_failure_exits_2_with_cargos_message() {
    let output = run(&["lint", "--manifest-path", "/nonexistent/Cargo.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`cargo metadata` failed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn packages_are_selected_by_name() {
    let root = scratch(
        "select",
        &[
            ("Cargo.toml", WORKSPACE),
            ("app/Cargo.toml", MEMBER),
            (
                "app/src/lib.rs",
                "fn f() { let _ = tracing::info_span!(\"op\"); }\n",
            ),
        ],
    );
    let unknown = lint(root.path(), &["-p", "ap"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("package `ap` is not a member of the workspace"));
    assert!(stderr(&unknown).contains("did you mean `app`?"));
}

#[test]
fn help_and_both_invocations() {
    let help = run(&["lint", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    for option in ["--manifest-path", "--format", "--package"] {
        assert!(stdout(&help).contains(option), "{}", stdout(&help));
    }
    // Run directly, without cargo's `traced` first.
    let direct = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-traced"))
        .args(["lint", "--help"])
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(0));
    let bad = run(&["lint", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}
