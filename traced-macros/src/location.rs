//! Where a registry definition is written, as the macros' errors show it.

use std::path::{Path, PathBuf};

/// `file:line:column`, the file relative to the folder all registry files are in (the folder
/// of `attributes.yaml`, or the model folder): short, and the same on every machine.
pub fn shown(file: &Path, files: &[PathBuf], line: usize, column: usize) -> String {
    let rel = common_folder(files)
        .as_deref()
        .and_then(|root| file.strip_prefix(root).ok())
        .unwrap_or(file);
    format!("{}:{line}:{column}", rel.display())
}

/// The deepest folder holding every file.
fn common_folder(files: &[PathBuf]) -> Option<PathBuf> {
    let mut common: PathBuf = files.first()?.parent()?.to_path_buf();
    for file in &files[1..] {
        while !file.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    Some(common)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_relative_to_the_registry_folder() {
        let files = [
            PathBuf::from("/m/model/http/spans.yaml"),
            PathBuf::from("/m/model/db/spans.yaml"),
        ];
        assert_eq!(
            shown(Path::new("/m/model/http/spans.yaml"), &files, 2, 5),
            "http/spans.yaml:2:5"
        );
        let one = [PathBuf::from("/a/attributes.yaml")];
        assert_eq!(shown(&one[0], &one, 7, 5), "attributes.yaml:7:5");
    }

    #[test]
    fn marks_are_shown_relative_to_the_registry_folder() {
        let files = [
            PathBuf::from("/m/model/url/common.yaml"),
            PathBuf::from("/m/model/http/registry.yaml"),
        ];
        assert_eq!(common_folder(&files), Some(PathBuf::from("/m/model")));
        let one = [PathBuf::from("/crate/attributes.yaml")];
        assert_eq!(common_folder(&one), Some(PathBuf::from("/crate")));
        assert_eq!(common_folder(&[]), None);
    }
}
