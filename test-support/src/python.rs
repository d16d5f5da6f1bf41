use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// What the peers need, pinned: its hash decides when the virtualenv is rebuilt.
const REQUIREMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/requirements.txt");

/// The modules the Python peers of the tests import.
const PEERS: &str = "import opentelemetry.sdk.trace, oteltest.sink, grpc";

#[cfg(windows)]
const VENV_PYTHON: &str = "Scripts/python.exe";
#[cfg(not(windows))]
const VENV_PYTHON: &str = "bin/python";

/// The Python the interop and OTLP end-to-end tests run their peers with.
///
/// `TRACED_PYTHON` when set (it must have `.ci/requirements.txt` installed). Otherwise a
/// virtualenv at `<target dir>/traced-venv`, created with `python3 -m venv` and pip from
/// `.ci/requirements.txt` on first use and re-created when that file changes; test binaries
/// running at once wait on a file lock instead of building it twice.
///
/// # Panics
///
/// When there is no such Python and it cannot be provisioned, with the reason (pip's
/// output): a test that needs the peers fails, it never passes having done nothing.
pub fn python() -> PathBuf {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(find_or_provision) {
        Ok(python) => python.clone(),
        Err(why) => panic!("no Python for the test peers: {why}"),
    }
}

fn find_or_provision() -> Result<PathBuf, String> {
    match std::env::var_os("TRACED_PYTHON").filter(|v| !v.is_empty()) {
        Some(python) => {
            let python = PathBuf::from(python);
            probe(&python).map_err(|why| format!("TRACED_PYTHON={}: {why}", python.display()))?;
            Ok(python)
        }
        None => provision(&target_dir()?.join("traced-venv")),
    }
}

/// The target directory this test binary was built in: the nearest ancestor of the executable
/// holding cargo's `CACHEDIR.TAG`. Not `CARGO_MANIFEST_DIR/../target`: `CARGO_TARGET_DIR`,
/// `--target` and build-dir settings all move it.
fn target_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("no path for this test binary: {e}"))?;
    exe.ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "no cargo target directory (one holding CACHEDIR.TAG) above {}",
                exe.display()
            )
        })
}

/// The virtualenv's Python, built first if it is missing or older than the requirements.
fn provision(venv: &Path) -> Result<PathBuf, String> {
    let requirements =
        fs::read(REQUIREMENTS).map_err(|e| format!("cannot read {REQUIREMENTS}: {e}"))?;
    let stamp = format!("{:016x}\n", fnv1a(&requirements));
    let marker = venv.join("traced-requirements.hash");
    let python = venv.join(VENV_PYTHON);

    let lock_path = venv.with_extension("lock");
    let lock = File::create(&lock_path)
        .and_then(|file| file.lock().map(|()| file))
        .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    if fs::read_to_string(&marker).is_ok_and(|m| m == stamp) && python.is_file() {
        return Ok(python);
    }

    eprintln!(
        "traced-test-support: creating {} from .ci/requirements.txt (once)",
        venv.display()
    );
    if venv.exists() {
        fs::remove_dir_all(venv).map_err(|e| format!("cannot remove {}: {e}", venv.display()))?;
    }
    run(
        Command::new(if cfg!(windows) { "python" } else { "python3" })
            .args(["-m", "venv"])
            .arg(venv),
        "python3 -m venv",
    )?;
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
                "-r",
            ])
            .arg(REQUIREMENTS),
        "pip install -r .ci/requirements.txt",
    )?;
    probe(&python)?;
    // Written last, so that an interrupted build is started over by the next test.
    fs::write(&marker, stamp).map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    drop(lock);
    Ok(python)
}

/// Whether `python` can import what the peers import.
fn probe(python: &Path) -> Result<(), String> {
    run(
        Command::new(python).args(["-c", PEERS]),
        "importing the peers' packages",
    )
}

/// Runs `cmd`; on failure, why, with its output.
fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{what}: cannot run {:?}: {e}", cmd.get_program()))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// FNV-1a: a hash that stays the same across Rust releases (`DefaultHasher` may not), so a
/// toolchain update does not rebuild the virtualenv.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
