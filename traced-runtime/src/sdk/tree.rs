//! Rendering finished spans as an indented tree: the console exporter's output and the span
//! dump in `testing`'s assertion messages.

use opentelemetry::trace::{SpanId, SpanKind, Status, TraceId};
use opentelemetry::{Array, Value};
use opentelemetry_sdk::trace::SpanData;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

/// How to draw the tree.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Written after the trace id on each trace's first line.
    pub service: Option<String>,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Renders `spans` (any number of traces, in any order) as one tree per trace, traces in
/// the order their first span started. A span whose parent is not among `spans` is drawn
/// as a root of its trace.
pub(crate) fn render(spans: &[SpanData], style: &Style) -> String {
    let mut traces: Vec<(TraceId, Vec<&SpanData>)> = Vec::new();
    for span in spans {
        let id = span.span_context.trace_id();
        match traces.iter_mut().find(|(t, _)| *t == id) {
            Some((_, group)) => group.push(span),
            None => traces.push((id, vec![span])),
        }
    }
    for (_, group) in &mut traces {
        group.sort_by_key(|s| s.start_time);
    }
    traces.sort_by_key(|(_, group)| group[0].start_time);

    let mut out = String::new();
    for (trace_id, group) in traces {
        let mut header = format!("trace {trace_id}");
        if let Some(service) = &style.service {
            let _ = write!(header, " · {service}");
        }
        let _ = writeln!(out, "{}", style.paint("2", &header));
        let ids: HashSet<SpanId> = group.iter().map(|s| s.span_context.span_id()).collect();
        let mut children: HashMap<SpanId, Vec<&SpanData>> = HashMap::new();
        let mut roots = Vec::new();
        for span in &group {
            if ids.contains(&span.parent_span_id) {
                children.entry(span.parent_span_id).or_default().push(span);
            } else {
                roots.push(*span);
            }
        }
        let tree = Tree {
            children,
            style,
            out: &mut out,
        };
        tree.draw_all(&roots);
    }
    out
}

struct Tree<'a, 's> {
    children: HashMap<SpanId, Vec<&'s SpanData>>,
    style: &'a Style,
    out: &'a mut String,
}

impl Tree<'_, '_> {
    fn draw_all(mut self, roots: &[&SpanData]) {
        for root in roots {
            self.draw(root, "", "");
        }
    }

    /// `lead` starts the span's own line; `indent` starts every line below it.
    fn draw(&mut self, span: &SpanData, lead: &str, indent: &str) {
        let style = self.style;
        // Each span is drawn once, so its children are taken rather than copied.
        let kids = self
            .children
            .remove(&span.span_context.span_id())
            .unwrap_or_default();

        let mut line = format!(
            "{lead}{}  {}",
            style.paint("1", &span.name),
            style.paint(
                "2",
                &format_duration(elapsed(span.start_time, span.end_time))
            )
        );
        if span.span_kind != SpanKind::Internal {
            line += &style.paint("36", &format!("  {}", kind_name(&span.span_kind)));
        }
        if span.parent_span_is_remote {
            line += &style.paint("36", "  (remote parent)");
        }
        match &span.status {
            Status::Unset => {}
            Status::Ok => line += &style.paint("32", "  OK"),
            Status::Error { .. } => line += &style.paint("1;31", "  ERROR"),
        }
        let _ = writeln!(self.out, "{line}");

        let detail = format!("{indent}{}", if kids.is_empty() { "    " } else { "│   " });
        for kv in &span.attributes {
            let _ = writeln!(self.out, "{detail}{} = {}", kv.key, format_value(&kv.value));
        }
        for event in span.events.iter() {
            let mut line = format!(
                "{detail}{} {}  +{}",
                style.paint("33", "◆"),
                style.paint("33", &event.name),
                format_duration(elapsed(span.start_time, event.timestamp))
            );
            for kv in &event.attributes {
                let _ = write!(line, "  {} = {}", kv.key, format_value(&kv.value));
            }
            let _ = writeln!(self.out, "{line}");
        }
        for link in span.links.iter() {
            let cx = &link.span_context;
            let _ = writeln!(
                self.out,
                "{detail}↪ link {}:{}",
                cx.trace_id(),
                cx.span_id()
            );
        }
        if let Status::Error { description } = &span.status {
            let _ = writeln!(
                self.out,
                "{detail}{}",
                style.paint("31", &format!("error: {description}"))
            );
        }

        let last = kids.len().saturating_sub(1);
        for (i, kid) in kids.iter().enumerate() {
            let (branch, rest) = if i == last {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            self.draw(
                kid,
                &format!("{indent}{branch}"),
                &format!("{indent}{rest}"),
            );
        }
    }
}

fn elapsed(from: SystemTime, to: SystemTime) -> Duration {
    to.duration_since(from).unwrap_or_default()
}

fn kind_name(kind: &SpanKind) -> &'static str {
    match kind {
        SpanKind::Client => "client",
        SpanKind::Server => "server",
        SpanKind::Producer => "producer",
        SpanKind::Consumer => "consumer",
        SpanKind::Internal => "internal",
    }
}

/// `850 µs`, `12.3 ms`, `2.10 s`: three significant digits are plenty for reading a tree.
pub(crate) fn format_duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else if micros < 1e6 {
        format!("{:.1} ms", micros / 1e3)
    } else {
        format!("{:.2} s", micros / 1e6)
    }
}

