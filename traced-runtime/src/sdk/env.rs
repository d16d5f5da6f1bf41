//! Reading the standard `OTEL_*` variables.
//!
//! Parsing is a pure function of a variable lookup, so it is tested without touching the
//! process environment. Every bad value yields one [`Warning`] and the documented default,
//! never an error: a typo in a deployment variable must not stop the application.

use super::{add_exporter, Exporter, Protocol};
use opentelemetry_sdk::trace::Sampler;
use std::fmt;
use std::time::Duration;

/// One bad variable: what was wrong and what is used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Warning(pub String);

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "traced: {}", self.0)
    }
}

/// What the variables ask for; `None` where a variable is unset (or bad), so the caller's
/// own defaults apply.
#[derive(Debug, Default)]
pub(crate) struct EnvConfig {
    pub disabled: bool,
    pub service_name: Option<String>,
    pub resource: Vec<(String, String)>,
    pub exporters: Option<Vec<Exporter>>,
    pub protocol: Option<Protocol>,
    /// Base endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`): a signal path is appended for HTTP.
    pub endpoint: Option<String>,
    /// Signal endpoint (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): used as is.
    pub traces_endpoint: Option<String>,
    pub timeout: Option<Duration>,
    pub sampler: Option<Sampler>,
    pub warnings: Vec<Warning>,
}

const SAMPLERS: &str = "always_on, always_off, traceidratio, parentbased_always_on, \
                        parentbased_always_off, parentbased_traceidratio";

impl EnvConfig {
    /// Reads the variables through `var`; empty values count as unset, as the spec says.
    pub(crate) fn read(var: impl Fn(&str) -> Option<String>) -> EnvConfig {
        let var = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut cfg = EnvConfig::default();
        let warn = |cfg: &mut EnvConfig, msg: String| cfg.warnings.push(Warning(msg));

        if let Some(v) = var("OTEL_SDK_DISABLED") {
            match v.to_ascii_lowercase().as_str() {
                "true" => cfg.disabled = true,
                "false" => {}
                _ => warn(
                    &mut cfg,
                    format!("OTEL_SDK_DISABLED={v:?} is not `true` or `false`; using false"),
                ),
            }
        }

        if let Some(v) = var("OTEL_RESOURCE_ATTRIBUTES") {
            let (pairs, bad) = parse_resource_attributes(&v);
            cfg.resource = pairs;
            for entry in bad {
                warn(
                    &mut cfg,
                    format!(
                        "OTEL_RESOURCE_ATTRIBUTES entry {entry:?} is not `key=value` \
                         (percent-encoded); ignoring it"
                    ),
                );
            }
        }
        cfg.service_name = var("OTEL_SERVICE_NAME");

        if let Some(v) = var("OTEL_TRACES_EXPORTER") {
            let mut exporters = Vec::new();
            let mut none = false;
            for name in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match name.to_ascii_lowercase().as_str() {
                    "console" => add_exporter(&mut exporters, Exporter::Console),
                    "otlp" => add_exporter(&mut exporters, Exporter::Otlp),
                    "none" => none = true,
                    _ => warn(
                        &mut cfg,
                        format!(
                            "OTEL_TRACES_EXPORTER entry {name:?} is not one of console, otlp, \
                             none; ignoring it"
                        ),
                    ),
                }
            }
            if exporters.is_empty() && !none {
                warn(
                    &mut cfg,
                    "OTEL_TRACES_EXPORTER names no known exporter; using console".to_owned(),
                );
            } else {
                cfg.exporters = Some(exporters);
            }
        }

        let protocol_var = [
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
        ]
        .into_iter()
        .find_map(|name| var(name).map(|v| (name, v)));
        if let Some((name, v)) = protocol_var {
            match v.as_str() {
                "grpc" => cfg.protocol = Some(Protocol::Grpc),
                "http/protobuf" => cfg.protocol = Some(Protocol::HttpProtobuf),
                _ => warn(
                    &mut cfg,
                    format!(
                        "{name}={v:?} is not supported (expected `grpc` or `http/protobuf`); \
                         using http/protobuf"
                    ),
                ),
            }
        }

