// TEMPORARY: the span-name rule of traced-macros/src/valid.rs until traced-syntax lands (h-syntax).
//! The span-name rule shared with `#[traced]`.

/// Whether a literal name holds `{placeholders}` (a `{` with a `}` after it) and is not an
/// HTTP route template.
pub fn has_placeholders(name: &str) -> bool {
    match name.find('{') {
        Some(open) => name[open..].contains('}') && !route_template(name),
        None => false,
    }
}

/// `{METHOD} /path/{param}/...`: the semantic conventions' `{method} {http.route}` name, bounded
/// because the braces are the route's parameters as written, never a value. Anything else with
/// braces (`apply_{customer_id}`) is a format string that was never formatted.
fn route_template(name: &str) -> bool {
    let Some((method, path)) = name.split_once(' ') else {
        return false;
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    let Some(path) = path.strip_prefix('/') else {
        return false;
    };
    let segment_ok = |segment: &str| match segment.strip_prefix('{') {
        Some(rest) => rest
            .strip_suffix('}')
            .is_some_and(|param| !param.is_empty() && !param.contains(['{', '}', ' '])),
        None => !segment.contains(['{', '}', ' ']),
    };
    method_ok && path.split('/').all(segment_ok)
}
