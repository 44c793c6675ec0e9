//! Recurring scans: a cron expression in a time zone and what to scan.
//!
//! On the embedded default the service checks every second for schedules that are due and
//! queues their scans like any other (`requested_by` is `schedule:<id>`); a schedule missed
//! while the service was down runs once when it is back, then keeps to its times. Deployed
//! (`--schedule-target`), each schedule is also an EventBridge Scheduler schedule that starts the
//! scan task (`eventbridge.rs`), and this loop does not run: the service need not stay up.

pub mod eventbridge;

use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::jobs::ScanRequest;
use crate::state::AppState;

/// A schedule as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub id: String,
    /// Five fields (minute hour day month weekday), or six with seconds first.
    pub cron: String,
    /// An IANA time zone, e.g. `Europe/Paris`; times follow its daylight saving.
    pub time_zone: String,
    pub scan: ScanRequest,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub next_run_at: DateTime<Utc>,
    #[serde(default)]
    pub last_run_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_scan_id: Option<String>,
    /// The EventBridge Scheduler schedule that runs it, when deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eventbridge: Option<String>,
}

impl Schedule {
    /// As readers see it: the external id only as `external_id_set`.
    pub fn public(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        value["scan"] = self.scan.public();
        value
    }
}

/// The first time `cron` matches in `time_zone` after `after`.
pub fn next_run(
    cron: &str,
    time_zone: &str,
    after: DateTime<Utc>,
) -> Result<DateTime<Utc>, String> {
    let pattern: croner::Cron = cron.parse().map_err(|e| format!("cron `{cron}`: {e}"))?;
    let zone: chrono_tz::Tz = time_zone.parse().map_err(|_| {
        format!("time zone `{time_zone}` is not an IANA zone such as Europe/Paris or UTC")
    })?;
    pattern
        .find_next_occurrence(&after.with_timezone(&zone), false)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("cron `{cron}` never matches: {e}"))
}

/// Checks and records a new schedule for `who`, in the audit log too.
pub async fn add(
    state: &AppState,
    who: &crate::auth::Principal,
    cron: &str,
    time_zone: &str,
    scan: ScanRequest,
) -> Result<Schedule, crate::error::ApiError> {
    use crate::error::ApiError;
    scan.validate(state.demo_only)
        .map_err(ApiError::bad_request)?;
    let now = Utc::now();
    let next_run_at = next_run(cron, time_zone, now).map_err(ApiError::bad_request)?;
    let id = crate::auth::token::new_id()
        .map_err(|_| ApiError::internal(&std::io::Error::other("the random source failed")))?;
    let mut schedule = Schedule {
        id,
        cron: cron.to_string(),
        time_zone: time_zone.to_string(),
        scan,
        created_by: who.actor.clone(),
        created_at: now,
        next_run_at,
        last_run_at: None,
        last_scan_id: None,
        eventbridge: None,
    };
    if let Some(aws) = &state.eventbridge {
        eventbridge::EventBridge::check(&schedule).map_err(ApiError::bad_request)?;
        aws.create(&schedule).await.map_err(ApiError::upstream)?;
        schedule.eventbridge = Some(eventbridge::name(&schedule.id));
    }
    if let Err(e) = state.db.put_schedule(&schedule).await {
        // Not recorded: it must not run either.
        if let Some(aws) = &state.eventbridge
            && let Err(left) = aws.delete(&schedule.id).await
        {
            tracing::error!(error = %left, schedule = %schedule.id, "an unrecorded schedule is left in EventBridge Scheduler");
        }
        return Err(e.into());
    }
    state
        .audit(
            &who.actor,
            "schedule.create",
            &format!("schedule:{}", schedule.id),
            format!(
                "{} ({}) {}",
                schedule.cron,
                schedule.time_zone,
                schedule.scan.public()
            ),
        )
        .await?;
    Ok(schedule)
}

/// Removes a schedule, in the audit log too.
pub async fn remove(
    state: &AppState,
    who: &crate::auth::Principal,
    id: &str,
) -> Result<(), crate::error::ApiError> {
    if let Some(aws) = &state.eventbridge {
        // Removed in AWS first: a schedule still recorded can be removed again.
        aws.delete(id)
            .await
            .map_err(crate::error::ApiError::upstream)?;
    }
    if !state.db.delete_schedule(id).await? {
        return Err(crate::error::ApiError::not_found(format!(
            "no schedule {id}"
        )));
    }
    state
        .audit(&who.actor, "schedule.delete", &format!("schedule:{id}"), "")
        .await?;
    Ok(())
}

/// Queues the scans of every due schedule, each second, until the queue stops taking scans.
pub async fn run(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if !state.queue.is_accepting() {
            return;
        }
        let now = Utc::now();
        let due = match state.db.schedules(Some(now)).await {
            Ok(due) => due,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the schedules");
                continue;
            }
        };
        for mut schedule in due {
            let actor = format!("schedule:{}", schedule.id);
            let span = tracing::info_span!("schedule", id = %schedule.id);
            async {
                match state.queue.submit(schedule.scan.clone(), &actor).await {
                    Ok(scan_id) => {
                        let _ = state
                            .audit(
                                &actor,
                                "scan.start",
                                &format!("scan:{scan_id}"),
                                schedule.scan.public().to_string(),
                            )
                            .await;
                        schedule.last_scan_id = Some(scan_id);
                    }
                    Err(e) => tracing::warn!(error = %e, "the scheduled scan was not queued"),
                }
                schedule.last_run_at = Some(now);
                match next_run(&schedule.cron, &schedule.time_zone, now) {
                    Ok(next) => schedule.next_run_at = next,
                    Err(e) => {
                        // Checked when it was made; a zone removed from the database since ends it.
                        tracing::error!(error = %e, "the schedule cannot run again; it is removed");
                        let _ = state.db.delete_schedule(&schedule.id).await;
                        return;
                    }
                }
                if let Err(e) = state.db.put_schedule(&schedule).await {
                    tracing::error!(error = %e, "cannot record the schedule's run");
                }
            }
            .instrument(span)
            .await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_follow_the_zone_and_its_daylight_saving() {
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("time")
                .with_timezone(&Utc)
        };
        // 02:00 in Paris is 01:00 UTC in winter and 00:00 UTC in summer.
        let winter =
            next_run("0 2 * * *", "Europe/Paris", at("2026-12-03T12:00:00Z")).expect("next");
        assert_eq!(winter, at("2026-12-04T01:00:00Z"));
        let summer =
            next_run("0 2 * * *", "Europe/Paris", at("2026-07-03T12:00:00Z")).expect("next");
        assert_eq!(summer, at("2026-07-04T00:00:00Z"));
        let monday = next_run("30 6 * * MON", "UTC", at("2026-12-03T12:00:00Z")).expect("next");
        assert_eq!(monday, at("2026-12-07T06:30:00Z"));
        assert!(next_run("0 25 * * *", "UTC", at("2026-12-03T12:00:00Z")).is_err());
        let zone =
            next_run("0 2 * * *", "Mars/Olympus", at("2026-12-03T12:00:00Z")).expect_err("zone");
        assert!(zone.contains("IANA"), "{zone}");
    }
}
