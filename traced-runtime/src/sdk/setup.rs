//! [`Setup`]: the tracer provider, its resource and exporters, installed globally.

use super::env::{EnvConfig, Warning};
use super::{add_exporter, ConsoleExporter, Exporter, Protocol, Sampler};
use opentelemetry::KeyValue;
use opentelemetry_sdk::resource::TelemetryResourceDetector;
use opentelemetry_sdk::trace::{SdkTracerProvider, SimpleSpanProcessor};
use opentelemetry_sdk::Resource;
use std::time::Duration;

/// How long dropping the [`Guard`] may wait for the last spans to be exported.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

/// Sets up the OpenTelemetry SDK with the calling crate's name and version as
/// `service.name` and `service.version`, and returns the [`Guard`] to keep until exit.
///
/// Everything else comes from the standard variables; see [`Setup`].
/// `init!()` is `setup!().init()`.
///
/// ```no_run
/// let _telemetry = traced_runtime::init!();
/// ```
#[macro_export]
#[cfg_attr(docsrs, doc(cfg(feature = "sdk")))]
macro_rules! init {
    () => {
        $crate::setup!().init()
    };
}

/// A [`Setup`] whose service name and version default to the calling crate's
/// (`CARGO_PKG_NAME`, `CARGO_PKG_VERSION`, read where the macro is expanded).
///
/// ```no_run
/// let _telemetry = traced_runtime::setup!()
///     .service_name("rewards-redemption")
///     .init();
/// ```
#[macro_export]
#[cfg_attr(docsrs, doc(cfg(feature = "sdk")))]
macro_rules! setup {
    () => {
        $crate::sdk::Setup::new().package(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
    };
}

/// Builds the tracer provider and installs it, with the W3C trace-context and baggage
/// propagators, as OpenTelemetry's global provider and propagator.
///
/// Values set here are defaults: the standard variables, when set to something valid,
/// override them, so a deployment can redirect spans without a rebuild. A bad variable gets
/// one line on standard error and the default, never a failure.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `OTEL_SERVICE_NAME` | `service.name` | [`service_name`](Setup::service_name), then the package name |
/// | `OTEL_RESOURCE_ATTRIBUTES` | `k=v,k2=v2` (percent-encoded) resource attributes | |
/// | `OTEL_TRACES_EXPORTER` | `console`, `otlp`, `none` (comma-separated) | `console` |
/// | `OTEL_EXPORTER_OTLP_PROTOCOL` | `grpc` or `http/protobuf` | `http/protobuf` |
/// | `OTEL_EXPORTER_OTLP_ENDPOINT` | base URL (`/v1/traces` appended for HTTP) | `http://localhost:4318` or `:4317` |
/// | `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` | full URL, used as is | |
/// | `OTEL_EXPORTER_OTLP_TIMEOUT` | ms for one batch, retries included | 3000 |
/// | `OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG` | spec sampler names, ratio | `parentbased_always_on` |
/// | `OTEL_SDK_DISABLED` | `true`: install nothing | `false` |
/// | `TRACED_REDACTION_KEY` | the key of [`redact::pseudonym`](crate::redact::pseudonym) | [`redaction_key`](Setup::redaction_key), else none: pseudonyms are `"REDACTED"` |
///
/// `OTEL_EXPORTER_OTLP_HEADERS`, `..._COMPRESSION` and `OTEL_BSP_*` are read by the OTLP
/// exporter and batch processor themselves. Only plain `http://` endpoints are supported:
/// no TLS stack is compiled in (send to a local collector).
///
/// ```no_run
/// use traced_runtime::sdk::{Exporter, Protocol, Sampler, Setup};
///
/// let _telemetry = Setup::new()
///     .service_name("quote-engine")
///     .service_version("1.4.0")
///     .resource_attribute("deployment.environment.name", "staging")
///     .exporter(Exporter::Otlp)
///     .protocol(Protocol::Grpc)
///     .endpoint("http://127.0.0.1:4317")
///     .sampler(Sampler::TraceIdRatioBased(0.1))
///     .init();
/// ```
#[derive(Debug, Default)]
pub struct Setup {
    package: Option<(String, String)>,
    service_name: Option<String>,
    service_version: Option<String>,
    resource: Vec<KeyValue>,
    exporters: Option<Vec<Exporter>>,
    protocol: Option<Protocol>,
    endpoint: Option<String>,
    timeout: Option<Duration>,
    sampler: Option<Sampler>,
    redaction_key: Option<RedactionKey>,
}

/// A key kept out of `Debug`, so that printing a `Setup` never prints it.
struct RedactionKey(Vec<u8>);

impl std::fmt::Debug for RedactionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedactionKey(..)")
    }
}