        for (name, slot) in [
            (
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                &mut cfg.traces_endpoint,
            ),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &mut cfg.endpoint),
        ] {
            if let Some(v) = var(name) {
                match check_endpoint(&v) {
                    Ok(()) => *slot = Some(v),
                    Err(why) => cfg
                        .warnings
                        .push(Warning(format!("{name}={v:?} {why}; ignoring it"))),
                }
            }
        }

        let timeout_var = [
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
            "OTEL_EXPORTER_OTLP_TIMEOUT",
        ]
        .into_iter()
        .find_map(|name| var(name).map(|v| (name, v)));
        if let Some((name, v)) = timeout_var {
            match v.parse::<u64>() {
                Ok(ms) if ms > 0 => cfg.timeout = Some(Duration::from_millis(ms)),
                _ => warn(
                    &mut cfg,
                    format!("{name}={v:?} is not a positive number of milliseconds; ignoring it"),
                ),
            }
        }

        if let Some(v) = var("OTEL_TRACES_SAMPLER") {
            let arg = var("OTEL_TRACES_SAMPLER_ARG");
            let (sampler, warning) = parse_sampler(&v, arg.as_deref());
            cfg.sampler = sampler;
            if let Some(msg) = warning {
                warn(&mut cfg, msg);
            }
        }
        cfg
    }
}

/// `OTEL_TRACES_SAMPLER` with its argument: the sampler (`None` for an unknown name) and a
/// warning naming what is used instead. A bad ratio still selects the sampler named, with
/// ratio 1.0.
fn parse_sampler(name: &str, arg: Option<&str>) -> (Option<Sampler>, Option<String>) {
    let mut warning = None;
    let mut ratio = || match arg {
        None => 1.0,
        Some(a) => match a.parse::<f64>() {
            Ok(r) if (0.0..=1.0).contains(&r) => r,
            _ => {
                warning = Some(format!(
                    "OTEL_TRACES_SAMPLER_ARG={a:?} is not a ratio between 0 and 1; using 1.0"
                ));
                1.0
            }
        },
    };
    let parent_based = |s: Sampler| Sampler::ParentBased(Box::new(s));
    let sampler = match name.to_ascii_lowercase().as_str() {
        "always_on" => Sampler::AlwaysOn,
        "always_off" => Sampler::AlwaysOff,
        "traceidratio" => Sampler::TraceIdRatioBased(ratio()),
        "parentbased_always_on" => parent_based(Sampler::AlwaysOn),
        "parentbased_always_off" => parent_based(Sampler::AlwaysOff),
        "parentbased_traceidratio" => parent_based(Sampler::TraceIdRatioBased(ratio())),
        _ => {
            return (
                None,
                Some(format!(
                    "OTEL_TRACES_SAMPLER={name:?} is not one of {SAMPLERS}; using \
                     parentbased_always_on"
                )),
            )
        }
    };
    (Some(sampler), warning)
}

