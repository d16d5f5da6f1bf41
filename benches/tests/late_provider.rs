//! The disabled fast path (no-op provider remembered per thread) must still see a provider
//! installed later with plain `opentelemetry::global::set_tracer_provider`, and a switch back.

use opentelemetry::global;
use opentelemetry::trace::noop::NoopTracerProvider;
use opentelemetry_sdk::trace::{SdkTracerProvider, SpanData, SpanProcessor};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use traced_runtime::traced;

#[derive(Debug, Default)]
struct Count(Arc<AtomicUsize>);

impl SpanProcessor for Count {
    fn on_start(&self, _: &mut opentelemetry_sdk::trace::Span, _: &opentelemetry::Context) {}
    fn on_end(&self, _: SpanData) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn force_flush(&self) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }
    fn shutdown_with_timeout(
        &self,
        _: std::time::Duration,
    ) -> opentelemetry_sdk::error::OTelSdkResult {
        Ok(())
    }
}

#[traced(name = "bench.op", attrs("bench.count" = n, "bench.label" = s))]
fn op(n: i64, s: &str) -> i64 {
    n + s.len() as i64
}

fn install(count: &Arc<AtomicUsize>) {
    let provider = SdkTracerProvider::builder()
        .with_span_processor(Count(count.clone()))
        .build();
    global::set_tracer_provider(provider);
}

#[test]
fn provider_installed_later_is_picked_up() {
    let ended = Arc::new(AtomicUsize::new(0));
    op(1, "a"); // no provider: this thread caches the no-op one
    op(1, "a");
    assert_eq!(ended.load(Ordering::SeqCst), 0);

    install(&ended);
    op(1, "a");
    assert_eq!(
        ended.load(Ordering::SeqCst),
        1,
        "a provider installed later is used"
    );
    std::thread::spawn(|| op(1, "a")).join().unwrap();
    assert_eq!(ended.load(Ordering::SeqCst), 2, "on other threads too");

    global::set_tracer_provider(NoopTracerProvider::new());
    op(1, "a");
    assert_eq!(
        ended.load(Ordering::SeqCst),
        2,
        "back to no-op: nothing recorded"
    );

    install(&ended);
    op(1, "a");
    assert_eq!(
        ended.load(Ordering::SeqCst),
        3,
        "and a provider installed again is used"
    );
}