impl Setup {
    /// Nothing chosen yet: console export, and `unknown_service:<executable>` as the
    /// service name unless a variable or [`setup!`](crate::setup) gives one.
    pub fn new() -> Setup {
        Setup::default()
    }

    /// The application's package name and version: the weakest default for
    /// `service.name` and `service.version`. [`setup!`](crate::setup) fills them in.
    pub fn package(mut self, name: &str, version: &str) -> Setup {
        self.package = Some((name.to_owned(), version.to_owned()));
        self
    }

    /// `service.name`, unless `OTEL_SERVICE_NAME` (or `service.name` in
    /// `OTEL_RESOURCE_ATTRIBUTES`) is set.
    pub fn service_name(mut self, name: impl Into<String>) -> Setup {
        self.service_name = Some(name.into());
        self
    }

    /// `service.version`, unless `OTEL_RESOURCE_ATTRIBUTES` sets it.
    pub fn service_version(mut self, version: impl Into<String>) -> Setup {
        self.service_version = Some(version.into());
        self
    }

    /// One more resource attribute, unless `OTEL_RESOURCE_ATTRIBUTES` sets the same key.
    pub fn resource_attribute(
        mut self,
        key: &'static str,
        value: impl Into<opentelemetry::Value>,
    ) -> Setup {
        self.resource.push(KeyValue::new(key, value));
        self
    }

    /// Where spans go, unless `OTEL_TRACES_EXPORTER` is set. Call it again to add another.
    pub fn exporter(mut self, exporter: Exporter) -> Setup {
        add_exporter(self.exporters.get_or_insert_with(Vec::new), exporter);
        self
    }

    /// No exporter, as `OTEL_TRACES_EXPORTER=none`: spans are still created and context
    /// still propagates, but nothing is sent.
    pub fn no_exporter(mut self) -> Setup {
        self.exporters = Some(Vec::new());
        self
    }

    /// The OTLP transport, unless `OTEL_EXPORTER_OTLP_PROTOCOL` is set.
    pub fn protocol(mut self, protocol: Protocol) -> Setup {
        self.protocol = Some(protocol);
        self
    }

    /// The OTLP base endpoint, unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set. For HTTP,
    /// `/v1/traces` is appended.
    pub fn endpoint(mut self, url: impl Into<String>) -> Setup {
        self.endpoint = Some(url.into());
        self
    }

    /// The time budget of one OTLP export, retries included, unless
    /// `OTEL_EXPORTER_OTLP_TIMEOUT` is set.
    pub fn timeout(mut self, timeout: Duration) -> Setup {
        self.timeout = Some(timeout);
        self
    }

    /// The sampler, unless `OTEL_TRACES_SAMPLER` is set.
    pub fn sampler(mut self, sampler: Sampler) -> Setup {
        self.sampler = Some(sampler);
        self
    }

