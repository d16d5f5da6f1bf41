//! Line and column positions, and the position of a byte offset (for problems found before
//! or beside the YAML parser).
//!
//! Lines are counted the way libyaml counts them (LF, CR LF, a lone CR, NEL, LS and PS each end
//! a line), so a position computed here agrees with one the parser reports for the same file.

/// A 1-based line and column; columns count characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Pos {
    pub(crate) const START: Pos = Pos { line: 1, column: 1 };
}

/// The position of byte `offset` of `bytes` (clamped to the end). Bytes that are not UTF-8
/// count as one character each, so the position of the first bad byte is still exact.
pub(crate) fn of_offset(bytes: &[u8], offset: usize) -> Pos {
    let end = offset.min(bytes.len());
    let mut pos = Pos::START;
    let mut i = 0;
    while i < end {
        let (width, line_break) = match bytes[i..] {
            [b'\r', b'\n', ..] => (2, true),
            [b'\r' | b'\n', ..] => (1, true),
            [0xc2, 0x85, ..] => (2, true),
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => (3, true),
            [b, ..] => (utf8_width(b), false),
            [] => break,
        };
        if line_break {
            pos.line += 1;
            pos.column = 1;
        } else {
            pos.column += 1;
        }
        i += width;
    }
    pos
}

/// The width of the UTF-8 sequence a byte starts; 1 for a byte that starts none.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn every_line_ending_counts() {
        assert_eq!(of_offset(b"ab\ncd", 4), pos(2, 2));
        assert_eq!(of_offset(b"ab\r\ncd", 5), pos(2, 2));
        assert_eq!(of_offset(b"ab\rcd\rx", 6), pos(3, 1));
        assert_eq!(of_offset("a\u{2028}b".as_bytes(), 4), pos(2, 1));
        assert_eq!(of_offset("a\u{85}b".as_bytes(), 3), pos(2, 1));
    }

    #[test]
    fn columns_count_characters_and_clamp() {
        assert_eq!(of_offset("é: ü".as_bytes(), 4), pos(1, 4));
        assert_eq!(of_offset(b"ab", 99), pos(1, 3));
        assert_eq!(of_offset(b"\xff\xfex", 2), pos(1, 3));
    }
}
