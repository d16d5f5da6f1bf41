//! libyaml's event parser (the `unsafe-libyaml` port, the parser serde_yaml is built on) behind
//! a safe iterator of events with their positions. The crate's only `unsafe` code.

use std::borrow::Cow;
use std::ffi::CStr;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

use crate::position::{self, Pos};

/// One parser event, with owned text.
#[derive(Debug, PartialEq)]
pub(crate) enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias(String),
    Scalar(Scalar),
    SequenceStart(Option<String>),
    SequenceEnd,
    MappingStart(Option<String>),
    MappingEnd,
}

#[derive(Debug, PartialEq)]
pub(crate) struct Scalar {
    pub(crate) anchor: Option<String>,
    pub(crate) tag: Option<String>,
    pub(crate) value: String,
    /// Written without quotes or block indicators: only such scalars can be `null`, numbers
    /// or booleans.
    pub(crate) plain: bool,
}

/// libyaml's description of the first problem, and where it is.
#[derive(Debug, PartialEq)]
pub(crate) struct SyntaxError {
    pub(crate) at: Pos,
    pub(crate) message: String,
}

/// Parses `text`, one event per [`Parser::next`].
pub(crate) struct Parser<'t> {
    /// Heap memory held by a raw pointer, never a `Box`: libyaml keeps a pointer to the parser
    /// inside the parser (its read handler's data), so it must never move, and a `Box` would
    /// also assert unique access each time the `Parser` moves, invalidating that inner pointer
    /// (undefined behaviour that Miri reports). Freed in `drop`.
    sys: NonNull<unsafe_libyaml::yaml_parser_t>,
    /// Read by the parser through a raw pointer: borrowed for as long as the parser lives.
    text: &'t str,
}

impl<'t> Parser<'t> {
    pub(crate) fn new(text: &'t str) -> Parser<'t> {
        let sys = NonNull::from(Box::leak(Box::new(MaybeUninit::<
            unsafe_libyaml::yaml_parser_t,
        >::uninit())))
        .cast::<unsafe_libyaml::yaml_parser_t>();
        let parser = sys.as_ptr();
        // SAFETY: `parser` points at memory this `Parser` owns, which stays put until drop.
        // Initialize only allocates libyaml's buffers, through Rust's allocator (which aborts
        // rather than fail), so it cannot fail. The input stays borrowed as long as the parser.
        unsafe {
            let _ = unsafe_libyaml::yaml_parser_initialize(parser);
            unsafe_libyaml::yaml_parser_set_encoding(parser, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        }
        Parser { sys, text }
    }

    /// The next event and where it starts, or the first syntax error.
    pub(crate) fn next(&mut self) -> Result<(Event, Pos), SyntaxError> {
        let parser = self.sys.as_ptr();
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialized in `new`; on success libyaml fills `event`, which
        // is read only then and deleted right after its text was copied out.
        unsafe {
            if unsafe_libyaml::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                return Err(self.error());
            }
            let event = event.as_mut_ptr();
            let converted = convert(&*event);
            let at = pos((*event).start_mark);
            unsafe_libyaml::yaml_event_delete(event);
            Ok((converted, at))
        }
    }

    fn error(&self) -> SyntaxError {
        // SAFETY: the parser is initialized; libyaml sets `problem` (and maybe `context`) to
        // static C strings when a parse fails.
        let parser = unsafe { self.sys.as_ref() };
        let problem = unsafe { text_of(parser.problem.cast()) }
            .unwrap_or(Cow::Borrowed("the YAML parser failed"));
        if parser.error == unsafe_libyaml::YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a mark.
            let offset = usize::try_from(parser.problem_offset).unwrap_or(usize::MAX);
            let at = position::of_offset(self.text.as_bytes(), offset);
            let message = match char::from_u32(parser.problem_value as u32) {
                Some(c) if parser.problem_value >= 0 && problem.starts_with("control char") => {
                    format!(
                        "control character U+{:04X} is not allowed; remove it",
                        c as u32
                    )
                }
                _ => problem.into_owned(),
            };
            return SyntaxError { at, message };
        }
        // At the end of a file without a final line break libyaml counts one more line, which
        // no editor shows: such a position is the end of the last line.
        let end = position::of_offset(self.text.as_bytes(), self.text.len());
        let at = pos(parser.problem_mark).min(end);
        let message = match unsafe { text_of(parser.context.cast()) } {
            Some(context) => {
                let from = pos(parser.context_mark);
                format!("{problem} ({context} at {}:{})", from.line, from.column)
            }
            None => problem.into_owned(),
        };
        SyntaxError { at, message }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialized in `new` and deleted only here; the memory came from the `Box`
        // leaked in `new`, with the same layout.
        unsafe {
            unsafe_libyaml::yaml_parser_delete(self.sys.as_ptr());
            drop(Box::from_raw(
                self.sys
                    .as_ptr()
                    .cast::<MaybeUninit<unsafe_libyaml::yaml_parser_t>>(),
            ));
        }
    }
}