    /// The key of [`redact::pseudonym`](crate::redact::pseudonym), unless
    /// `TRACED_REDACTION_KEY` is set or [`redact::set_key`](crate::redact::set_key) was called.
    /// The same key in every service makes a customer's pseudonym the same everywhere; keep it
    /// out of the source (read it from a secret store). An empty key is none.
    pub fn redaction_key(mut self, key: impl AsRef<[u8]>) -> Setup {
        self.redaction_key = Some(RedactionKey(key.as_ref().to_vec()));
        self
    }

    /// Builds and installs the provider and propagators; keep the guard until exit.
    /// Problems are reported on standard error, one line each; this never fails.
    pub fn init(mut self) -> Guard {
        let env = EnvConfig::read(|name| std::env::var(name).ok());
        let key = self.redaction_key.take();
        let (guard, mut warnings) = self.build(env);
        // Installed even when the SDK is disabled: a library may still format pseudonyms.
        let has_key = crate::redact::configure_from_setup(key.as_ref().map(|k| k.0.as_slice()));
        if let Some(warning) = redaction_warning(has_key, guard.provider.is_some()) {
            warnings.push(warning);
        }
        for warning in warnings {
            eprintln!("{warning}");
        }
        if let Some(provider) = &guard.provider {
            crate::provider::set_tracer_provider(provider.clone());
            opentelemetry::global::set_text_map_propagator(crate::propagation::w3c_propagator());
        }
        guard
    }

    /// Everything but installing: the guard and the warnings to print.
    fn build(self, mut env: EnvConfig) -> (Guard, Vec<Warning>) {
        let mut warnings = std::mem::take(&mut env.warnings);
        if env.disabled {
            return (Guard::inactive(), warnings);
        }
        let resource = self.resource(&env);
        let sampler = env
            .sampler
            .take()
            .or(self.sampler)
            .unwrap_or_else(|| Sampler::ParentBased(Box::new(Sampler::AlwaysOn)));
        let exporters = env
            .exporters
            .take()
            .or(self.exporters)
            .unwrap_or_else(|| vec![Exporter::Console]);
        #[cfg(not(feature = "otlp"))]
        let exporters = without_otlp(exporters, &mut warnings);

        let mut builder = SdkTracerProvider::builder()
            .with_resource(resource)
            .with_sampler(sampler);
        #[cfg(feature = "otlp")]
        let mut otlp = None;
        for exporter in exporters {
            match exporter {
                // Simple processor: a tree prints as soon as its root ends, in end order.
                Exporter::Console => {
                    builder = builder
                        .with_span_processor(SimpleSpanProcessor::new(ConsoleExporter::stdout()))
                }
                #[cfg(feature = "otlp")]
                Exporter::Otlp => {
                    let protocol = env.protocol.or(self.protocol).unwrap_or_default();
                    // The variable's endpoint was checked when it was read.
                    let base = env.endpoint.clone().or_else(|| {
                        self.endpoint
                            .clone()
                            .filter(|url| match super::env::check_endpoint(url) {
                                Ok(()) => true,
                                Err(why) => {
                                    warnings.push(Warning(format!(
                                        "OTLP endpoint {url:?} {why}; using the default"
                                    )));
                                    false
                                }
                            })
                    });
                    let endpoint = super::otlp::endpoint(
                        protocol,
                        env.traces_endpoint.as_deref(),
                        base.as_deref(),
                    );
                    let timeout = env
                        .timeout
                        .or(self.timeout)
                        .unwrap_or(super::otlp::DEFAULT_TIMEOUT);
                    match super::otlp::build(protocol, endpoint, timeout) {
                        Ok((processor, parts)) => {
                            builder = builder.with_span_processor(processor);
                            otlp = Some(parts);
                        }
                        Err(why) => warnings.push(Warning(format!(
                            "cannot set up OTLP export ({why}); spans are not exported"
                        ))),
                    }
                }
                #[cfg(not(feature = "otlp"))]
                // Replaced by the console above.
                Exporter::Otlp => {}
            }
        }
        let guard = Guard {
            provider: Some(builder.build()),
            #[cfg(feature = "otlp")]
            otlp,
        };
        (guard, warnings)
    }

