//! Property tests: arbitrary bytes and mutated registry files never panic the loader, and every
//! error names the file and a line and column inside it.
//!
//! A few hundred cases run with the other tests; a long run sets the count:
//! `TRACED_FUZZ_CASES=100000 cargo test --release -p traced-registry --test fuzz_loader`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use traced_registry::{LoadOptions, Registry};

/// The registry files of the repository, the starting points for mutation.
fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "tests/fixtures/good/v1.yaml",
        "tests/fixtures/good/deeper/v2.yaml",
        "../examples/attributes.yaml",
        "../ui-tests/attributes.yaml",
        // Declared spans: v2 `spans:`, `attribute_groups:`, `span_refinements:`, v1 span groups.
        "../ui-tests/tests/spans/registry/team.yaml",
        "../ui-tests/tests/spans/registry/legacy.yaml",
        "tests/fixtures/spans.yaml",
    ]
    .iter()
    .map(|rel| {
        let path = root.join(rel);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
    .collect()
}

/// One edit of a file, its places chosen relative to the file's size when applied.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Adds (or, when negative, removes) leading spaces.
    Indent(Index, i8),
    Insert(Index, Vec<u8>),
    ReplaceByte(Index, u8),
    Truncate(Index),
}

/// Bytes that mean something to YAML or to the registry schema, and some that mean nothing.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    let tokens: Vec<&[u8]> = vec![
        b": ",
        b"- ",
        b"&a ",
        b"*a",
        b"<<: *a",
        b"{",
        b"}",
        b"[",
        b"]",
        b", ",
        b"\"",
        b"'",
        b"\t",
        b"\r",
        b"\r\n",
        b"\n",
        b"\0",
        b"---\n",
        b"...\n",
        b"? ",
        b"#",
        b"|\n",
        b">-\n",
        b"!!str ",
        b"!tag ",
        b"~",
        b"0x1F",
        b"1e999",
        b"id: ",
        b"key: ",
        b"type: ",
        b"type: template[string]",
        b"type: any",
        b"members:\n  - id: x\n    value: 1\n",
        b"ref: ",
        b"deprecated: {reason: renamed, renamed_to: x.y}",
        b"annotations: {traced: {pii: [1]}}",
        b"annotations: {traced: {sensitive: pii}}",
        b"annotations: {traced: {sensitive: secret}}",
        b"annotations: {traced: {sensitive: maybe}}",
        b"annotations:\n  traced:\n    sensitive: ",
        b"tag: sensitive-information",
        b"attribute_groups:\n  - id: g\n    annotations: {traced: {sensitive: pii}}\n",
        b"file_format: definition/2\n",
        b"groups:\n",
        b"spans:\n  - type: s.t\n    kind: client\n",
        b"span_refinements:\n  - id: span.s.r\n    ref: s.t\n",
        b"attribute_groups:\n  - id: g\n",
        b"type: span\n",
        b"span_kind: ",
        b"extends: ",
        b"ref_group: ",
        b"requirement_level: required",
        b"requirement_level: {conditionally_required: x}",
        b"requirement_level: [x]",
        b"sampling_relevant: true",
        b"sampling_relevant: 3",
        b"annotations: {traced: {strict: true}}",
        "\u{e9}".as_bytes(),
        "\u{2028}".as_bytes(),
        "\u{feff}".as_bytes(),
        b"\xff",
        b"\xc3",
    ];
    prop_oneof![
        3 => proptest::sample::select(tokens).prop_map(<[u8]>::to_vec),
        1 => proptest::collection::vec(any::<u8>(), 1..8),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), -4i8..=4).prop_map(|(i, by)| Mutation::Indent(i, by)),
        (any::<Index>(), fragment()).prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::ReplaceByte(i, b)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &mut Vec<u8>, mutation: &Mutation) {
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    let n = lines.len();
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i.index(n));
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i.index(n)].clone();
            lines.insert(i.index(n), line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
        Mutation::Indent(i, by) => {
            let line = &mut lines[i.index(n)];
            if *by >= 0 {
                line.splice(0..0, std::iter::repeat_n(b' ', *by as usize));
            } else {
                let spaces = line.iter().take_while(|&&b| b == b' ').count();
                line.drain(..spaces.min(by.unsigned_abs() as usize));
            }
        }
        Mutation::Insert(i, bytes) => {
            let at = i.index(text.len() + 1);
            text.splice(at..at, bytes.iter().copied());
            return;
        }
        Mutation::ReplaceByte(i, b) => {
            if !text.is_empty() {
                let at = i.index(text.len());
                text[at] = *b;
            }
            return;
        }
        Mutation::Truncate(i) => {
            text.truncate(i.index(text.len() + 1));
            return;
        }
    }
    *text = lines.concat();
}

/// How many characters each line of `bytes` has, lines and characters counted as the loader
/// counts them (LF, CR LF, CR, NEL, LS and PS end a line; a byte that is not UTF-8 is one
/// character).
fn line_lengths(bytes: &[u8]) -> Vec<usize> {
    let mut lengths = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        let (width, line_break) = match bytes[i..] {
            [b'\r', b'\n', ..] => (2, true),
            [b'\r' | b'\n', ..] => (1, true),
            [0xc2, 0x85, ..] => (2, true),
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => (3, true),
            _ => {
                let width = bytes[i..]
                    .utf8_chunks()
                    .next()
                    .and_then(|chunk| chunk.valid().chars().next())
                    .map_or(1, char::len_utf8);
                (width, false)
            }
        };
        if line_break {
            lengths.push(0);
        } else if let Some(last) = lengths.last_mut() {
            *last += 1;
        }
        i += width;
    }
    lengths
}

/// A file of its own per case, so parallel tests never read each other's (under target/, so an
/// interrupted run leaves nothing elsewhere).
fn case_file() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz_loader");
    std::fs::create_dir_all(&dir).expect("create the fuzz dir");
    let n = N.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("case-{}-{n}.yaml", std::process::id()))
}

/// Loads `bytes` as a registry file, leniently and strictly: no panic (the runner catches one
/// and fails the case), and every error at a line and column of this file.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let file = case_file();
    std::fs::write(&file, bytes).expect("write the case");
    let lengths = line_lengths(bytes);
    let within = |line: usize, column: usize| {
        line >= 1 && column >= 1 && lengths.get(line - 1).is_some_and(|len| column <= len + 1)
    };
    let result = [false, true].map(|strict| Registry::load(&[&file], &LoadOptions { strict }));
    let _ = std::fs::remove_file(&file);
    for loaded in result {
        match loaded {
            Ok(registry) => {
                for a in registry.attributes() {
                    prop_assert_eq!(&a.defined_at.file, &file);
                    let at = &a.defined_at;
                    prop_assert!(within(at.line, at.column), "{} at {}", a.key, at);
                }
                for span in registry.spans() {
                    let at = &span.defined_at;
                    prop_assert_eq!(&at.file, &file);
                    prop_assert!(within(at.line, at.column), "span {} at {}", span.ty, at);
                }
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    prop_assert_eq!(&e.file, &file, "{}", e);
                    let (Some(line), Some(column)) = (e.line, e.column) else {
                        return Err(TestCaseError::fail(format!("no line and column: {e}")));
                    };
                    prop_assert!(within(line, column), "outside the file: {}", e);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(traced_test_support::fuzz_config())]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_registry_files(
        seed in any::<Index>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds();
        let mut text = seeds[seed.index(seeds.len())].clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        check(&text)?;
    }
}
