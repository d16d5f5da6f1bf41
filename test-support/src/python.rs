use std::path::PathBuf;
use std::process::Command;

/// The modules the Python peers of the tests import.
const PEERS: &str = "import opentelemetry.sdk.trace, oteltest.sink, grpc";

/// The Python the interop and OTLP end-to-end tests run their peers with: `TRACED_PYTHON`,
/// else `.venv/bin/python` in the workspace (`.ci/run` creates it from
/// `.ci/requirements.txt`).
///
/// `None`, after printing why, when it is missing or lacks the peers' packages; a panic
/// instead under `CI=true`.
pub fn python() -> Option<PathBuf> {
    let (python, source) = match std::env::var_os("TRACED_PYTHON").filter(|v| !v.is_empty()) {
        Some(path) => (PathBuf::from(path), "TRACED_PYTHON"),
        None => (
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.venv/bin/python")),
            "the workspace's .venv",
        ),
    };
    let why = match Command::new(&python).args(["-c", PEERS]).output() {
        Ok(probe) if probe.status.success() => return Some(python),
        Ok(probe) => format!(
            "{} (from {source}) lacks the test peers: {}",
            python.display(),
            String::from_utf8_lossy(&probe.stderr).trim()
        ),
        Err(e) => format!("{} (from {source}) cannot run: {e}", python.display()),
    };
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{why} (required under CI=true)");
    }
    eprintln!(
        "skipping: {why}; create it with `python3 -m venv .venv && .venv/bin/pip install -r \
         .ci/requirements.txt`"
    );
    None
}