    /// Package defaults, then code, then `OTEL_RESOURCE_ATTRIBUTES`, then `OTEL_SERVICE_NAME`:
    /// later wins.
    fn resource(&self, env: &EnvConfig) -> Resource {
        let mut attrs: Vec<KeyValue> = Vec::new();
        let mut set = |kv: KeyValue| {
            attrs.retain(|old| old.key != kv.key);
            attrs.push(kv);
        };
        if let Some((name, version)) = &self.package {
            set(KeyValue::new("service.name", name.clone()));
            set(KeyValue::new("service.version", version.clone()));
        }
        self.resource.iter().cloned().for_each(&mut set);
        if let Some(name) = &self.service_name {
            set(KeyValue::new("service.name", name.clone()));
        }
        if let Some(version) = &self.service_version {
            set(KeyValue::new("service.version", version.clone()));
        }
        for (k, v) in &env.resource {
            set(KeyValue::new(k.clone(), v.clone()));
        }
        if let Some(name) = &env.service_name {
            set(KeyValue::new("service.name", name.clone()));
        }
        if !attrs.iter().any(|kv| kv.key.as_str() == "service.name") {
            attrs.push(KeyValue::new("service.name", unknown_service()));
        }
        Resource::builder_empty()
            .with_detector(Box::new(TelemetryResourceDetector))
            .with_attributes(attrs)
            .build()
    }
}

/// Without feature `otlp`, OTLP is replaced by the console, with a warning.
#[cfg(not(feature = "otlp"))]
fn without_otlp(exporters: Vec<Exporter>, warnings: &mut Vec<Warning>) -> Vec<Exporter> {
    if !exporters.contains(&Exporter::Otlp) {
        return exporters;
    }
    warnings.push(Warning(
        "OTLP export is not compiled in (feature `otlp` of traced-runtime); printing spans \
         to the console instead"
            .to_owned(),
    ));
    vec![Exporter::Console]
}

/// The line saying pseudonyms will be `"REDACTED"`, when spans are recorded without a key.
fn redaction_warning(has_key: bool, recording: bool) -> Option<Warning> {
    (recording && !has_key).then(|| {
        Warning(format!(
            "no redaction key ({} or setup!().redaction_key(..)): values of \
             redact::pseudonym are recorded as \"REDACTED\"",
            crate::redact::KEY_VARIABLE
        ))
    })
}

/// The spec's fallback service name: `unknown_service:` and the executable's name.
fn unknown_service() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()));
    match exe {
        Some(exe) => format!("unknown_service:{exe}"),
        None => "unknown_service".to_owned(),
    }
}

/// Keeps the installed provider; dropping it exports what is still buffered (waiting at
/// most 5 seconds) and shuts the provider down, so no span is lost on a clean exit.
///
/// Keep it in a variable that lives until the end of `main` (`let _telemetry = ...`, not
/// `let _ = ...`, which drops it at once).
#[must_use = "dropping the guard shuts tracing down; keep it until exit"]
#[derive(Debug)]
pub struct Guard {
    provider: Option<SdkTracerProvider>,
    #[cfg(feature = "otlp")]
    otlp: Option<super::otlp::Otlp>,
}

impl Guard {
    fn inactive() -> Guard {
        Guard {
            provider: None,
            #[cfg(feature = "otlp")]
            otlp: None,
        }
    }

