//! "Did you mean" suggestions: nearest names by edit distance.

/// Up to `limit` candidates nearest to `target`, nearest first.
///
/// Candidates in `target`'s namespace (the part before its last `.`) come first, then the rest;
/// within each, by distance, live before deprecated, then by name. Candidates further than about a
/// third of `target`'s length are left out, so unrelated names are never suggested.
pub(crate) fn nearest<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = (&'a str, bool)>,
    limit: usize,
) -> Vec<&'a str> {
    let target_chars: Vec<char> = target.chars().collect();
    let max = (target_chars.len() / 3).max(1);
    let namespace = namespace(target);
    let mut scratch = Scratch::default();
    let mut found: Vec<(bool, usize, bool, &'a str)> = Vec::new();
    for (name, deprecated) in candidates {
        if name == target {
            continue;
        }
        let Some(d) = scratch.distance(&target_chars, name, max) else {
            continue;
        };
        let other_namespace = namespace.is_none() || self::namespace(name) != namespace;
        found.push((other_namespace, d, deprecated, name));
    }
    found.sort_unstable();
    found.into_iter().take(limit).map(|(.., n)| n).collect()
}

/// The nearest of `candidates` to `target`, if one is close enough: the "did you mean" of
/// any closed list of names (the macros use it for their option names).
///
/// ```
/// assert_eq!(traced_registry::nearest_one("nmae", &["name", "kind"]), Some("name"));
/// assert_eq!(traced_registry::nearest_one("frobnicate", &["name", "kind"]), None);
/// ```
pub fn nearest_one<'a>(target: &str, candidates: &[&'a str]) -> Option<&'a str> {
    nearest(target, candidates.iter().map(|c| (*c, false)), 1)
        .into_iter()
        .next()
}

/// "; did you mean `near`?", or nothing without a suggestion: the tail of an error message.
pub(crate) fn did_you_mean(near: Option<&str>) -> String {
    near.map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

/// [`did_you_mean`] the nearest of `candidates` to `target`.
pub(crate) fn hint(target: &str, candidates: &[&str]) -> String {
    did_you_mean(nearest_one(target, candidates))
}

fn namespace(key: &str) -> Option<&str> {
    key.rfind('.').map(|i| &key[..i])
}

/// Reused buffers, so the scan over every key allocates only once.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    rows: [Vec<usize>; 3],
}

impl Scratch {
    /// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
    /// or `None` when it is over `max`.
    fn distance(&mut self, a: &[char], b: &str, max: usize) -> Option<usize> {
        self.chars.clear();
        self.chars.extend(b.chars());
        let b = &self.chars;
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        let [prev2, prev, cur] = &mut self.rows;
        prev2.clear();
        prev2.resize(b.len() + 1, 0);
        prev.clear();
        prev.extend(0..=b.len());
        cur.clear();
        cur.resize(b.len() + 1, 0);
        for i in 1..=a.len() {
            cur[0] = i;
            let mut row_min = cur[0];
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(prev2[j - 2] + 1);
                }
                cur[j] = v;
                row_min = row_min.min(v);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        let d = prev[b.len()];
        (d <= max).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        Scratch::default().distance(&a, b, 10)
    }

    #[test]
    fn distances() {
        assert_eq!(dist("kitten", "sitting"), Some(3));
        assert_eq!(dist("methd", "method"), Some(1));
        assert_eq!(dist("ab", "ba"), Some(1));
        assert_eq!(dist("", "abc"), Some(3));
        assert_eq!(dist("abc", ""), Some(3));
    }

    #[test]
    fn prefers_same_namespace_then_distance() {
        let keys = [
            ("http.request.method", false),
            ("http.request.method_original", false),
            ("http.response.method", false),
            ("db.name", false),
        ];
        let got = nearest("http.request.methd", keys, 3);
        assert_eq!(got[0], "http.request.method");
        assert!(!got.contains(&"db.name"));
    }

    #[test]
    fn live_before_deprecated_at_equal_distance() {
        let got = nearest("a.bc", [("a.bd", true), ("a.be", false)], 3);
        assert_eq!(got, ["a.be", "a.bd"]);
    }

    #[test]
    fn nothing_when_too_far() {
        assert!(nearest("customer.id", [("http.route", false)], 3).is_empty());
        assert_eq!(
            nearest_one("strng", &["string", "int", "any"]),
            Some("string")
        );
    }
}
