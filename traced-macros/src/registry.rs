//! Keeping the registry parsed for the life of the compiler process; where it is comes from
//! `traced_registry::locate`, shared with `cargo traced`.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};
use traced_registry::locate::{self, Unavailable, registry_paths};
use traced_registry::{LoadOptions, Registry};

type Loaded = Result<Arc<Registry>, Unavailable>;

struct Entry {
    loaded: Loaded,
    /// What a change to would change the answer, and how each looked.
    watched: Vec<PathBuf>,
    stamp: Vec<Option<(SystemTime, u64)>>,
    checked: Instant,
}

/// How long an answer is trusted before what it came from is looked at again. Within one
/// `rustc` run that is the whole run; a long-lived process (rust-analyzer) sees edits soon.
const RECHECK: Duration = Duration::from_secs(2);

/// Answers by crate (its manifest folder) and `TRACED_REGISTRY`: finding the registry reads
/// `Cargo.toml`, so that is cached too, not only the parse.
type Key = (PathBuf, Option<OsString>);

static CACHE: OnceLock<Mutex<HashMap<Key, Entry>>> = OnceLock::new();

/// The registry for the crate being compiled.
pub fn load() -> Loaded {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let key = (manifest_dir, std::env::var_os("TRACED_REGISTRY"));
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(entry) = cache.get_mut(&key) {
        if entry.checked.elapsed() < RECHECK || stamp(&entry.watched) == entry.stamp {
            entry.checked = Instant::now();
            return entry.loaded.clone();
        }
    }
    let (loaded, watched) = resolve(&key.0, key.1.clone());
    let entry = Entry {
        loaded: loaded.clone(),
        stamp: stamp(&watched),
        watched,
        checked: Instant::now(),
    };
    cache.insert(key, entry);
    loaded
}

/// Finds and parses the registry; also returns what to watch for changes: the manifest, every
/// place an `attributes.yaml` could appear, the registry roots (a new file in a directory
/// changes its mtime) and every file read, or named by an error.
fn resolve(manifest_dir: &Path, env: Option<OsString>) -> (Loaded, Vec<PathBuf>) {
    let mut watched = vec![manifest_dir.join("Cargo.toml")];
    watched.extend(
        manifest_dir
            .ancestors()
            .map(|dir| dir.join("attributes.yaml")),
    );
    let paths = match registry_paths(manifest_dir, env) {
        Ok(paths) => paths,
        Err(unavailable) => return (Err(unavailable), watched),
    };
    watched.extend(paths.iter().cloned());
    let loaded = match Registry::load(&paths, &LoadOptions::default()) {
        Ok(registry) => {
            watched.extend(registry.files().iter().cloned());
            Ok(Arc::new(registry))
        }
        Err(errors) => {
            watched.extend(errors.0.iter().map(|e| e.file.clone()));
            Err(locate::broken(&paths, &errors))
        }
    };
    (loaded, watched)
}

fn stamp(watched: &[PathBuf]) -> Vec<Option<(SystemTime, u64)>> {
    watched
        .iter()
        .map(|p| {
            let meta = std::fs::metadata(p).ok()?;
            Some((meta.modified().ok()?, meta.len()))
        })
        .collect()
}
