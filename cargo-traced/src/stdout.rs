//! Writing results to standard output.

use std::io::Write as _;

/// Writes `text` to standard output. A reader that stops early (`cargo traced spans | head`)
/// is not an error worth a panic, which `print!` would raise on the closed pipe.
pub fn write(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// `n thing` or `n things`.
pub fn counted(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}
