//! OTLP export (feature `otlp`): gRPC through tonic or protobuf over HTTP through a blocking
//! reqwest client, both behind the SDK's batch span processor.
//!
//! The batch processor runs its own thread and drives each export with a plain
//! `block_on`, so the application needs no async runtime. HTTP works there as is (the
//! blocking client keeps its own runtime). Tonic needs a Tokio reactor: a one-thread
//! runtime owned by the set-up's guard runs the channel, and each export is driven inside
//! it. A collector that is down costs one failed export per batch on that thread; the queue
//! in front of it is bounded, and spans that do not fit are dropped, not waited for.

use super::Protocol;
use opentelemetry::Context;
use opentelemetry_otlp::{WithExportConfig as _, WithHttpConfig as _, WithTonicConfig as _};
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{BatchSpanProcessor, Span, SpanData, SpanExporter, SpanProcessor};
use opentelemetry_sdk::Resource;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Whole-export time budget when nothing else is configured. The spec's 10 s would hold an
/// exiting application that long when the collector is down.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// The endpoint spans are sent to: a signal endpoint as given, else the base endpoint with
/// the HTTP signal path appended (gRPC has no path).
pub(crate) fn endpoint(protocol: Protocol, traces: Option<&str>, base: Option<&str>) -> String {
    if let Some(url) = traces {
        return url.to_owned();
    }
    match protocol {
        Protocol::Grpc => base.unwrap_or("http://localhost:4317").to_owned(),
        Protocol::HttpProtobuf => {
            let base = base.unwrap_or("http://localhost:4318");
            format!("{}/v1/traces", base.trim_end_matches('/'))
        }
    }
}

/// What became of the spans handed to OTLP, for the report at shutdown.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    ended: AtomicU64,
    delivered: AtomicU64,
    warned: AtomicBool,
}

/// The OTLP pipeline's parts that outlive its construction.
#[derive(Debug)]
pub(crate) struct Otlp {
    pub endpoint: String,
    pub stats: Arc<Stats>,
    /// Runs tonic's channel; shut down after the provider.
    pub runtime: Option<tokio::runtime::Runtime>,
}

impl Otlp {
    /// One line if spans were lost: failed exports, a full queue or the shutdown deadline.
    pub(crate) fn report(&self) -> Option<String> {
        let ended = self.stats.ended.load(Ordering::Relaxed);
        let delivered = self.stats.delivered.load(Ordering::Relaxed);
        (delivered < ended).then(|| {
            format!(
                "traced: {} of {ended} spans were not delivered to {}",
                ended - delivered,
                self.endpoint
            )
        })
    }
}

/// Builds the exporter and its batch processor.
pub(crate) fn build(
    protocol: Protocol,
    endpoint: String,
    timeout: Duration,
) -> Result<(Counted, Otlp), String> {
    let stats = Arc::new(Stats::default());
    // Retries stay within `timeout` (the exporter's deadline for one batch).
    let (exporter, runtime) = match protocol {
        Protocol::HttpProtobuf => {
            let exporter = opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
                .with_endpoint(endpoint.clone())
                .with_timeout(timeout)
                .with_retry_policy(opentelemetry_otlp::RetryPolicy::recommended())
                .build()
                .map_err(|e| e.to_string())?;
            (exporter, None)
        }
        Protocol::Grpc => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("traced-otlp-grpc")
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the gRPC runtime: {e}"))?;
            // Tonic's lazy channel spawns its worker on the runtime it is built in.
            let exporter = {
                let _enter = runtime.enter();
                opentelemetry_otlp::SpanExporter::builder()
                    .with_tonic()
                    .with_endpoint(endpoint.clone())
                    .with_timeout(timeout)
                    .with_retry_policy(opentelemetry_otlp::RetryPolicy::recommended())
                    .build()
                    .map_err(|e| e.to_string())?
            };
            (exporter, Some(runtime))
        }
    };
    let delivery = Delivery {
        inner: exporter,
        runtime: runtime.as_ref().map(|rt| rt.handle().clone()),
        stats: stats.clone(),
        endpoint: endpoint.clone(),
    };
    // The builder's default config reads queue size, batch size and delay from `OTEL_BSP_*`.
    let batch = BatchSpanProcessor::builder(delivery).build();
    let counted = Counted {
        inner: batch,
        stats: stats.clone(),
    };
    Ok((
        counted,
        Otlp {
            endpoint,
            stats,
            runtime,
        },
    ))
}

/// The batch processor, counting the spans handed to it.
#[derive(Debug)]
pub(crate) struct Counted {
    inner: BatchSpanProcessor,
    stats: Arc<Stats>,
}

impl SpanProcessor for Counted {
    fn on_start(&self, span: &mut Span, cx: &Context) {
        self.inner.on_start(span, cx)
    }

    fn on_end(&self, span: SpanData) {
        self.stats.ended.fetch_add(1, Ordering::Relaxed);
        self.inner.on_end(span)
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource)
    }
}

/// The OTLP exporter, counting deliveries and warning once when they start failing.
#[derive(Debug)]
struct Delivery {
    inner: opentelemetry_otlp::SpanExporter,
    runtime: Option<tokio::runtime::Handle>,
    stats: Arc<Stats>,
    endpoint: String,
}

impl SpanExporter for Delivery {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        let n = batch.len() as u64;
        let result = match &self.runtime {
            // The batch thread is no Tokio thread: enter ours so tonic's timers and I/O
            // have their reactor.
            Some(handle) => handle.block_on(self.inner.export(batch)),
            None => self.inner.export(batch).await,
        };
        match &result {
            Ok(()) => {
                self.stats.delivered.fetch_add(n, Ordering::Relaxed);
            }
            Err(e) => {
                if !self.stats.warned.swap(true, Ordering::Relaxed) {
                    let why = e.to_string().replace('\n', " ");
                    eprintln!(
                        "traced: cannot deliver spans to {} ({why}); dropping them, \
                         the count follows at exit",
                        self.endpoint
                    );
                }
            }
        }
        result
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            endpoint(Protocol::Grpc, None, None),
            "http://localhost:4317"
        );
        assert_eq!(
            endpoint(Protocol::HttpProtobuf, None, Some("http://c:4318/")),
            "http://c:4318/v1/traces"
        );
        assert_eq!(
            endpoint(Protocol::HttpProtobuf, Some("http://c/x"), Some("http://d")),
            "http://c/x"
        );
        assert_eq!(
            endpoint(Protocol::Grpc, None, Some("http://c:4317")),
            "http://c:4317"
        );
    }
}
