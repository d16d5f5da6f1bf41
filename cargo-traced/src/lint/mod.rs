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
use traced_registry::locate;
use traced_registry::{LoadOptions, Registry};

use crate::report;
use crate::scan::{self, FileScan};
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
            print!("{}", report::render(args.format, &outcome));
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
    let mut scanned: Vec<(PathBuf, String, FileScan)> = Vec::new();
    for path in member.rust_files()? {
        let shown = ws.relative(&path).to_path_buf();
        let source = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", shown.display()))?;
        let scan = scan::scan(&source).map_err(|e| {
            format!(
                "cannot parse {}:{}:{}: {}\nonly files that parse as Rust can be checked; fix the syntax, or move the file into a folder with its own Cargo.toml (a fixture)",
                shown.display(),
                e.at.line,
                e.at.column,
                e.message
            )
        })?;
        scanned.push((shown, source, scan));
    }
    outcome.files += scanned.len();
    let Some((first_file, first)) = scanned
        .iter()
        .find_map(|(file, _, scan)| scan.sites.first().map(|site| (file, site)))
    else {
        return Ok(());
    };
    let paths = locate::registry_paths(&member.dir, std::env::var_os("TRACED_REGISTRY")).map_err(|unavailable| {
        format!(
            "member `{}` writes spans or attributes by hand ({}:{}:{}), but has no attribute registry to check them against:\n{}",
            member.name,
            first_file.display(),
            first.at.line,
            first.at.column,
            unavailable.message()
        )
    })?;
    let registry = Registry::load(&paths, &LoadOptions::default()).map_err(|errors| {
        format!(
            "member `{}`: {}",
            member.name,
            locate::broken(&paths, &errors).message()
        )
    })?;
    let cx = rules::Context {
        registry: &registry,
        root: &ws.root,
        sources: &paths,
    };
    for (file, source, scan) in &scanned {
        let lines: Vec<&str> = source.lines().collect();
        for site in &scan.sites {
            for finding in rules::check(site, &cx) {
                if allow::allowed(&lines, finding.at.line)
                    .iter()
                    .any(|id| id == finding.rule)
                {
                    continue;
                }
                outcome.findings.push(Located {
                    file: file.clone(),
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

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
