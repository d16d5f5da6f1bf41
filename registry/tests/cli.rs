//! The `traced-registry` binary, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_traced-registry"))
        .args(args)
        .output()
        .expect("run traced-registry")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

#[test]
fn check_the_official_model() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let out = run(&["check", model.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("943 attributes"), "{stdout}");
    assert!(stdout.contains("207 deprecated"), "{stdout}");
    assert!(stdout.contains("32 events"), "{stdout}");
    assert!(
        stdout.contains("enum 171 (169 string-valued, 2 int-valued)"),
        "{stdout}"
    );
    // `url.full` and `url.query`: their references are tagged `sensitive-information`.
    assert!(
        stdout.contains("sensitive: 2 (2 pii, 0 secret)"),
        "{stdout}"
    );
}

#[test]
fn explain_shows_where_a_key_is_marked_sensitive() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let out = run(&["explain", "url.full", "--registry", model.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success());
    assert!(
        stdout.contains("  sensitive:   pii (`tag: sensitive-information`), set at "),
        "{stdout}"
    );
    assert!(stdout.contains("url/common.yaml:8:9"), "{stdout}");
}

#[test]
fn explain_a_renamed_key() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let out = run(&[
        "explain",
        "http.method",
        "--registry",
        model.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success());
    assert!(
        stdout.contains("renamed to `http.request.method`"),
        "{stdout}"
    );
    assert!(stdout.contains("registry-deprecated.yaml:"), "{stdout}");
}

#[test]
fn explain_an_enum_a_template_and_an_unknown_key() {
    let dir = fixtures();
    let dir = dir.to_str().unwrap();
    let out = run(&["explain", "shop.order.status", "--registry", dir]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("enum of string"), "{stdout}");
    assert!(stdout.contains("closed = \"closed\""), "{stdout}");
    assert!(stdout.contains("v1.yaml:17:"), "{stdout}");

    let out = run(&["explain", "shop.header.accept", "--registry", dir]);
    let stdout = text(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("template `shop.header.<name>`"), "{stdout}");

    let out = run(&["explain", "shop.order.idd", "--registry", dir]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("did you mean `shop.order.id`"), "{stderr}");
}

#[test]
fn broken_registry_reports_file_and_line() {
    let dir = std::env::temp_dir().join(format!("traced-registry-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("attributes.yaml");
    std::fs::write(
        &file,
        "file_format: definition/2\nattributes:\n  - key: a.b\n    type: strng\n  - key: a.c\n",
    )
    .unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = file.display();
    assert!(
        stderr.contains(&format!("{at}:4:5: attribute `a.b`: unknown type `strng`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{at}:5:5: attribute `a.c` has no `type`")),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["check"], &["explain", "k"], &["lint", "x"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage: traced-registry"));
    }
}

#[test]
fn explain_the_http_client_span() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let out = run(&[
        "explain",
        "--span",
        "http.client",
        "--registry",
        model.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("kind:        client"), "{stdout}");
    let required = stdout
        .split("  required:\n")
        .nth(1)
        .and_then(|rest| rest.split("  conditionally required:").next())
        .unwrap_or_default();
    for key in [
        "http.request.method",
        "server.address",
        "server.port",
        "url.full",
    ] {
        assert!(
            required.contains(&format!("    {key}  [sampling relevant")),
            "{key} in\n{stdout}"
        );
    }
    assert!(stdout.contains("conditionally required:"), "{stdout}");
    assert!(stdout.contains("http/spans.yaml:2:"), "{stdout}");

    let out = run(&[
        "explain",
        "--span",
        "http.clent",
        "--registry",
        model.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("did you mean `http.client`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_counts_spans() {
    let Some(model) = traced_test_support::official_model() else {
        return;
    };
    let out = run(&["check", model.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("78 spans, 35 span refinements"), "{stdout}");
}
