//! The console exporter: each finished trace as an indented tree.

use super::tree::{self, Style};
use opentelemetry::trace::{SpanId, TraceId};
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{SpanData, SpanExporter};
use opentelemetry_sdk::Resource;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Duration;

/// How many printed traces are remembered, to recognise spans that end after their trace
/// was printed (work that outlived its root).
const REMEMBERED_TRACES: usize = 1024;
/// Past this many buffered spans (roots that never end), everything buffered is printed.
const MAX_PENDING: usize = 10_000;

/// A [`SpanExporter`] that prints each finished trace as an indented tree: name, duration,
/// kind (when not internal), attributes, events, links and status.
///
/// Spans reach an exporter children first, possibly in several batches, so they are
/// buffered per trace and a tree is printed when its top span has ended: a span with no
/// parent, or whose parent is remote and has not ended in this process. Spans still
/// buffered at shutdown are printed then. Colour is used only on a terminal, and never
/// when `NO_COLOR` is set.
///
/// ```
/// use opentelemetry_sdk::trace::SdkTracerProvider;
/// use traced_runtime::sdk::ConsoleExporter;
///
/// let provider = SdkTracerProvider::builder()
///     .with_simple_exporter(ConsoleExporter::stdout())
///     .build();
/// # drop(provider);
/// ```
pub struct ConsoleExporter {
    state: Mutex<State>,
    out: Mutex<Box<dyn Write + Send>>,
    /// Changed only by `set_resource`, which has `&mut self`.
    style: Style,
}

#[derive(Default)]
struct State {
    /// Ended spans not printed yet, per trace, in arrival order.
    pending: HashMap<TraceId, Vec<SpanData>>,
    pending_count: usize,
    /// Spans already printed, per trace, for late children.
    printed: HashMap<TraceId, HashSet<SpanId>>,
    printed_order: VecDeque<TraceId>,
}

impl fmt::Debug for ConsoleExporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsoleExporter").finish_non_exhaustive()
    }
}

impl ConsoleExporter {
    /// Prints to standard output, in colour when it is a terminal and `NO_COLOR` is unset
    /// or empty.
    pub fn stdout() -> ConsoleExporter {
        let color = std::io::stdout().is_terminal() && !no_color(std::env::var_os("NO_COLOR"));
        ConsoleExporter::to_writer(std::io::stdout(), color)
    }

    /// Prints to `out`, with ANSI colours if `color`.
    pub fn to_writer(out: impl Write + Send + 'static, color: bool) -> ConsoleExporter {
        ConsoleExporter {
            state: Mutex::default(),
            out: Mutex::new(Box::new(out)),
            style: Style {
                color,
                service: None,
            },
        }
    }

    fn print(&self, spans: &[SpanData]) {
        if spans.is_empty() {
            return;
        }
        let text = tree::render(spans, &self.style);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        // A closed stdout (`| head`) must not take the application down.
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }

    fn accept(&self, batch: Vec<SpanData>) -> Vec<SpanData> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut ready = Vec::new();
        for span in batch {
            let trace = span.span_context.trace_id();
            let closes = span.parent_span_id == SpanId::INVALID || {
                let parent = span.parent_span_id;
                let parent_pending = state
                    .pending
                    .get(&trace)
                    .is_some_and(|p| p.iter().any(|s| s.span_context.span_id() == parent));
                let parent_printed = state
                    .printed
                    .get(&trace)
                    .is_some_and(|p| p.contains(&parent));
                !parent_pending && (span.parent_span_is_remote || parent_printed)
            };
            let top = span.span_context.span_id();
            state.pending.entry(trace).or_default().push(span);
            state.pending_count += 1;
            if closes {
                let subtree = state.take_subtree(trace, top);
                state.remember(trace, &subtree);
                ready.extend(subtree);
            }
        }
        if state.pending_count > MAX_PENDING {
            ready.extend(state.take_all());
        }
        ready
    }
}

impl State {
    /// Removes `top` and everything below it from the trace's pending spans.
    fn take_subtree(&mut self, trace: TraceId, top: SpanId) -> Vec<SpanData> {
        let Some(pending) = self.pending.get_mut(&trace) else {
            return Vec::new();
        };
        let mut members: HashSet<SpanId> = HashSet::from([top]);
        // Parents may sit anywhere in arrival order; repeat until nothing more joins.
        loop {
            let before = members.len();
            for span in pending.iter() {
                if members.contains(&span.parent_span_id) {
                    members.insert(span.span_context.span_id());
                }
            }
            if members.len() == before {
                break;
            }
        }
        let (taken, kept): (Vec<_>, Vec<_>) = pending
            .drain(..)
            .partition(|s| members.contains(&s.span_context.span_id()));
        if kept.is_empty() {
            self.pending.remove(&trace);
        } else {
            *pending = kept;
        }
        self.pending_count -= taken.len();
        taken
    }

