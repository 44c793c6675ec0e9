//! Listings of the JSON services (Systems Manager, AWS Config, CloudTrail, CloudWatch Logs),
//! whose calls go through wellscan's own client (`wellscan_aws::json`) and whose answers are
//! read by the services' member names.

use chrono::{DateTime, Utc};
use serde_json::Value;
use wellscan_aws::json::{self, Api, Client};

use crate::unit::{Partial, UnitCtx};

/// Every page of the listing `action` (with `input`) into `each`, one call in the chain per
/// page, continued by the member `token` (`NextToken`) both ways; the first failed page
/// becomes a gap.
pub(crate) async fn pages<A: Api>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    input: &Value,
    token: &'static str,
    each: impl FnMut(Value),
) -> Partial<()> {
    ctx.token_pages(
        action,
        |next| client.page(action, input, token, next),
        |answer| json::next_token(answer, token),
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
    token: &'static str,
    mut items: impl FnMut(&Value) -> Vec<T>,
) -> Partial<Vec<T>> {
    let mut found = Vec::new();
    let read = pages(ctx, client, action, input, token, |page| {
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
