//! Which crate a file belongs to, and the module path it is: the identity of a span across
//! edits is its crate and fn path, so both must come from the layout alone, never a line.

use std::path::{Component, Path};

/// The crate and module path of a file of a package, from cargo's layout: `src/` is the
/// package's library or binary (`src/a/b.rs` is module `a::b`, `mod.rs`, `lib.rs` and
/// `main.rs` name their folder), `src/bin/x.rs` is the binary `x`, and a file directly under
/// another folder (`tests/spans.rs`, `examples/quote.rs`, `benches/b.rs`) is a crate of its
/// own, named `package/folder/stem`; deeper files are modules of the folder's crates
/// (`tests/common/mod.rs`: crate `package/tests`, module `common`).
pub fn crate_and_module(package: &str, relative: &Path) -> (String, Vec<String>) {
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let stem = |name: &str| name.strip_suffix(".rs").unwrap_or(name).to_string();
    let modules = |rest: &[String]| -> Vec<String> {
        let mut out: Vec<String> = rest.iter().map(|p| stem(p)).collect();
        if out
            .last()
            .is_some_and(|last| ["mod", "lib", "main"].contains(&last.as_str()))
        {
            out.pop();
        }
        out
    };
    match parts.as_slice() {
        [] => (package.to_string(), Vec::new()),
        [src, bin, file] if src == "src" && bin == "bin" => {
            (format!("{package}/bin/{}", stem(file)), Vec::new())
        }
        [src, bin, name, rest @ ..] if src == "src" && bin == "bin" => {
            (format!("{package}/bin/{name}"), modules(rest))
        }
        [src, rest @ ..] if src == "src" => (package.to_string(), modules(rest)),
        [file] => (package.to_string(), vec![stem(file)]),
        [folder, file] if file == "mod.rs" => (format!("{package}/{folder}"), Vec::new()),
        [folder, file] => (format!("{package}/{folder}/{}", stem(file)), Vec::new()),
        [folder, rest @ ..] => (format!("{package}/{folder}"), modules(rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(path: &str) -> (String, String) {
        let (krate, modules) = crate_and_module("p", Path::new(path));
        (krate, modules.join("::"))
    }

    #[test]
    fn crates_and_modules_follow_cargos_layout() {
        let cases = [
            ("src/lib.rs", "p", ""),
            ("src/main.rs", "p", ""),
            ("src/redemption.rs", "p", "redemption"),
            ("src/a/mod.rs", "p", "a"),
            ("src/a/b.rs", "p", "a::b"),
            ("src/bin/tool.rs", "p/bin/tool", ""),
            ("src/bin/tool/main.rs", "p/bin/tool", ""),
            ("src/bin/tool/cli.rs", "p/bin/tool", "cli"),
            ("tests/spans.rs", "p/tests/spans", ""),
            ("tests/common/mod.rs", "p/tests", "common"),
            ("examples/quote.rs", "p/examples/quote", ""),
            ("build.rs", "p", "build"),
            ("common/mod.rs", "p/common", ""),
        ];
        for (path, krate, module) in cases {
            assert_eq!(of(path), (krate.to_string(), module.to_string()), "{path}");
        }
    }
}