    fn take_all(&mut self) -> Vec<SpanData> {
        self.pending_count = 0;
        let mut all: Vec<SpanData> = self.pending.drain().flat_map(|(_, v)| v).collect();
        all.sort_by_key(|s| s.start_time);
        all
    }

    fn remember(&mut self, trace: TraceId, spans: &[SpanData]) {
        if !self.printed.contains_key(&trace) {
            if self.printed_order.len() == REMEMBERED_TRACES {
                if let Some(old) = self.printed_order.pop_front() {
                    self.printed.remove(&old);
                }
            }
            self.printed_order.push_back(trace);
        }
        self.printed
            .entry(trace)
            .or_default()
            .extend(spans.iter().map(|s| s.span_context.span_id()));
    }
}

impl SpanExporter for ConsoleExporter {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        let ready = self.accept(batch);
        self.print(&ready);
        Ok(())
    }

    fn shutdown_with_timeout(&self, _timeout: Duration) -> OTelSdkResult {
        let leftovers = self
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take_all();
        self.print(&leftovers);
        Ok(())
    }

    fn set_resource(&mut self, resource: &Resource) {
        let service = resource
            .get(&opentelemetry::Key::from_static_str("service.name"))
            .map(|v| v.to_string());
        self.style.service = service;
    }
}

/// `NO_COLOR`: any non-empty value turns colour off (<https://no-color.org>).
fn no_color(value: Option<std::ffi::OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::super::now;
    use super::super::tree::tests::span;
    use super::*;
    use std::sync::Arc;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl Sink {
        fn take(&self) -> String {
            String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
        }
    }

    fn exporter() -> (ConsoleExporter, Sink) {
        let sink = Sink::default();
        (ConsoleExporter::to_writer(sink.clone(), false), sink)
    }

    #[test]
    fn prints_a_trace_once_its_root_ends_across_batches() {
        let (exporter, sink) = exporter();
        now(exporter.export(vec![span(1, 3, 2, "grandchild", (2, 3))])).unwrap();
        now(exporter.export(vec![span(1, 2, 1, "child", (1, 4))])).unwrap();
        assert_eq!(sink.take(), "", "nothing before the root ends");
        now(exporter.export(vec![span(1, 1, 0, "root", (0, 5))])).unwrap();
        let text = sink.take();
        let order: Vec<usize> = ["root", "child", "grandchild"]
            .iter()
            .map(|n| text.find(&format!("{n}  ")).expect(n))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.contains("└── grandchild"), "{text}");
    }

    #[test]
    fn traces_are_kept_apart() {
        let (exporter, sink) = exporter();
        now(exporter.export(vec![
            span(1, 11, 10, "a.child", (1, 2)),
            span(2, 21, 20, "b.child", (1, 2)),
            span(2, 20, 0, "b.root", (0, 3)),
        ]))
        .unwrap();
        let text = sink.take();
        assert!(
            text.contains("b.root") && text.contains("b.child"),
            "{text}"
        );
        assert!(!text.contains("a.child"), "{text}");
        exporter.shutdown().unwrap();
        let leftovers = sink.take();
        assert!(leftovers.contains("a.child"), "{leftovers}");
    }

    #[test]
    fn remote_parent_closes_unless_its_parent_ended_here() {
        let (exporter, sink) = exporter();
        // A consumer whose producer ran in another process: printed on its own.
        let mut consumer = span(3, 31, 99, "orders.process", (0, 1));
        consumer.parent_span_is_remote = true;
        now(exporter.export(vec![consumer.clone()])).unwrap();
        assert!(sink
            .take()
            .contains("orders.process  1.0 ms  (remote parent)"));

        // Same trace id, but the producer ended here first: wait for the real root.
        let producer = span(4, 41, 40, "orders.publish", (1, 2));
        let mut consumer = span(4, 42, 41, "orders.process", (3, 4));
        consumer.parent_span_is_remote = true;
        now(exporter.export(vec![producer, consumer])).unwrap();
        assert_eq!(sink.take(), "");
        now(exporter.export(vec![span(4, 40, 0, "checkout", (0, 5))])).unwrap();
        let text = sink.take();
        assert!(
            text.contains("└── orders.publish") && text.contains("    └── orders.process"),
            "{text}"
        );
    }

    #[test]
    fn late_children_print_after_their_trace() {
        let (exporter, sink) = exporter();
        now(exporter.export(vec![span(5, 50, 0, "root", (0, 1))])).unwrap();
        assert!(sink.take().contains("root"));
        now(exporter.export(vec![span(5, 51, 50, "outlived.root", (0, 9))])).unwrap();
        assert!(sink.take().contains("outlived.root"));
    }

    #[test]
    fn no_color_values() {
        assert!(!no_color(None));
        assert!(!no_color(Some("".into())));
        assert!(no_color(Some("1".into())));
    }
}
