//! `traced-registry`: check a registry, or explain one key.

use std::collections::BTreeMap;
use std::process::ExitCode;

use traced_registry::{
    AttrType, Attribute, Deprecation, EnumValue, Event, EventLookup, LoadOptions, Lookup, Registry,
    RequirementLevel, Sensitivity, Span, SpanLookup,
};

// Output goes through these, not `println!`: a closed pipe (`| head`) must not panic.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! err {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}
macro_rules! err_part {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

const USAGE: &str = "usage: traced-registry check [--strict] PATH...\n       \
                     traced-registry explain KEY --registry PATH... [--strict]\n       \
                     traced-registry explain --span TYPE --registry PATH... [--strict]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            out!(
                "{USAGE}\n\nPATH is a registry YAML file or a folder of them (walked recursively)."
            );
            ExitCode::SUCCESS
        }
        Ok(Command::Check { paths, strict }) => check(&paths, strict),
        Ok(Command::Explain {
            key,
            paths,
            strict,
            span: false,
        }) => explain(&key, &paths, strict),
        Ok(Command::Explain {
            key,
            paths,
            strict,
            span: true,
        }) => explain_span(&key, &paths, strict),
        Err(message) => {
            err!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Check {
        paths: Vec<String>,
        strict: bool,
    },
    Explain {
        key: String,
        paths: Vec<String>,
        strict: bool,
        /// `--span`: `key` is a span type.
        span: bool,
    },
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("missing command".to_string());
    };
    if rest.iter().any(|a| a == "-h" || a == "--help") || command == "-h" || command == "--help" {
        return Ok(Command::Help);
    }
    let mut strict = false;
    let mut span = false;
    let mut positional = Vec::new();
    let mut registry: Option<Vec<String>> = None;
    // After a bare `--registry`, paths follow until the next option.
    let mut collecting = false;
    for arg in rest {
        match arg.as_str() {
            "--strict" => strict = true,
            "--span" if command == "explain" => {
                span = true;
                collecting = false;
            }
            "--registry" if command == "explain" => {
                registry.get_or_insert_with(Vec::new);
                collecting = true;
            }
            a if a.starts_with("--registry=") && command == "explain" => {
                let path = a["--registry=".len()..].to_string();
                registry.get_or_insert_with(Vec::new).push(path);
                collecting = false;
            }
            a if a.starts_with('-') && a.len() > 1 => return Err(format!("unknown option `{a}`")),
            a => match &mut registry {
                Some(paths) if collecting => paths.push(a.to_string()),
                _ => positional.push(a.to_string()),
            },
        }
    }
    match command.as_str() {
        "check" if positional.is_empty() => Err("`check` needs at least one PATH".to_string()),
        "check" => Ok(Command::Check {
            paths: positional,
            strict,
        }),
        "explain" => {
            let paths = match registry {
                Some(paths) if !paths.is_empty() => paths,
                _ => return Err("`explain` needs `--registry PATH...`".to_string()),
            };
            match <[String; 1]>::try_from(positional) {
                Ok([key]) => Ok(Command::Explain {
                    key,
                    paths,
                    strict,
                    span,
                }),
                Err(_) if span => Err("`explain --span` takes exactly one TYPE".to_string()),
                Err(_) => Err("`explain` takes exactly one KEY".to_string()),
            }
        }
        other => Err(format!(
            "unknown command `{other}`; expected `check` or `explain`"
        )),
    }
}

fn load(paths: &[String], strict: bool) -> Result<Registry, ExitCode> {
    Registry::load(paths, &LoadOptions { strict }).map_err(|errors| {
        // `LoadErrors` shows one error a line.
        err!("{errors}");
        let n = errors.0.len();
        err!(
            "error: the registry has {n} problem{}",
            if n == 1 { "" } else { "s" }
        );
        ExitCode::FAILURE
    })
}

