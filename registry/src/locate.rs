//! Where a crate's attribute registry is, found the same way by the macros (at build time)
//! and by `cargo traced` (over a workspace): `TRACED_REGISTRY`, then
//! `[package.metadata.traced] registry` in the crate's `Cargo.toml`, then `attributes.yaml`
//! beside that `Cargo.toml` or in the nearest folder above it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::{LoadErrors, LoadOptions, Registry};

/// Why there is no registry to check against; each message is the whole diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Not where it is looked for, or a path named for it does not exist.
    NotFound(String),
    /// `[package.metadata.traced]` cannot be read as a registry setting.
    BadSetting(String),
    /// Found, but it has errors.
    Broken(String),
}

impl Unavailable {
    /// The whole diagnostic.
    pub fn message(&self) -> &str {
        match self {
            Unavailable::NotFound(m) | Unavailable::BadSetting(m) | Unavailable::Broken(m) => m,
        }
    }
}

/// Finds and loads the registry of the crate whose `Cargo.toml` is in `manifest_dir`, with
/// `env` the value of `TRACED_REGISTRY`.
pub fn load(manifest_dir: &Path, env: Option<OsString>) -> Result<Registry, Unavailable> {
    let paths = registry_paths(manifest_dir, env)?;
    Registry::load(&paths, &LoadOptions::default()).map_err(|errors| broken(&paths, &errors))
}

/// The diagnostic for a registry found at `paths` that does not load.
pub fn broken(paths: &[PathBuf], errors: &LoadErrors) -> Unavailable {
    Unavailable::Broken(format!(
        "the attribute registry is broken:\n{errors}\nfix the registry file; `traced-registry check {}` lists every problem",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    ))
}

/// The registry paths, first hit wins: `TRACED_REGISTRY`, `[package.metadata.traced]`,
/// then `attributes.yaml` beside `Cargo.toml` or in the nearest ancestor folder.
pub fn registry_paths(
    manifest_dir: &Path,
    env: Option<OsString>,
) -> Result<Vec<PathBuf>, Unavailable> {
    let mut looked = Vec::new();
    if let Some(value) = env.filter(|v| !v.is_empty()) {
        let paths: Vec<PathBuf> = std::env::split_paths(&value)
            .map(|p| manifest_dir.join(p))
            .collect();
        return existing(paths, "the TRACED_REGISTRY environment variable");
    }
    looked.push("the TRACED_REGISTRY environment variable (not set)".to_owned());

    let manifest = manifest_dir.join("Cargo.toml");
    match metadata_paths(&manifest) {
        Ok(Some(paths)) => {
            let paths = paths.into_iter().map(|p| manifest_dir.join(p)).collect();
            return existing(
                paths,
                &format!(
                    "`[package.metadata.traced] registry` in {}",
                    manifest.display()
                ),
            );
        }
        Ok(None) => looked.push(format!(
            "`[package.metadata.traced] registry` in {} (not set)",
            manifest.display()
        )),
        Err(message) => return Err(Unavailable::BadSetting(message)),
    }

    if let Some(found) = manifest_dir
        .ancestors()
        .map(|dir| dir.join("attributes.yaml"))
        .find(|candidate| candidate.is_file())
    {
        return Ok(vec![found]);
    }
    looked.push(format!(
        "`attributes.yaml` in {} and every folder above it",
        manifest_dir.display()
    ));
    Err(Unavailable::NotFound(format!(
        "no attribute registry found; looked at:\n{}\ncreate `attributes.yaml` beside Cargo.toml, or name the registry with `[package.metadata.traced] registry = \"path\"` or the TRACED_REGISTRY environment variable",
        looked
            .iter()
            .map(|l| format!("  - {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    )))
}

fn existing(paths: Vec<PathBuf>, source: &str) -> Result<Vec<PathBuf>, Unavailable> {
    match paths.iter().find(|p| !p.exists()) {
        Some(missing) => Err(Unavailable::NotFound(format!(
            "the attribute registry `{}` named by {source} does not exist",
            missing.display()
        ))),
        None => Ok(paths),
    }
}

/// `[package.metadata.traced] registry = "p"` or `["p", "q"]`.
fn metadata_paths(manifest: &Path) -> Result<Option<Vec<PathBuf>>, String> {
    let Ok(text) = std::fs::read_to_string(manifest) else {
        return Ok(None);
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let value = table
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("traced"))
        .and_then(|t| t.get("registry"));
    let bad = || {
        format!(
            "`[package.metadata.traced] registry` in {} must be a path string or a list of them",
            manifest.display()
        )
    };
    match value {
        None => Ok(None),
        Some(toml::Value::String(path)) => Ok(Some(vec![PathBuf::from(path)])),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(PathBuf::from).ok_or_else(bad))
            .collect::<Result<_, _>>()
            .map(Some),
        Some(_) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::TempDir;

    const MANIFEST: &str = "[package]\nname = \"app\"\n";

    #[test]
    fn environment_first_then_metadata_then_nearest_file() {
        let dir = TempDir::with_files(
            "locate-order",
            &[
                ("attributes.yaml", ""),
                ("app/Cargo.toml", MANIFEST),
                (
                    "meta/Cargo.toml",
                    "[package.metadata.traced]\nregistry = [\"a.yaml\", \"dir\"]\n",
                ),
                ("meta/a.yaml", ""),
                ("meta/dir/b.yaml", ""),
                ("env/x.yaml", ""),
            ],
        );
        let root = dir.path();
        let app = root.join("app");
        assert_eq!(
            registry_paths(&app, None).ok().unwrap(),
            [root.join("attributes.yaml")]
        );
        let env = std::env::join_paths(["../env/x.yaml"]).unwrap();
        assert_eq!(
            registry_paths(&app, Some(env)).ok().unwrap(),
            [app.join("../env/x.yaml")]
        );
        let meta = root.join("meta");
        assert_eq!(
            registry_paths(&meta, None).ok().unwrap(),
            [meta.join("a.yaml"), meta.join("dir")]
        );
    }

    #[test]
    fn missing_and_malformed_say_where() {
        let dir = TempDir::with_files(
            "locate-missing",
            &[
                (
                    "bad/Cargo.toml",
                    "[package.metadata.traced]\nregistry = 3\n",
                ),
                (
                    "gone/Cargo.toml",
                    "[package.metadata.traced]\nregistry = \"nope.yaml\"\n",
                ),
            ],
        );
        let root = dir.path();
        let message = |dir: &str| {
            let unavailable = registry_paths(&root.join(dir), None).err().unwrap();
            unavailable.message().to_string()
        };
        assert!(message("bad").contains("must be a path string or a list"));
        assert!(
            message("gone").contains("nope.yaml` named by `[package.metadata.traced] registry`")
        );
        let env = Some(OsString::from("absent.yaml"));
        assert!(registry_paths(root, env)
            .err()
            .unwrap()
            .message()
            .contains("TRACED_REGISTRY"));
    }
}
