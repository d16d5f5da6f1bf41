//! The pseudonym `redact::pseudonym` records for each value, under the key in
//! `TRACED_REDACTION_KEY`: what an operator searches for to find one customer's traces.
//!
//! ```text
//! TRACED_REDACTION_KEY=... cargo run -p traced-runtime --example pseudonym -- jo@example.com
//! ```
//!
//! With no value on the command line, each line of standard input is one value (so that the
//! values stay out of the shell's history and the process list).

use std::io::BufRead;
use std::process::ExitCode;

fn main() -> ExitCode {
    let key = std::env::var_os(traced_runtime::redact::KEY_VARIABLE).unwrap_or_default();
    if key.is_empty() {
        eprintln!(
            "pseudonym: set {} to the services' redaction key",
            traced_runtime::redact::KEY_VARIABLE
        );
        return ExitCode::from(2);
    }
    let key = key.as_encoded_bytes();
    let print = |value: &str| {
        println!("{}", traced_runtime::redact::pseudonym_with_key(key, value));
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        args.iter().for_each(|value| print(value));
        return ExitCode::SUCCESS;
    }
    for line in std::io::stdin().lock().lines() {
        match line {
            Ok(value) => print(&value),
            Err(e) => {
                eprintln!("pseudonym: cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
