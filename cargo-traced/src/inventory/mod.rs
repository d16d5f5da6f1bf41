//! `cargo traced spans`: the inventory of every span in the workspace (`#[traced]` fns and
//! hand-written spans) as Markdown or JSON, and `--check` of a committed inventory, so that a
//! renamed or removed span is caught in review, not when a dashboard goes dark.

mod build;
pub mod check;
mod functions;
mod markdown;
pub mod model;
mod target;

pub use build::{inventory, member_registry};
pub use model::{Entry, Inventory};

use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::workspace::Workspace;

/// `cargo traced spans`'s options.
#[derive(clap::Args, Debug)]
#[command(
    about = "List every span of the workspace (`#[traced]` fns and hand-written spans), or check a committed list"
)]
pub struct Args {
    /// The workspace's (or a package's) Cargo.toml.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// List only this member's spans (repeatable).
    #[arg(short = 'p', long = "package", value_name = "MEMBER")]
    pub packages: Vec<String>,
    /// How the inventory is written.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Write the inventory to this file instead of standard output.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["check", "update"])]
    pub output: Option<PathBuf>,
    /// Compare with this committed JSON inventory: exit 1 listing each difference.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["update", "format"])]
    pub check: Option<PathBuf>,
    /// Rewrite this JSON inventory from the code.
    #[arg(long, value_name = "FILE", conflicts_with = "format")]
    pub update: Option<PathBuf>,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A page for the docs: one table per crate.
    Markdown,
    /// Pretty, sorted JSON: the form to commit and `--check`.
    Json,
}

/// Runs the command: exit 0 done (or equal), 1 when `--check` finds differences, 2 when it
/// could not run.
pub fn run(args: &Args) -> ExitCode {
    let inventory = match Workspace::load(args.manifest_path.as_deref())
        .and_then(|ws| inventory(&ws, &args.packages))
    {
        Ok((inventory, notes)) => {
            for note in notes {
                eprintln!("note: {note}");
            }
            inventory
        }
        Err(message) => return fail(&message),
    };
    if let Some(file) = &args.check {
        let committed = match check::read(file, &update_command(args, file)) {
            Ok(committed) => committed,
            Err(check::Unusable(message)) => return fail(&message),
        };
        let differences = check::differences(&committed, &inventory);
        if differences.is_empty() {
            crate::stdout::write(&format!(
                "ok: {}, as in {}\n",
                crate::stdout::counted(inventory.spans.len(), "span"),
                file.display()
            ));
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "error: the spans differ from {} ({}):",
            file.display(),
            crate::stdout::counted(differences.len(), "difference")
        );
        for difference in &differences {
            eprintln!("  {difference}");
        }
        eprintln!(
            "help: a renamed or removed span breaks the dashboards, alerts and queries that use its name; if the change is intended, run `{}` and commit the file",
            update_command(args, file)
        );
        return ExitCode::from(1);
    }
    if let Some(file) = &args.update {
        return match std::fs::write(file, inventory.to_json()) {
            Ok(()) => {
                eprintln!(
                    "wrote {} to {}",
                    crate::stdout::counted(inventory.spans.len(), "span"),
                    file.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot write {}: {e}", file.display())),
        };
    }
    let text = match args.format {
        Format::Markdown => markdown::render(&inventory),
        Format::Json => inventory.to_json(),
    };
    match &args.output {
        Some(file) => match std::fs::write(file, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write {}: {e}", file.display())),
        },
        None => {
            crate::stdout::write(&text);
            ExitCode::SUCCESS
        }
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The command that rewrites `file` with the same selection.
fn update_command(args: &Args, file: &Path) -> String {
    let mut command = String::from("cargo traced spans");
    if let Some(manifest) = &args.manifest_path {
        command.push_str(&format!(" --manifest-path {}", manifest.display()));
    }
    for package in &args.packages {
        command.push_str(&format!(" -p {package}"));
    }
    command.push_str(&format!(" --update {}", file.display()));
    command
}