fn check(paths: &[String], strict: bool) -> ExitCode {
    let registry = match load(paths, strict) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let total = registry.attributes().count();
    let deprecated = registry
        .attributes()
        .filter(|a| a.deprecated.is_some())
        .count();
    let refinements = registry.spans().filter(|s| s.refines.is_some()).count();
    out!(
        "ok: {} files, {total} attributes ({} live, {deprecated} deprecated), {} events, {} \
         spans, {refinements} span refinements",
        registry.files().len(),
        total - deprecated,
        registry.events().count(),
        registry.spans().count() - refinements,
    );
    let pii = registry
        .attributes()
        .filter(|a| a.sensitive.as_ref().map(|m| m.level) == Some(Sensitivity::Pii))
        .count();
    let secret = registry
        .attributes()
        .filter(|a| a.sensitive.as_ref().map(|m| m.level) == Some(Sensitivity::Secret))
        .count();
    if pii + secret > 0 {
        out!("sensitive: {} ({pii} pii, {secret} secret)", pii + secret);
    }
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut enums: BTreeMap<&str, usize> = BTreeMap::new();
    for a in registry.attributes() {
        let name = match &a.ty {
            AttrType::Enum { value_type, .. } => {
                *enums.entry(value_type.as_str()).or_default() += 1;
                "enum".to_string()
            }
            other => other.to_string(),
        };
        *by_type.entry(name).or_default() += 1;
    }
    let mut by_type: Vec<_> = by_type.into_iter().collect();
    by_type.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let parts: Vec<String> = by_type
        .into_iter()
        .map(|(name, n)| {
            if name == "enum" {
                let mut enums: Vec<_> = enums.iter().collect();
                enums.sort_by(|a, b| b.1.cmp(a.1));
                let kinds: Vec<String> = enums
                    .iter()
                    .map(|(p, n)| format!("{n} {p}-valued"))
                    .collect();
                format!("enum {n} ({})", kinds.join(", "))
            } else {
                format!("{name} {n}")
            }
        })
        .collect();
    if !parts.is_empty() {
        out!("types: {}", parts.join(", "));
    }
    ExitCode::SUCCESS
}

