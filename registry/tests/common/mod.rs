//! Locates the official semantic-conventions model kept beside the project (never copied in).

use std::path::PathBuf;

/// The model folder: env `TRACED_SEMCONV_MODEL`, else `../shared/semconv-model/model` beside
/// the workspace. `None` (after saying why) when it is absent; panics instead when `CI=true`,
/// so CI never silently skips.
pub fn official_model() -> Option<PathBuf> {
    let path = match std::env::var_os("TRACED_SEMCONV_MODEL") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/semconv-model/model"
        )),
    };
    if path.is_dir() {
        return Some(path);
    }
    let why = format!(
        "official semantic-conventions model not found at {}; set TRACED_SEMCONV_MODEL to its \
         `model/` folder",
        path.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{why}");
    }
    eprintln!("skipping: {why}");
    None
}