/// An OTLP endpoint must be an absolute `http` URL with a host; `https` needs a TLS stack
/// this crate does not compile in.
pub(crate) fn check_endpoint(url: &str) -> Result<(), String> {
    let rest = if let Some(rest) = url.strip_prefix("http://") {
        rest
    } else if url.starts_with("https://") {
        return Err(
            "uses https, but traced-runtime is built without TLS (send to a local \
                    collector over http)"
                .to_owned(),
        );
    } else {
        return Err("is not an http:// URL".to_owned());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.strip_prefix('[') {
        // IPv6 literal: `[::1]:4317`.
        Some(v6) => match v6.split_once(']') {
            Some((host, port)) => (host, port.strip_prefix(':')),
            None => return Err("has an unclosed `[`".to_owned()),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err("has no host".to_owned());
    }
    if let Some(port) = port {
        if port.parse::<u16>().is_err() {
            return Err(format!("has a bad port {port:?}"));
        }
    }
    Ok(())
}

/// `key1=value1,key2=value2`, values percent-encoded (W3C baggage style). Returns the pairs
/// and the entries that could not be read.
fn parse_resource_attributes(s: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut pairs = Vec::new();
    let mut bad = Vec::new();
    for entry in s.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let parsed = entry.split_once('=').and_then(|(k, v)| {
            let key = k.trim();
            let value = percent_decode(v.trim())?;
            (!key.is_empty()).then(|| (key.to_owned(), value))
        });
        match parsed {
            Some(pair) => pairs.push(pair),
            None => bad.push(entry.to_owned()),
        }
    }
    (pairs, bad)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> EnvConfig {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        EnvConfig::read(|name| map.get(name).cloned())
    }

    fn warnings(cfg: &EnvConfig) -> Vec<String> {
        cfg.warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn nothing_set_means_nothing_chosen() {
        let cfg = read(&[]);
        assert!(cfg.exporters.is_none() && cfg.sampler.is_none() && cfg.protocol.is_none());
        assert!(cfg.warnings.is_empty());
    }

    #[test]
    fn exporter_list() {
        assert_eq!(
            read(&[("OTEL_TRACES_EXPORTER", "otlp, console")]).exporters,
            Some(vec![Exporter::Otlp, Exporter::Console])
        );
        assert_eq!(
            read(&[("OTEL_TRACES_EXPORTER", "none")]).exporters,
            Some(vec![])
        );
        let cfg = read(&[("OTEL_TRACES_EXPORTER", "jaeger,otlp")]);
        assert_eq!(cfg.exporters, Some(vec![Exporter::Otlp]));
        assert_eq!(warnings(&cfg).len(), 1);
        assert!(
            warnings(&cfg)[0].contains("\"jaeger\""),
            "{:?}",
            warnings(&cfg)
        );
    }

    #[test]
    fn exporter_list_names_each_exporter_once() {
        assert_eq!(
            read(&[("OTEL_TRACES_EXPORTER", "otlp,console,otlp")]).exporters,
            Some(vec![Exporter::Otlp, Exporter::Console])
        );
    }

    #[test]
    fn unknown_exporter_only_falls_back_to_console() {
        let cfg = read(&[("OTEL_TRACES_EXPORTER", "zipkin")]);
        assert_eq!(cfg.exporters, None);
        let w = warnings(&cfg);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[1].contains("using console"));
        assert!(w.iter().all(|w| !w.contains('\n')), "one line each: {w:?}");
    }

    #[test]
    fn samplers() {
        let cfg = read(&[
            ("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
            ("OTEL_TRACES_SAMPLER_ARG", "0.25"),
        ]);
        assert!(cfg.warnings.is_empty());
        // The inner sampler is a trait object: compare its debug form.
        let sampler = format!("{:?}", cfg.sampler.expect("a sampler"));
        assert!(
            sampler.starts_with("ParentBased") && sampler.contains("TraceIdRatioBased(0.25)"),
            "{sampler}"
        );
        assert!(matches!(
            read(&[("OTEL_TRACES_SAMPLER", "always_off")]).sampler,
            Some(Sampler::AlwaysOff)
        ));
    }

    #[test]
    fn bad_sampler_arg_keeps_the_sampler_with_ratio_one() {
        let cfg = read(&[
            ("OTEL_TRACES_SAMPLER", "traceidratio"),
            ("OTEL_TRACES_SAMPLER_ARG", "1.5"),
        ]);
        assert!(matches!(cfg.sampler, Some(Sampler::TraceIdRatioBased(r)) if r == 1.0));
        assert!(warnings(&cfg)[0].contains("OTEL_TRACES_SAMPLER_ARG=\"1.5\""));
    }

    #[test]
    fn unknown_sampler_warns_and_leaves_the_default() {
        let cfg = read(&[("OTEL_TRACES_SAMPLER", "sometimes")]);
        assert!(cfg.sampler.is_none());
        assert!(warnings(&cfg)[0].contains("parentbased_always_on"));
    }

    #[test]
    fn protocol_signal_variable_wins() {
        let cfg = read(&[
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
        ]);
        assert_eq!(cfg.protocol, Some(Protocol::HttpProtobuf));
        let cfg = read(&[("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]);
        assert_eq!(cfg.protocol, None);
        assert!(warnings(&cfg)[0].contains("http/json"));
    }

    #[test]
    fn endpoints_are_checked() {
        let cfg = read(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")]);
        assert_eq!(cfg.endpoint.as_deref(), Some("http://127.0.0.1:4317"));
        for bad in [
            "localhost:4317",
            "https://collector:4317",
            "http://:4317",
            "http://h:99999",
        ] {
            let cfg = read(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", bad)]);
            assert_eq!(cfg.traces_endpoint, None, "{bad}");
            assert_eq!(cfg.warnings.len(), 1, "{bad}");
        }
        assert!(check_endpoint("http://[::1]:4318/v1/traces").is_ok());
    }

    #[test]
    fn resource_attributes() {
        let cfg = read(&[(
            "OTEL_RESOURCE_ATTRIBUTES",
            "deployment.environment.name=prod, team=rewards%20core,broken,=x,bad=%zz",
        )]);
        assert_eq!(
            cfg.resource,
            vec![
                ("deployment.environment.name".into(), "prod".into()),
                ("team".into(), "rewards core".into())
            ]
        );
        let w = warnings(&cfg);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w[0].contains("\"broken\""));
    }

    #[test]
    fn timeouts_and_disable() {
        let cfg = read(&[
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "1500"),
            ("OTEL_SDK_DISABLED", "TRUE"),
        ]);
        assert_eq!(cfg.timeout, Some(Duration::from_millis(1500)));
        assert!(cfg.disabled);
        let cfg = read(&[("OTEL_EXPORTER_OTLP_TIMEOUT", "10s")]);
        assert_eq!(cfg.timeout, None);
        assert_eq!(cfg.warnings.len(), 1);
    }
}
