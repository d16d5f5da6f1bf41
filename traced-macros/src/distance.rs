//! Edit distance, for "did you mean" on option names.

/// Levenshtein distance over chars.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn distances() {
        assert_eq!(super::levenshtein("name", "name"), 0);
        assert_eq!(super::levenshtein("nmae", "name"), 2);
        assert_eq!(super::levenshtein("", "ret"), 3);
        assert_eq!(super::levenshtein("kind", "kinds"), 1);
    }
}
