//! CloudWatch: alarms, and how many the region has in all (this unit), and the 14-day utilisation summaries (`metrics`) that every
//! unit whose resources have metrics reads after its own calls.

pub mod metrics;

use std::collections::BTreeMap;

use aws_sdk_cloudwatch::types::{MetricAlarm, StateValue};
use wellscan_model::{AlarmState, CloudwatchAlarm, CloudwatchAlarms, Fact};

use crate::unit::{Collected, UnitCtx, time};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "cloudwatch"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let cw = ctx.client::<aws_sdk_cloudwatch::Client>();
    let mut out = Collected::default();
    let mut alarms = Vec::new();
    let read = ctx
        .pages(
            "DescribeAlarms",
            cw.describe_alarms().into_paginator().send(),
            |page| alarms.extend(page.metric_alarms().iter().filter_map(|a| alarm_of(ctx, a))),
        )
        .await;
    // Only a complete listing says how many alarms the region has; a failed one is its gap.
    if read.gaps.is_empty() {
        let region = CloudwatchAlarms {
            id: "cloudwatch-alarms".into(),
            arn: ctx.arn("cloudwatch", "alarm:*"),
            region: ctx.region.clone(),
            // Metric alarms: a composite alarm is built on them, so a region with one has them.
            alarms: u32::try_from(alarms.len()).unwrap_or(u32::MAX),
            ..Default::default()
        };
        out.found.push(region.into());
    }
    out.absorb(read);
    if alarms.is_empty() {
        return out;
    }
    let tagged = ctx
        .fan_out(alarms, |mut alarm| {
            let cw = cw.clone();
            async move {
                let result = cw
                    .list_tags_for_resource()
                    .resource_arn(&alarm.arn)
                    .send()
                    .await;
                let gap = match result {
                    Ok(t) => {
                        alarm.tags =
                            crate::unit::tags(t.tags().iter().filter_map(|t| {
                                Some((t.key()?.to_string(), t.value()?.to_string()))
                            }));
                        None
                    }
                    Err(e) => {
                        alarm.unknown.mark(Fact::Tags);
                        Some(ctx.gap("ListTagsForResource", &e))
                    }
                };
                (alarm, gap)
            }
        })
        .await;
    out.depth += 1;
    for (alarm, gap) in tagged {
        out.found.push(alarm.into());
        out.gaps.extend(gap);
    }
    out
}

fn alarm_of(ctx: &UnitCtx, a: &MetricAlarm) -> Option<CloudwatchAlarm> {
    let name = a.alarm_name()?.to_string();
    Some(CloudwatchAlarm {
        unknown: Default::default(),
        arn: a
            .alarm_arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("cloudwatch", &format!("alarm:{name}"))),
        id: name,
        region: ctx.region.clone(),
        tags: Default::default(),
        namespace: a.namespace().unwrap_or_default().to_string(),
        metric_name: a.metric_name().unwrap_or_default().to_string(),
        dimensions: a
            .dimensions()
            .iter()
            .filter_map(|d| Some((d.name()?.to_string(), d.value()?.to_string())))
            .collect::<BTreeMap<_, _>>(),
        state: match a.state_value() {
            Some(StateValue::Alarm) => AlarmState::Alarm,
            Some(StateValue::InsufficientData) => AlarmState::InsufficientData,
            _ => AlarmState::Ok,
        },
        state_since: a.state_updated_timestamp().and_then(time),
        actions_enabled: a.actions_enabled().unwrap_or(false),
        alarm_actions: a.alarm_actions().to_vec(),
        ok_actions: a.ok_actions().to_vec(),
    })
}
