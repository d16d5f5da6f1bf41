//! A member's Rust files, read and scanned: what every command starts from.

use std::path::PathBuf;

use crate::scan::{self, FileScan, Site};
use crate::workspace::{Member, Workspace};

/// One file of a member.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path relative to the workspace root, as reports show it.
    pub path: PathBuf,
    /// The text.
    pub text: String,
    /// Its sites.
    pub scan: FileScan,
}

/// Reads and scans every Rust file of `member`. A file that cannot be read or parsed is an
/// error naming it (and, for a parse error, where and why).
pub fn read(ws: &Workspace, member: &Member) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for file in member.rust_files()? {
        let path = ws.relative(&file).to_path_buf();
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let scan = scan::scan(&text).map_err(|e| {
            format!(
                "cannot parse {}:{}:{}: {}\nonly files that parse as Rust can be checked; fix the syntax, or leave the file out with `[package.metadata.traced] lint-exclude = [\"path\"]` in the member's Cargo.toml",
                path.display(),
                e.at.line,
                e.at.column,
                e.message
            )
        })?;
        sources.push(Source { path, text, scan });
    }
    Ok(sources)
}

/// The first site of any of `sources`, with its file: where a member is first seen to need a
/// registry.
pub fn first_site(sources: &[Source]) -> Option<(&Source, &Site)> {
    sources
        .iter()
        .find_map(|source| source.scan.sites.first().map(|site| (source, site)))
}
