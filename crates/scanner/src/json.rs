//! Listings of the JSON services (Systems Manager, AWS Config, CloudTrail, CloudWatch Logs, KMS,
//! ACM, ECR, ECS, Secrets Manager, SQS, Cost Optimization Hub),
//! whose calls go through wellscan's own client (`wellscan_aws::json`) and whose answers are
//! read by the services' member names.

use chrono::{DateTime, Utc};
use serde_json::Value;
use wellscan_aws::json::{self, Api, Client};

use crate::unit::{Paging, Partial, UnitCtx};

/// `NextToken` both ways (most JSON services).
pub(crate) const NEXT_TOKEN: Paging = Paging {
    request: "NextToken",
    answer: "NextToken",
};

/// `nextToken` both ways (CloudWatch Logs, ECR, ECS, Cost Optimization Hub).
pub(crate) const NEXT_TOKEN_LOWER: Paging = Paging {
    request: "nextToken",
    answer: "nextToken",
};

/// `NextMarker` in the answer, `Marker` in the next request (KMS).
pub(crate) const NEXT_MARKER: Paging = Paging {
    request: "Marker",
    answer: "NextMarker",
};

/// Every page of the listing `action` (with `input`) into `each`, one call in the chain per
/// page; the first failed page becomes a gap.
pub(crate) async fn pages<A: Api>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    input: &Value,
    paging: Paging,
    each: impl FnMut(Value),
) -> Partial<()> {
    ctx.token_pages(
        action,
        |next| client.page(action, input, paging.request, next),
        |answer| json::next_token(answer, paging.answer),
        each,
    )
    .await
}

/// [`pages`], keeping what `items` takes from each page.
pub(crate) async fn list<A: Api, T>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    input: &Value,
    paging: Paging,
    mut items: impl FnMut(&Value) -> Vec<T>,
) -> Partial<Vec<T>> {
    let mut found = Vec::new();
    let read = pages(ctx, client, action, input, paging, |page| {
        found.extend(items(&page))
    })
    .await;
    read.map(|()| found)
}

/// The members of the list `name` (empty when the service sent none).
pub(crate) fn items<'a>(answer: &'a Value, name: &str) -> impl Iterator<Item = &'a Value> + 'a {
    answer
        .get(name)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// The members of the list `name` as pairs of their strings `key` and `value` (`Tags`, `Key`,
/// `Value`); a member without the key is skipped, one without a value has "".
pub(crate) fn pairs<'a>(
    answer: &'a Value,
    name: &str,
    key: &'a str,
    value: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    items(answer, name).filter_map(move |t| Some((str(t, key)?, str(t, value).unwrap_or_default())))
}

/// The strings of the list `name` (`["a", "b"]`).
pub(crate) fn strings(value: &Value, name: &str) -> Vec<String> {
    items(value, name)
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

/// The string entries of the map `name` (`{"team": "data"}`).
pub(crate) fn map<'a>(
    value: &'a Value,
    name: &str,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    value
        .get(name)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
}

/// The string in member `name`, when the service sent one.
pub(crate) fn str<'a>(value: &'a Value, name: &str) -> Option<&'a str> {
    value.get(name).and_then(Value::as_str)
}

/// The string in member `name`, "" when the service left it out.
pub(crate) fn text(value: &Value, name: &str) -> String {
    str(value, name).unwrap_or_default().to_string()
}

/// Member `name` read as a flag, when the service sent it.
pub(crate) fn bool(value: &Value, name: &str) -> Option<bool> {
    value.get(name).and_then(Value::as_bool)
}

/// Member `name` read as a flag: false when the service left it out.
pub(crate) fn flag(value: &Value, name: &str) -> bool {
    bool(value, name).unwrap_or(false)
}

/// Member `name` read as a whole number, when the service sent one.
pub(crate) fn int(value: &Value, name: &str) -> Option<i64> {
    value.get(name).and_then(Value::as_i64)
}

/// The time in member `name`: the protocol writes seconds since the epoch, with a fraction.
pub(crate) fn time(value: &Value, name: &str) -> Option<DateTime<Utc>> {
    let seconds = value.get(name)?.as_f64()?;
    let millis = (seconds * 1000.0).round();
    if !millis.is_finite() {
        return None;
    }
    DateTime::from_timestamp_millis(millis as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_members_by_name() {
        let answer = serde_json::json!({
            "LastPingDateTime": 1.7331e9,
            "Name": "ログ",
            "Count": -3,
            "On": true,
        });
        assert_eq!(
            time(&answer, "LastPingDateTime").map(|t| t.timestamp()),
            Some(1_733_100_000)
        );
        assert_eq!(str(&answer, "Name"), Some("ログ"));
        assert_eq!(int(&answer, "Count"), Some(-3));
        assert!(flag(&answer, "On") && !flag(&answer, "Off"));
        assert_eq!(text(&answer, "Missing"), "");
    }
}
