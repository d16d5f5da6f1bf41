//! The workspace to check: its members from `cargo metadata`, and each member's Rust files.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use traced_registry::locate::{self, Unavailable};
use traced_registry::{LoadOptions, Registry};

/// A workspace as `cargo metadata` describes it.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The workspace root: report paths are relative to it.
    pub root: PathBuf,
    /// The members, in `cargo metadata`'s order.
    pub members: Vec<Member>,
}

/// One workspace member.
#[derive(Clone, Debug)]
pub struct Member {
    /// The package name.
    pub name: String,
    /// The folder of its `Cargo.toml`.
    pub dir: PathBuf,
    /// Files and folders not to lint, from `[package.metadata.traced] lint-exclude`:
    /// trybuild's compile-fail cases, say, which are meant not to compile.
    pub exclude: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    workspace_members: Vec<String>,
    workspace_root: PathBuf,
}

#[derive(Deserialize)]
struct Package {
    id: String,
    name: String,
    manifest_path: PathBuf,
    #[serde(default)]
    metadata: Option<serde_json::Value>,
}

impl Workspace {
    /// Runs `cargo metadata --format-version 1 --no-deps` (with `--manifest-path` when given)
    /// and reads its members. The error says what failed, with cargo's own message.
    pub fn load(manifest_path: Option<&Path>) -> Result<Workspace, String> {
        // Run as `cargo traced`, cargo says which cargo it is.
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(&cargo);
        command.args(["metadata", "--format-version", "1", "--no-deps"]);
        if let Some(path) = manifest_path {
            command.arg("--manifest-path").arg(path);
        }
        let output = command.output().map_err(|e| {
            format!(
                "cannot run `{} metadata`: {e}\nis cargo installed and on PATH?",
                Path::new(&cargo).display()
            )
        })?;
        if !output.status.success() {
            return Err(format!(
                "`cargo metadata` failed:\n{}",
                String::from_utf8_lossy(&output.stderr).trim_end()
            ));
        }
        Workspace::from_metadata(&output.stdout)
    }

    /// The workspace described by `cargo metadata`'s JSON output.
    pub fn from_metadata(json: &[u8]) -> Result<Workspace, String> {
        let metadata: Metadata = serde_json::from_slice(json)
            .map_err(|e| format!("cannot read `cargo metadata`'s output: {e}"))?;
        let members = metadata
            .workspace_members
            .iter()
            .filter_map(|id| metadata.packages.iter().find(|p| &p.id == id))
            .map(Member::of)
            .collect::<Result<_, _>>()?;
        Ok(Workspace {
            root: metadata.workspace_root,
            members,
        })
    }

    /// The members named by `-p`, in the order given; every member when none is named. An
    /// unknown name is an error naming the members.
    pub fn select(&self, names: &[String]) -> Result<Vec<&Member>, String> {
        if names.is_empty() {
            return Ok(self.members.iter().collect());
        }
        names
            .iter()
            .map(|name| {
                self.members.iter().find(|m| &m.name == name).ok_or_else(|| {
                    let known: Vec<&str> = self.members.iter().map(|m| m.name.as_str()).collect();
                    let hint = traced_registry::nearest_one(name, &known)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    format!(
                        "package `{name}` is not a member of the workspace at {}{hint}\nmembers: {}",
                        self.root.display(),
                        known.join(", ")
                    )
                })
            })
            .collect()
    }

    /// `path` relative to the workspace root when it is inside it, as written in reports.
    pub fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

impl Member {
    fn of(package: &Package) -> Result<Member, String> {
        let dir = package
            .manifest_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let setting = package
            .metadata
            .as_ref()
            .and_then(|m| m.get("traced"))
            .and_then(|t| t.get("lint-exclude"));
        let exclude = match setting {
            None => Vec::new(),
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(|p| dir.join(p)))
                .collect::<Option<_>>()
                .ok_or_else(|| bad_exclude(package))?,
            Some(_) => return Err(bad_exclude(package)),
        };
        Ok(Member {
            name: package.name.clone(),
            dir,
            exclude,
        })
    }

    /// The member's registry, found as the macros find it (`TRACED_REGISTRY`,
    /// `[package.metadata.traced] registry`, `attributes.yaml` beside or above), and the paths
    /// it was read from.
    pub fn registry(&self) -> Result<(Registry, Vec<PathBuf>), Unavailable> {
        let paths = locate::registry_paths(&self.dir, std::env::var_os("TRACED_REGISTRY"))?;
        let registry = Registry::load(&paths, &LoadOptions::default())
            .map_err(|errors| locate::broken(&paths, &errors))?;
        Ok((registry, paths))
    }

    /// The member's `.rs` files, sorted: everything under its folder but `target/`, hidden
    /// folders and nested packages (a folder with its own `Cargo.toml`: another member, or a
    /// test fixture). An unreadable folder is an error naming it.
    pub fn rust_files(&self) -> Result<Vec<PathBuf>, String> {
        let root = &self.dir;
        let walk = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                if self.exclude.iter().any(|e| entry.path() == e) {
                    return false;
                }
                if entry.depth() == 0 || !entry.file_type().is_dir() {
                    return true;
                }
                let name = entry.file_name().to_string_lossy();
                !(name == "target"
                    || name.starts_with('.')
                    || entry.path().join("Cargo.toml").is_file())
            });
        let mut files = Vec::new();
        for entry in walk {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(root).display().to_string();
                format!("cannot read {path}: {e}")
            })?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
                files.push(entry.into_path());
            }
        }
        Ok(files)
    }
}

fn bad_exclude(package: &Package) -> String {
    format!(
        "`[package.metadata.traced] lint-exclude` in {} must be a list of paths relative to it, e.g. `lint-exclude = [\"tests/fail\"]`",
        package.manifest_path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_come_from_metadata_in_order() {
        let json = br#"{"packages": [
            {"id": "b 0.1.0", "name": "b", "manifest_path": "/w/b/Cargo.toml"},
            {"id": "a 0.1.0", "name": "a", "manifest_path": "/w/a/Cargo.toml"}],
            "workspace_members": ["a 0.1.0", "b 0.1.0"], "workspace_root": "/w"}"#;
        let ws = Workspace::from_metadata(json).unwrap();
        let names: Vec<_> = ws.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(ws.members[1].dir, Path::new("/w/b"));
        assert_eq!(ws.select(&["b".into()]).unwrap()[0].name, "b");
        let unknown = ws.select(&["c".into()]).unwrap_err();
        assert!(
            unknown.contains("`c` is not a member") && unknown.contains("members: a, b"),
            "{unknown}"
        );
        assert!(
            Workspace::from_metadata(b"{")
                .unwrap_err()
                .contains("cannot read")
        );
    }

    #[test]
    fn files_skip_target_hidden_nested_packages_and_exclusions() {
        let files = [
            "src/lib.rs",
            "src/a/b.rs",
            "tests/t.rs",
            "target/x.rs",
            ".git/y.rs",
            "nested/Cargo.toml",
            "nested/src/lib.rs",
            "README.md",
        ];
        let dir =
            traced_test_support::TempDir::with_files("cargo-traced-files", &files.map(|f| (f, "")));
        let root = dir.path().to_path_buf();
        let member = Member {
            name: "m".into(),
            dir: root.clone(),
            exclude: vec![root.join("tests/t.rs"), root.join("src/a")],
        };
        let files: Vec<_> = member
            .rust_files()
            .unwrap()
            .into_iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(files, ["src/lib.rs"]);
    }
}
