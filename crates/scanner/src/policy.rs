//! Reading IAM-style policy documents: who a trust policy admits, whether a resource policy
//! opens a bucket to everyone, whether it refuses plain HTTP.

use serde_json::Value;

/// IAM returns policy documents percent-encoded.
pub fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a policy document that may be percent-encoded.
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text)
        .or_else(|_| serde_json::from_str(&url_decode(text)))
        .unwrap_or(Value::Null)
}

fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(list) => list
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every principal an `Allow` statement names: `*`, ARNs, services, federated providers.
pub fn principals(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in statements(doc) {
        if s.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        match s.get("Principal") {
            Some(Value::String(p)) => out.push(p.clone()),
            Some(Value::Object(map)) => {
                for v in map.values() {
                    out.extend(strings(v));
                }
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// True when an `Allow` statement admits everyone (`*`) without a condition that narrows it.
pub fn allows_everyone(doc: &Value) -> bool {
    statements(doc).into_iter().any(|s| {
        let allow = s.get("Effect").and_then(Value::as_str) == Some("Allow");
        let everyone = match s.get("Principal") {
            Some(Value::String(p)) => p == "*",
            Some(Value::Object(map)) => map
                .get("AWS")
                .map(strings)
                .unwrap_or_default()
                .iter()
                .any(|p| p == "*"),
            _ => false,
        };
        let unconditioned = s
            .get("Condition")
            .is_none_or(|c| c.as_object().is_none_or(|m| m.is_empty()));
        allow && everyone && unconditioned
    })
}

/// True when a `Deny` statement refuses requests with `aws:SecureTransport` false.
pub fn denies_insecure_transport(doc: &Value) -> bool {
    statements(doc).into_iter().any(|s| {
        s.get("Effect").and_then(Value::as_str) == Some("Deny")
            && s.get("Condition")
                .and_then(|c| c.get("Bool"))
                .and_then(|b| b.get("aws:SecureTransport"))
                .map(strings)
                .unwrap_or_default()
                .iter()
                .any(|v| v.eq_ignore_ascii_case("false"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_iam_documents() {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
        assert_eq!(principals(&parse(encoded)), ["ec2.amazonaws.com"]);
    }

    #[test]
    fn public_and_tls_statements() {
        let public = serde_json::json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]});
        let scoped = serde_json::json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}]});
        let tls = serde_json::json!({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}});
        assert!(allows_everyone(&public));
        assert!(!allows_everyone(&scoped));
        assert!(!allows_everyone(&tls));
        assert!(denies_insecure_transport(&tls));
        assert!(!denies_insecure_transport(&public));
    }
}