fn explain(key: &str, paths: &[String], strict: bool) -> ExitCode {
    let registry = match load(paths, strict) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match registry.lookup(key) {
        Lookup::Found(attr) => print_attribute(attr),
        Lookup::Template { template, .. } => {
            out!(
                "`{key}` matches the template `{}.<name>` ({})\n",
                template.key,
                template.ty
            );
            print_attribute(template);
        }
        Lookup::TemplateWithoutSuffix { template, form } => {
            out!("`{key}` is a template: record it as `{form}`\n");
            print_attribute(template);
        }
        Lookup::NotFound { suggestions } => {
            if let EventLookup::Found(event) = registry.event(key) {
                print_event(event);
                return ExitCode::SUCCESS;
            }
            err_part!("error: `{key}` is not a registered attribute");
            if suggestions.is_empty() {
                err!();
            } else {
                let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
                err!("; did you mean {}?", list.join(", "));
            }
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn explain_span(ty: &str, paths: &[String], strict: bool) -> ExitCode {
    let registry = match load(paths, strict) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match registry.span(ty) {
        SpanLookup::Found(span) => {
            print_span(span);
            ExitCode::SUCCESS
        }
        SpanLookup::NotFound { suggestions } => {
            err_part!("error: `{ty}` is not a declared span");
            if suggestions.is_empty() {
                err!();
            } else {
                let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
                err!("; did you mean {}?", list.join(", "));
            }
            ExitCode::FAILURE
        }
    }
}

fn print_span(span: &Span) {
    out!("{} (span)", span.ty);
    out!(
        "  kind:        {}",
        span.kind.as_deref().unwrap_or("(not declared)")
    );
    if let Some(base) = &span.refines {
        out!("  refines:     {base}");
    }
    if !span.brief.is_empty() {
        out!("  brief:       {}", one_line(&span.brief));
    }
    if let Some(stability) = &span.stability {
        out!("  stability:   {stability}");
    }
    if let Some(d) = &span.deprecated {
        out!("  deprecated:  {}", deprecation(d));
    }
    if span.strict() {
        out!("  strict:      keys it does not list are errors");
    }
    let titles = [
        "required",
        "conditionally required",
        "recommended",
        "opt in",
    ];
    let group = |level: &RequirementLevel| match level {
        RequirementLevel::Required => 0,
        RequirementLevel::ConditionallyRequired(_) => 1,
        RequirementLevel::Recommended(_) => 2,
        RequirementLevel::OptIn => 3,
    };
    for (i, title) in titles.into_iter().enumerate() {
        let attrs: Vec<_> = span
            .attributes
            .iter()
            .filter(|a| group(&a.level) == i)
            .collect();
        if attrs.is_empty() {
            continue;
        }
        out!("  {title}:");
        for a in attrs {
            let sampling = if a.sampling_relevant {
                "  [sampling relevant: set it in attrs(...)]"
            } else {
                ""
            };
            let condition = match &a.level {
                RequirementLevel::ConditionallyRequired(c)
                | RequirementLevel::Recommended(Some(c)) => {
                    format!(" ({})", one_line(c))
                }
                _ => String::new(),
            };
            out!("    {}{sampling}{condition}", a.key);
        }
    }
    out!("  defined at:  {}", span.defined_at);
}

fn print_attribute(attr: &Attribute) {
    out!("{}", attr.key);
    match &attr.ty {
        AttrType::Enum {
            value_type,
            members,
        } => {
            out!("  type:        enum of {value_type} (other values allowed); members:");
            for m in members {
                let value = match &m.value {
                    EnumValue::String(s) => format!("{s:?}"),
                    EnumValue::Int(i) => i.to_string(),
                    EnumValue::Double(d) => d.to_string(),
                };
                let deprecated = if m.deprecated.is_some() {
                    " (deprecated)"
                } else {
                    ""
                };
                out!("    {} = {value}{deprecated}", m.id);
            }
        }
        AttrType::Any => {
            out!("  type:        any (complex values; not accepted as a span attribute value)")
        }
        other => out!("  type:        {other}"),
    }
    if !attr.brief.is_empty() {
        out!("  brief:       {}", one_line(&attr.brief));
    }
    if let Some(stability) = &attr.stability {
        out!("  stability:   {stability}");
    }
    if let Some(d) = &attr.deprecated {
        out!("  deprecated:  {}", deprecation(d));
    }
    if let Some(mark) = &attr.sensitive {
        out!("  sensitive:   {mark}");
    }
    // The mark is shown above with where it came from.
    for (k, v) in attr.traced.iter().filter(|(k, _)| *k != "sensitive") {
        out!("  traced.{k}: {v}");
    }
    out!("  defined at:  {}", attr.defined_at);
}

fn print_event(event: &Event) {
    out!("{} (event)", event.name);
    if !event.brief.is_empty() {
        out!("  brief:       {}", one_line(&event.brief));
    }
    if !event.attributes.is_empty() {
        out!("  attributes:  {}", event.attributes.join(", "));
    }
    if let Some(d) = &event.deprecated {
        out!("  deprecated:  {}", deprecation(d));
    }
    out!("  defined at:  {}", event.defined_at);
}

fn deprecation(d: &Deprecation) -> String {
    let mut text = match d {
        Deprecation::Renamed { renamed_to, .. } => format!("renamed to `{renamed_to}`"),
        Deprecation::Obsoleted { .. } => "obsoleted".to_string(),
        Deprecation::Uncategorized { .. } => "yes".to_string(),
    };
    if let Some(note) = d.note() {
        text.push_str(&format!(" ({})", one_line(note)));
    }
    text
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse(&args("check --strict a b")),
            Ok(Command::Check {
                paths: args("a b"),
                strict: true
            })
        );
        assert_eq!(
            parse(&args("explain http.method --registry a b")),
            Ok(Command::Explain {
                key: "http.method".into(),
                paths: args("a b"),
                strict: false,
                span: false,
            })
        );
        assert_eq!(
            parse(&args("explain --registry=a k")),
            Ok(Command::Explain {
                key: "k".into(),
                paths: args("a"),
                strict: false,
                span: false,
            })
        );
        assert_eq!(
            parse(&args("explain --registry a --span http.client")),
            Ok(Command::Explain {
                key: "http.client".into(),
                paths: args("a"),
                strict: false,
                span: true,
            })
        );
        assert_eq!(parse(&args("check -h")), Ok(Command::Help));
    }

    #[test]
    fn rejects_bad_usage() {
        for bad in [
            "",
            "check",
            "check --nope a",
            "frobnicate a",
            "explain k",
            "explain --registry a",
            "explain a b --registry c",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
