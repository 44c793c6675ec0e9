//! CloudWatch: alarms, and how many the region has in all (this unit), and the 14-day utilisation summaries (`metrics`) that every
//! unit whose resources have metrics reads after its own calls.

pub mod metrics;

use std::collections::BTreeMap;

use wellscan_aws::query::{self, Element};
use wellscan_model::{AlarmState, CloudwatchAlarm, CloudwatchAlarms, Fact};

use crate::query::{NEXT_TOKEN, flag, text, time};
use crate::unit::{Collected, UnitCtx};

/// CloudWatch's client (signed as `monitoring`).
pub(crate) type CloudWatch = query::Client<query::CloudWatch>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "cloudwatch"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let cw = ctx.client::<CloudWatch>();
    let mut out = Collected::default();
    let mut alarms = Vec::new();
    let read = crate::query::pages(ctx, &cw, "DescribeAlarms", &[], NEXT_TOKEN, |page| {
        alarms.extend(page.items("MetricAlarms").filter_map(|a| alarm_of(ctx, a)))
    })
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
                    .call("ListTagsForResource", &[("ResourceARN", &alarm.arn)])
                    .await;
                let gap = match result {
                    Ok(t) => {
                        alarm.tags = crate::unit::tags(t.pairs("Tags", "Key", "Value"));
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

fn alarm_of(ctx: &UnitCtx, a: &Element) -> Option<CloudwatchAlarm> {
    let name = a.text("AlarmName")?.to_string();
    Some(CloudwatchAlarm {
        unknown: Default::default(),
        arn: a
            .text("AlarmArn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("cloudwatch", &format!("alarm:{name}"))),
        id: name,
        region: ctx.region.clone(),
        tags: Default::default(),
        namespace: text(a, "Namespace"),
        metric_name: text(a, "MetricName"),
        dimensions: a
            .pairs("Dimensions", "Name", "Value")
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        state: match a.text("StateValue") {
            Some("ALARM") => AlarmState::Alarm,
            Some("INSUFFICIENT_DATA") => AlarmState::InsufficientData,
            _ => AlarmState::Ok,
        },
        state_since: time(a, "StateUpdatedTimestamp"),
        actions_enabled: flag(a, "ActionsEnabled"),
        alarm_actions: a.texts("AlarmActions").map(String::from).collect(),
        ok_actions: a.texts("OKActions").map(String::from).collect(),
    })
}