    /// The installed provider; `None` when `OTEL_SDK_DISABLED=true`.
    pub fn provider(&self) -> Option<&SdkTracerProvider> {
        self.provider.as_ref()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let Some(provider) = self.provider.take() else {
            return;
        };
        // Later spans go to the no-op provider instead of a shut-down one.
        crate::provider::set_tracer_provider(opentelemetry::trace::noop::NoopTracerProvider::new());
        if let Err(e) = provider.shutdown_with_timeout(SHUTDOWN_TIMEOUT) {
            if matches!(e, opentelemetry_sdk::error::OTelSdkError::Timeout(_)) {
                eprintln!(
                    "traced: span export did not finish within {} s; giving up",
                    SHUTDOWN_TIMEOUT.as_secs()
                );
            }
        }
        #[cfg(feature = "otlp")]
        if let Some(otlp) = self.otlp.take() {
            if let Some(line) = otlp.report() {
                eprintln!("{line}");
            }
            // Never waits: an export stuck past the deadline must not hold the exit.
            if let Some(runtime) = otlp.runtime {
                runtime.shutdown_background();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::Key;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> EnvConfig {
        let map: HashMap<&str, &str> = vars.iter().copied().collect();
        EnvConfig::read(|n| map.get(n).map(|v| v.to_string()))
    }

    fn resource_of(setup: &Setup, vars: &[(&str, &str)]) -> Resource {
        setup.resource(&env(vars))
    }

    fn get(resource: &Resource, key: &'static str) -> Option<String> {
        resource
            .get(&Key::from_static_str(key))
            .map(|v| v.to_string())
    }

    #[test]
    fn service_name_precedence() {
        let setup = Setup::new().package("traced-examples", "0.1.0");
        let r = resource_of(&setup, &[]);
        assert_eq!(get(&r, "service.name").as_deref(), Some("traced-examples"));
        assert_eq!(get(&r, "service.version").as_deref(), Some("0.1.0"));
        assert_eq!(get(&r, "telemetry.sdk.language").as_deref(), Some("rust"));

        let setup = setup.service_name("rewards-redemption");
        let r = resource_of(&setup, &[]);
        assert_eq!(
            get(&r, "service.name").as_deref(),
            Some("rewards-redemption")
        );

        let r = resource_of(
            &setup,
            &[(
                "OTEL_RESOURCE_ATTRIBUTES",
                "service.name=from-attrs,team=rewards",
            )],
        );
        assert_eq!(get(&r, "service.name").as_deref(), Some("from-attrs"));
        assert_eq!(get(&r, "team").as_deref(), Some("rewards"));

        let r = resource_of(
            &setup,
            &[
                ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs"),
                ("OTEL_SERVICE_NAME", "from-env"),
            ],
        );
        assert_eq!(get(&r, "service.name").as_deref(), Some("from-env"));
    }

    #[test]
    fn unknown_service_without_any_name() {
        let r = resource_of(&Setup::new(), &[]);
        let name = get(&r, "service.name").unwrap();
        assert!(name.starts_with("unknown_service"), "{name}");
    }

    #[test]
    fn disabled_installs_nothing() {
        let (guard, warnings) = Setup::new().build(env(&[("OTEL_SDK_DISABLED", "true")]));
        assert!(guard.provider().is_none());
        assert!(warnings.is_empty());
    }

    #[test]
    fn one_line_without_a_redaction_key() {
        let warning = redaction_warning(false, true).expect("a warning without a key");
        let line = warning.to_string();
        assert!(line.starts_with("traced: no redaction key"), "{line}");
        assert!(line.contains("TRACED_REDACTION_KEY"), "{line}");
        assert!(redaction_warning(true, true).is_none());
        // Nothing is recorded with the SDK disabled: nothing to warn about.
        assert!(redaction_warning(false, false).is_none());
    }

    #[test]
    fn debug_never_shows_the_redaction_key() {
        let setup = Setup::new().redaction_key("hunter2-key");
        let debug = format!("{setup:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("RedactionKey(..)"), "{debug}");
    }

    #[test]
    fn bad_variables_still_give_a_provider() {
        let (guard, warnings) = Setup::new().no_exporter().build(env(&[
            ("OTEL_TRACES_SAMPLER", "coin_flip"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon"),
        ]));
        assert!(guard.provider().is_some());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