/// The owned form of a libyaml event.
///
/// # Safety
/// `event` must be an event libyaml filled in and has not deleted yet.
unsafe fn convert(event: &unsafe_libyaml::yaml_event_t) -> Event {
    // SAFETY (every read below): the union field read is the one `type_` says is set, and its
    // pointers are libyaml's NUL-terminated strings or its `length`-long value buffer.
    unsafe {
        match event.type_ {
            unsafe_libyaml::YAML_STREAM_START_EVENT => Event::StreamStart,
            unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
            unsafe_libyaml::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
            unsafe_libyaml::YAML_ALIAS_EVENT => {
                Event::Alias(owned(event.data.alias.anchor).unwrap_or_default())
            }
            unsafe_libyaml::YAML_SCALAR_EVENT => {
                let scalar = event.data.scalar;
                let bytes = if scalar.value.is_null() {
                    &[][..]
                } else {
                    let len = usize::try_from(scalar.length).unwrap_or(0);
                    std::slice::from_raw_parts(scalar.value, len)
                };
                Event::Scalar(Scalar {
                    anchor: owned(scalar.anchor),
                    tag: owned(scalar.tag),
                    value: String::from_utf8_lossy(bytes).into_owned(),
                    plain: scalar.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
                })
            }
            unsafe_libyaml::YAML_SEQUENCE_START_EVENT => {
                Event::SequenceStart(owned(event.data.sequence_start.anchor))
            }
            unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Event::SequenceEnd,
            unsafe_libyaml::YAML_MAPPING_START_EVENT => {
                Event::MappingStart(owned(event.data.mapping_start.anchor))
            }
            unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::MappingEnd,
            // STREAM_END, and NO_EVENT, which libyaml never returns from a successful parse.
            _ => Event::StreamEnd,
        }
    }
}

/// # Safety
/// `ptr` is null or a NUL-terminated string.
unsafe fn text_of<'a>(ptr: *const std::ffi::c_char) -> Option<Cow<'a, str>> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated per the contract.
    Some(unsafe { CStr::from_ptr(ptr) }.to_string_lossy())
}

/// # Safety
/// `ptr` is null or a NUL-terminated string.
unsafe fn owned(ptr: *const u8) -> Option<String> {
    // SAFETY: forwarded contract.
    unsafe { text_of(ptr.cast()) }.map(Cow::into_owned)
}

/// libyaml's 0-based mark as a 1-based position.
fn pos(mark: unsafe_libyaml::yaml_mark_t) -> Pos {
    let one_based = |n: u64| usize::try_from(n).unwrap_or(usize::MAX).saturating_add(1);
    Pos {
        line: one_based(mark.line),
        column: one_based(mark.column),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Result<Vec<(Event, Pos)>, SyntaxError> {
        let mut parser = Parser::new(text);
        let mut out = Vec::new();
        loop {
            let (event, at) = parser.next()?;
            let end = event == Event::StreamEnd;
            out.push((event, at));
            if end {
                return Ok(out);
            }
        }
    }

    #[test]
    fn events_carry_positions() {
        let got = events("a: &x 'b'\nc: *x\n").unwrap();
        let scalar = |value: &str, anchor: Option<&str>, plain| {
            Event::Scalar(Scalar {
                anchor: anchor.map(String::from),
                tag: None,
                value: value.to_string(),
                plain,
            })
        };
        let p = |line, column| Pos { line, column };
        assert_eq!(
            got,
            [
                (Event::StreamStart, p(1, 1)),
                (Event::DocumentStart, p(1, 1)),
                (Event::MappingStart(None), p(1, 1)),
                (scalar("a", None, true), p(1, 1)),
                (scalar("b", Some("x"), false), p(1, 4)),
                (scalar("c", None, true), p(2, 1)),
                (Event::Alias("x".to_string()), p(2, 4)),
                (Event::MappingEnd, p(3, 1)),
                (Event::DocumentEnd, p(3, 1)),
                (Event::StreamEnd, p(3, 1)),
            ]
        );
    }

    #[test]
    fn errors_carry_positions() {
        let e = events("a:\n  - b\n c: d\n").unwrap_err();
        assert_eq!(e.at, Pos { line: 3, column: 2 }, "{e:?}");
        let e = events("a:\n  - b\n  - c\n  d").unwrap_err();
        assert_eq!(e.at, Pos { line: 4, column: 4 }, "{e:?}");
        let e = events("a: b\nc: \u{1}\n").unwrap_err();
        assert_eq!(e.at, Pos { line: 2, column: 4 }, "{e:?}");
        assert_eq!(
            e.message,
            "control character U+0001 is not allowed; remove it"
        );
    }
}
