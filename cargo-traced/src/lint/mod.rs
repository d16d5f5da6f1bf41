//! `cargo traced lint`: every member's hand-written spans, attributes and events checked
//! against the member's registry.
//!
//! A member with no span, attribute or event site needs no registry; one with sites and no
//! registry is an error naming the member, its first site and where a registry is looked for.

mod allow;
pub mod rules;

use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use traced_registry::locate::Unavailable;

use crate::report;
use crate::sources;
use crate::workspace::{Member, Workspace};
pub use rules::{Finding, RULES, Rule};

/// `cargo traced lint`'s options.
#[derive(clap::Args, Debug)]
#[command(
    about = "Check hand-written OpenTelemetry and `tracing` spans against each member's registry"
)]
pub struct Args {
    /// The workspace's (or a package's) Cargo.toml.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// How findings are written.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Check only this member (repeatable).
    #[arg(short = 'p', long = "package", value_name = "MEMBER")]
    pub packages: Vec<String>,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Like rustc's diagnostics.
    Human,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// A finding in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// The file, relative to the workspace root.
    pub file: PathBuf,
    /// The source line the finding is on.
    pub line: String,
    /// The enclosing fn.
    pub function: Option<String>,
    /// The finding.
    pub finding: Finding,
}

/// What a lint run found.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Every finding, ordered by file and place.
    pub findings: Vec<Located>,
    /// How many files were read.
    pub files: usize,
}

/// Runs the command: exit 0 clean, 1 with findings, 2 when it could not run.
pub fn run(args: &Args) -> ExitCode {
    let outcome = Workspace::load(args.manifest_path.as_deref())
        .and_then(|ws| lint(&ws, &args.packages).map(|outcome| (ws, outcome)));
    match outcome {
        Ok((_, outcome)) => {
            crate::stdout::write(&report::render(args.format, &outcome));
            ExitCode::from(u8::from(!outcome.findings.is_empty()))
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Lints the selected members (all when `packages` is empty).
pub fn lint(ws: &Workspace, packages: &[String]) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    for member in ws.select(packages)? {
        lint_member(ws, member, &mut outcome)?;
    }
    outcome
        .findings
        .sort_by(|a, b| (&a.file, a.finding.at).cmp(&(&b.file, b.finding.at)));
    Ok(outcome)
}

fn lint_member(ws: &Workspace, member: &Member, outcome: &mut Outcome) -> Result<(), String> {
    let sources = sources::read(ws, member)?;
    outcome.files += sources.len();
    let Some((first_file, first)) = sources::first_site(&sources) else {
        return Ok(());
    };
    let (registry, paths) = member.registry().map_err(|unavailable| match unavailable {
        Unavailable::NotFound(message) => format!(
            "member `{}` writes spans or attributes by hand ({}:{}:{}), but has no attribute registry to check them against:\n{message}",
            member.name,
            first_file.path.display(),
            first.at.line,
            first.at.column,
        ),
        other => format!("member `{}`: {}", member.name, other.message()),
    })?;
    let cx = rules::Context {
        registry: &registry,
        root: &ws.root,
        sources: &paths,
    };
    for source in &sources {
        let lines: Vec<&str> = source.text.lines().collect();
        for site in &source.scan.sites {
            for finding in rules::check(site, &cx) {
                if allow::allowed(&lines, finding.at.line)
                    .iter()
                    .any(|id| id == finding.rule)
                {
                    continue;
                }
                outcome.findings.push(Located {
                    file: source.path.clone(),
                    line: lines
                        .get(finding.at.line - 1)
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                    function: site.function.clone(),
                    finding,
                });
            }
        }
    }
    Ok(())
}
