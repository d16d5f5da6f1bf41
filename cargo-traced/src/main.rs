//! `cargo traced`: run by cargo as `cargo-traced traced <command> ...`, or directly as
//! `cargo-traced <command> ...`. Each command lives in its own module; this file only
//! dispatches.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo-traced",
    bin_name = "cargo traced",
    version,
    about = "Hand-written OpenTelemetry and `tracing` spans checked against the attribute registry"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Lint(cargo_traced::lint::Args),
    Spans(cargo_traced::inventory::Args),
    Registry(cargo_traced::draft::Args),
}

fn main() -> ExitCode {
    let mut args: Vec<_> = std::env::args_os().collect();
    // cargo runs `cargo-traced traced lint ...` for `cargo traced lint ...`.
    if args.get(1).is_some_and(|a| a == "traced") {
        args.remove(1);
    }
    match Cli::parse_from(args).command {
        Command::Lint(args) => cargo_traced::lint::run(&args),
        Command::Spans(args) => cargo_traced::inventory::run(&args),
        Command::Registry(args) => cargo_traced::draft::run(&args),
    }
}
