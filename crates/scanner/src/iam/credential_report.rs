//! The IAM credential report: one CSV row per user (and one for root) with console, MFA and
//! key facts. Generated on request; generation is polled briefly.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::Iam;
use crate::unit::{Partial, UnitCtx};

/// How long to wait between polls for the report: doubling from the first, up to the cap;
/// about 40 s in all before giving up.
const FIRST_POLL: Duration = Duration::from_millis(100);
const POLL_CAP: Duration = Duration::from_secs(5);
const POLLS: u32 = 14;

pub struct Row {
    pub password_enabled: bool,
    pub password_last_used: Option<DateTime<Utc>>,
    pub mfa_active: bool,
}

pub struct CredentialReport {
    rows: Vec<(String, Row)>,
}

impl CredentialReport {
    pub fn user(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|(n, _)| n == name).map(|(_, r)| r)
    }

    pub fn root_password_last_used(&self) -> Option<DateTime<Utc>> {
        self.user("<root_account>")
            .and_then(|r| r.password_last_used)
    }
}

pub async fn read(ctx: &UnitCtx, iam: &Iam) -> Partial<Option<CredentialReport>> {
    let mut out = Partial::of(None);
    let mut wait = FIRST_POLL;
    for attempt in 0..POLLS {
        out.depth += 1;
        match iam.call("GenerateCredentialReport", &[]).await {
            Ok(answer) if answer.text("State") == Some("COMPLETE") => break,
            Ok(_) if attempt + 1 < POLLS => {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(POLL_CAP);
            }
            Ok(_) => {
                out.gaps.push(ctx.unread(
                    "GenerateCredentialReport",
                    "the report was not ready in time",
                ));
                return out;
            }
            Err(e) => {
                out.gaps.push(ctx.gap("GenerateCredentialReport", &e));
                return out;
            }
        }
    }
    out.depth += 1;
    match iam.call("GetCredentialReport", &[]).await {
        // The CSV comes base64-encoded.
        Ok(answer) => {
            match aws_smithy_types::base64::decode(answer.text("Content").unwrap_or_default()) {
                Ok(csv) => {
                    out.found = Some(parse(&String::from_utf8_lossy(&csv)));
                    out
                }
                Err(e) => {
                    out.gaps.push(ctx.unread(
                        "GetCredentialReport",
                        format!("the report's content is not base64: {e}"),
                    ));
                    out
                }
            }
        }
        Err(e) => {
            out.gaps.push(ctx.gap("GetCredentialReport", &e));
            out
        }
    }
}

/// The report's CSV has no quoted fields; columns are found by header name.
fn parse(text: &str) -> CredentialReport {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (user, enabled, last_used, mfa) = (
        col("user"),
        col("password_enabled"),
        col("password_last_used"),
        col("mfa_active"),
    );
    let rows = lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).copied().unwrap_or("");
            let name = get(user);
            if name.is_empty() {
                return None;
            }
            Some((
                name.to_string(),
                Row {
                    password_enabled: get(enabled) == "true",
                    password_last_used: DateTime::parse_from_rfc3339(get(last_used))
                        .ok()
                        .map(|t| t.with_timezone(&Utc)),
                    mfa_active: get(mfa) == "true",
                },
            ))
        })
        .collect();
    CredentialReport { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_users_and_root() {
        let csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active\n\
            <root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-10-01T08:00:00+00:00,not_supported,not_supported,true\n\
            alice,arn:aws:iam::123456789012:user/alice,2021-01-01T00:00:00+00:00,true,no_information,2021-01-01T00:00:00+00:00,N/A,false\n";
        let report = parse(csv);
        let alice = report.user("alice").expect("alice");
        assert!(alice.password_enabled && !alice.mfa_active && alice.password_last_used.is_none());
        assert_eq!(
            report.root_password_last_used().map(|t| t.to_rfc3339()),
            Some("2026-10-01T08:00:00+00:00".into())
        );
        assert!(report.user("bob").is_none());
    }
}
