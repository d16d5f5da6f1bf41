use std::path::PathBuf;

/// The official semantic-conventions model folder: env `TRACED_SEMCONV_MODEL`, else
/// `../shared/semconv-model/model` beside the workspace (it is data, never copied into the
/// project).
///
/// `None`, after printing why, when it is absent; a panic instead under `CI=true`, so that CI
/// never passes without the cases that need it.
pub fn official_model() -> Option<PathBuf> {
    let path = match std::env::var_os("TRACED_SEMCONV_MODEL").filter(|v| !v.is_empty()) {
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
        "the official semantic-conventions model is not at {}; set TRACED_SEMCONV_MODEL to its \
         `model/` folder",
        path.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{why} (required under CI=true)");
    }
    eprintln!("skipping the cases that need it: {why}");
    None
}
