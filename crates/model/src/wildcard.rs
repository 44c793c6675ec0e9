//! AWS's `*` patterns: ECR repository filters, AWS Backup resource ARNs and `StringLike` tag
//! values, where `*` matches any run of characters and the pattern must match the whole text.

/// `pattern` against the whole of `text`, `*` matching any run of characters.
pub fn matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_whole_texts_with_wildcards() {
        assert!(matches("*", "api"));
        assert!(matches("prod-*", "prod-api"));
        assert!(!matches("prod-*", "staging-prod-api"));
        assert!(matches("*-api", "orders-api"));
        assert!(matches("team/*/svc*", "team/a/svc-1"));
        assert!(matches("api", "api"));
        assert!(!matches("api", "api-2"));
        assert!(!matches("a*a", "a"));
        assert!(matches(
            "arn:aws:elasticfilesystem:*:*:file-system/*",
            "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1"
        ));
    }
}
