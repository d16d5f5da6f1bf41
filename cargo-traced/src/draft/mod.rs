//! `cargo traced registry --draft`: how a team adopts traced on an existing codebase. From the
//! keys and event names the scanner finds in hand-written calls and `tracing` fields, a
//! starter v2 registry: each key typed from its values where they agree, `stability:
//! development`, a brief to fill in, and where it is used.
//!
//! Keys and events already in a member's registry are left out, so the draft is what to add
//! to it; with no registry at all (the adoption case) everything found is drafted.

mod collect;
mod yaml;

pub use collect::{Found, Use, collect};
pub use yaml::{BRIEF, render};

use std::path::PathBuf;
use std::process::ExitCode;
use traced_registry::{LoadOptions, Registry};

use crate::workspace::Workspace;

/// `cargo traced registry`'s options.
#[derive(clap::Args, Debug)]
#[command(about = "Draft a registry (`--draft`) from the keys and event names written by hand")]
pub struct Args {
    /// Write a starter v2 registry from the keys and event names found in the code.
    #[arg(long, required = true)]
    pub draft: bool,
    /// The official semantic-conventions model (its `model/` folder): keys found there are
    /// referenced instead of redefined.
    #[arg(long, value_name = "PATH")]
    pub semconv: Option<PathBuf>,
    /// Write the draft to this file (never over an existing one) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The workspace's (or a package's) Cargo.toml.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Draft only from this member (repeatable).
    #[arg(short = 'p', long = "package", value_name = "MEMBER")]
    pub packages: Vec<String>,
}

/// Runs the command: exit 0 with the draft written, 2 when it could not run.
pub fn run(args: &Args) -> ExitCode {
    match draft(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn draft(args: &Args) -> Result<(), String> {
    if let Some(file) = &args.output {
        if file.exists() {
            return Err(format!(
                "{} exists: the draft never overwrites a file (a registry, perhaps)\nwrite it to another path, or remove that file first",
                file.display()
            ));
        }
    }
    let semconv = match &args.semconv {
        Some(path) => Some(
            Registry::load(&[path], &LoadOptions::default())
                .map_err(|errors| {
                    format!(
                        "cannot load the official model given with --semconv {}:\n{errors}\n--semconv takes the `model/` folder of a semantic-conventions checkout",
                        path.display()
                    )
                })
                .map(|r| (r, path.display().to_string()))?,
        ),
        None => None,
    };
    let ws = Workspace::load(args.manifest_path.as_deref())?;
    let found = collect(&ws, &args.packages)?;
    let text = render(&found, semconv.as_ref().map(|(r, p)| (r, p.as_str())));
    match &args.output {
        Some(file) => {
            std::fs::write(file, text)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            eprintln!(
                "wrote a draft of {} and {} to {}",
                crate::stdout::counted(found.keys.len(), "key"),
                crate::stdout::counted(found.events.len(), "event"),
                file.display()
            );
        }
        None => crate::stdout::write(&text),
    }
    Ok(())
}