/// Strings quoted, so `"42"` and `42` look different, as they are.
pub(crate) fn format_value(value: &Value) -> String {
    fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
        let items: Vec<String> = items.iter().map(f).collect();
        format!("[{}]", items.join(", "))
    }
    match value {
        Value::String(s) => format!("{:?}", s.as_str()),
        Value::Array(Array::String(v)) => list(v, |s| format!("{:?}", s.as_str())),
        Value::Array(Array::Bool(v)) => list(v, bool::to_string),
        Value::Array(Array::I64(v)) => list(v, i64::to_string),
        // Debug keeps the `.0`, so a double never reads as an integer.
        Value::Array(Array::F64(v)) => list(v, |f| format!("{f:?}")),
        Value::F64(f) => format!("{f:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use opentelemetry::trace::{SpanContext, TraceFlags, TraceState};
    use opentelemetry::{InstrumentationScope, KeyValue};
    use opentelemetry_sdk::trace::{SpanEvents, SpanLinks};
    use std::borrow::Cow;

    pub(crate) fn t(ms: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000) + Duration::from_millis(ms)
    }

    /// A finished span of trace `trace`, id `id`, parent `parent` (0: none), from `start` to
    /// `end` milliseconds.
    pub(crate) fn span(
        trace: u128,
        id: u64,
        parent: u64,
        name: &'static str,
        (start, end): (u64, u64),
    ) -> SpanData {
        SpanData {
            span_context: SpanContext::new(
                TraceId::from(trace),
                SpanId::from(id),
                TraceFlags::SAMPLED,
                false,
                TraceState::default(),
            ),
            parent_span_id: SpanId::from(parent),
            parent_span_is_remote: false,
            span_kind: SpanKind::Internal,
            name: Cow::Borrowed(name),
            start_time: t(start),
            end_time: t(end),
            attributes: Vec::new(),
            dropped_attributes_count: 0,
            events: SpanEvents::default(),
            links: SpanLinks::default(),
            status: Status::Unset,
            instrumentation_scope: InstrumentationScope::builder("test").build(),
        }
    }

    fn redemption() -> Vec<SpanData> {
        let mut apply = span(7, 1, 0, "rewards.redemption.apply", (0, 2118));
        apply.attributes = vec![
            KeyValue::new("customer.id", "c-1042"),
            KeyValue::new("redemption.coins_debited", 4200),
        ];
        let mut check = span(7, 2, 1, "rewards.idempotency.check", (1, 13));
        check.events.events.push(opentelemetry::trace::Event::new(
            "idempotency.replica_lag_warning",
            t(12),
            vec![KeyValue::new("idempotency.replica_lag_ms", 240)],
            0,
        ));
        let mut review = span(7, 3, 1, "rewards.fraud.review", (14, 2114));
        review.status = Status::error("review queue unavailable");
        review.span_kind = SpanKind::Client;
        let mut nested = span(7, 4, 3, "rewards.fraud.score", (15, 20));
        nested.attributes = vec![KeyValue::new(
            "fraud.rules",
            Value::Array(Array::String(vec!["a".into(), "b".into()])),
        )];
        // Children first, as an exporter receives them.
        vec![check, nested, review, apply]
    }

    #[test]
    fn draws_nesting_in_start_order() {
        let text = render(&redemption(), &Style::default());
        let lines: Vec<&str> = text.lines().collect();
        let expected_shape = [
            "trace 00000000000000000000000000000007",
            "rewards.redemption.apply  2.12 s",
            "│   customer.id = \"c-1042\"",
            "│   redemption.coins_debited = 4200",
            "├── rewards.idempotency.check  12.0 ms",
            "│       ◆ idempotency.replica_lag_warning  +11.0 ms  idempotency.replica_lag_ms = 240",
            "└── rewards.fraud.review  2.10 s  client  ERROR",
            "    │   error: review queue unavailable",
            "    └── rewards.fraud.score  5.0 ms",
            "            fraud.rules = [\"a\", \"b\"]",
        ];
        assert_eq!(lines, expected_shape, "\n{text}");
    }

    #[test]
    fn orphans_become_roots_and_traces_are_separate() {
        let spans = vec![
            span(2, 20, 99, "late.child", (50, 60)),
            span(1, 10, 0, "first", (0, 5)),
        ];
        let text = render(&spans, &Style::default());
        let first = text.find("first").unwrap();
        let late = text.find("late.child").unwrap();
        assert!(first < late, "{text}");
        assert_eq!(text.matches("trace ").count(), 2, "{text}");
        assert!(text.lines().any(|l| l == "late.child  10.0 ms"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = render(&redemption(), &Style::default());
        assert!(!plain.contains('\x1b'));
        let coloured = render(
            &redemption(),
            &Style {
                color: true,
                service: Some("rewards".into()),
            },
        );
        assert!(coloured.contains("\x1b[1mrewards.redemption.apply\x1b[0m"));
        assert!(coloured.contains("· rewards"));
    }

    #[test]
    fn values_keep_their_type() {
        assert_eq!(format_value(&Value::F64(1180.0)), "1180.0");
        assert_eq!(format_value(&Value::I64(1180)), "1180");
        assert_eq!(format_value(&Value::from("1180")), "\"1180\"");
        assert_eq!(format_value(&Value::Bool(true)), "true");
        assert_eq!(
            format_value(&Value::Array(Array::F64(vec![1.0, 2.5]))),
            "[1.0, 2.5]"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(format_duration(Duration::from_micros(12_345)), "12.3 ms");
        assert_eq!(format_duration(Duration::from_millis(2_104)), "2.10 s");
    }
}
