//! AWS Config: the region's configuration recorder, whether it records, and what. One
//! resource per region whose recorders were listed, so a region without one is a fact.

use serde_json::Value;
use wellscan_aws::json as api;
use wellscan_model::{ConfigRecorder, Fact};

use crate::json::{flag, items, str};
use crate::unit::{Collected, UnitCtx};

/// AWS Config's client.
type Config = api::Client<api::Config>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "config"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let config = ctx.client::<Config>();
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let (recorders, status) = tokio::join!(
        config.call("DescribeConfigurationRecorders", &Value::Null),
        config.call("DescribeConfigurationRecorderStatus", &Value::Null),
    );
    let recorders = match recorders {
        Ok(r) => r,
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeConfigurationRecorders", &e));
            return out;
        }
    };
    let Some(recorder) = items(&recorders, "ConfigurationRecorders").next() else {
        out.found.push(
            ConfigRecorder {
                id: "config".into(),
                arn: ctx.arn("config", "configuration-recorder/none"),
                region: ctx.region.clone(),
                ..Default::default()
            }
            .into(),
        );
        return out;
    };
    let name = str(recorder, "name").unwrap_or("default").to_string();
    let mut r = ConfigRecorder {
        arn: str(recorder, "arn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("config", &format!("configuration-recorder/{name}"))),
        id: name,
        region: ctx.region.clone(),
        exists: true,
        all_supported: recorder
            .get("recordingGroup")
            .is_none_or(|g| flag(g, "allSupported")),
        ..Default::default()
    };
    match status {
        Ok(s) => {
            r.recording = items(&s, "ConfigurationRecordersStatus")
                .any(|x| str(x, "name") == Some(r.id.as_str()) && flag(x, "recording"));
        }
        Err(e) => {
            out.gaps
                .push(ctx.gap("DescribeConfigurationRecorderStatus", &e));
            r.unknown.mark(Fact::Recording);
        }
    }
    out.found.push(r.into());
    out
}
