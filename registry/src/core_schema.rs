//! What a plain (unquoted) scalar means: YAML 1.2's core schema, the reading serde_yaml gave
//! registry files (so `yes` and `0123` stay strings, unlike YAML 1.1).

use crate::node::Value;

/// `null`, a boolean, an integer, a float, or else the text itself.
pub(crate) fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(int) = integer(text) {
        // Integers beyond i64 are kept as the nearest double, like serde_yaml's `Number`.
        return i64::try_from(int).map_or(Value::Float(int as f64), Value::Int);
    }
    if let Some(float) = float(text) {
        return Value::Float(float);
    }
    Value::Str(text.to_string())
}

/// Decimal, `0x`, `0o` or `0b`, with an optional sign; leading zeros make a string (`007`).
fn integer(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (digits, radix) = match unsigned.get(..2) {
        Some("0x") => (&unsigned[2..], 16),
        Some("0o") => (&unsigned[2..], 8),
        Some("0b") => (&unsigned[2..], 2),
        _ if leading_zero(unsigned) => return None,
        _ => (unsigned, 10),
    };
    // `from_str_radix` would accept a second sign.
    if digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// `1.5`, `1e3`, `.inf`, `-.inf`, `.nan` (and their capitalized forms).
fn float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if unsigned.starts_with(['+', '-']) || leading_zero(unsigned) {
        return None;
    }
    // Rust also reads `inf`, `nan` and `infinity`, which YAML spells with a dot.
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// `0` followed by more digits only: a string in YAML 1.2 (`0123` is not octal).
fn leading_zero(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        assert_eq!(resolve_plain(""), Value::Null);
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("True"), Value::Bool(true));
        assert_eq!(resolve_plain("yes"), Value::Str("yes".into()));
        assert_eq!(resolve_plain("42"), Value::Int(42));
        assert_eq!(resolve_plain("-0x1f"), Value::Int(-31));
        assert_eq!(resolve_plain("+0o17"), Value::Int(15));
        assert_eq!(resolve_plain("0b101"), Value::Int(5));
        assert_eq!(resolve_plain("0x+1"), Value::Str("0x+1".into()));
        assert_eq!(resolve_plain("007"), Value::Str("007".into()));
        assert_eq!(resolve_plain("1.5"), Value::Float(1.5));
        assert_eq!(resolve_plain("-2e3"), Value::Float(-2000.0));
        assert_eq!(resolve_plain("-.inf"), Value::Float(f64::NEG_INFINITY));
        assert_eq!(resolve_plain("inf"), Value::Str("inf".into()));
        assert_eq!(resolve_plain("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(resolve_plain("--1"), Value::Str("--1".into()));
        assert_eq!(
            resolve_plain("99999999999999999999999"),
            Value::Float(99999999999999999999999.0)
        );
        assert!(matches!(resolve_plain(".nan"), Value::Float(f) if f.is_nan()));
    }
}
