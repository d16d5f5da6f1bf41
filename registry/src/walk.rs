//! Finds the registry files under a path, the way OpenTelemetry Weaver does.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::LoadError;

/// The YAML files of `path`: the file itself, or every `*.yaml`/`*.yml` below a directory,
/// recursively and sorted, skipping hidden entries and `manifest.yaml`.
pub(crate) fn yaml_files(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => walk_dir(path, out, errors),
        // A file named explicitly is read whatever its name: the user asked for it.
        Ok(_) => out.push(path.to_path_buf()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => errors.push(LoadError::whole_file(
            path,
            "no such file or directory; pass a registry YAML file or a folder of them".to_string(),
        )),
        Err(e) => errors.push(LoadError::whole_file(path, format!("cannot read: {e}"))),
    }
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(LoadError::whole_file(
                dir,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if !name.starts_with('.') {
                    children.push(entry.path());
                }
            }
            Err(e) => errors.push(LoadError::whole_file(
                dir,
                format!("cannot read directory entry: {e}"),
            )),
        }
    }
    children.sort();
    for child in children {
        // Follows symlinks, like Weaver's walker does for the files it is pointed at.
        let is_dir = fs::metadata(&child).map(|m| m.is_dir()).unwrap_or(false);
        if is_dir {
            walk_dir(&child, out, errors);
        } else if is_registry_file(&child) {
            out.push(child);
        }
    }
}

fn is_registry_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy());
    let Some(name) = name else {
        return false;
    };
    (name.ends_with(".yaml") || name.ends_with(".yml")) && name != "manifest.yaml"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::TempDir;

    #[test]
    fn walks_sorted_skipping_hidden_and_manifest() {
        let dir = TempDir::new("walk");
        dir.write("b/z.yaml", "");
        dir.write("b/a.yml", "");
        dir.write("a.yaml", "");
        dir.write("manifest.yaml", "");
        dir.write("notes.txt", "");
        dir.write(".hidden/x.yaml", "");
        dir.write(".y.yaml", "");
        let mut out = Vec::new();
        let mut errors = Vec::new();
        yaml_files(dir.path(), &mut out, &mut errors);
        assert!(errors.is_empty());
        let rel: Vec<_> = out
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(rel, ["a.yaml", "b/a.yml", "b/z.yaml"]);
    }

    #[test]
    fn missing_path_is_an_error() {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        yaml_files(Path::new("/definitely/not/here"), &mut out, &mut errors);
        assert!(out.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("no such file"));
    }
}
