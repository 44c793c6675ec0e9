//! AWS Config: the region's configuration recorder, whether it records, and what. One
//! resource per region whose recorders were listed, so a region without one is a fact.

use wellscan_model::{ConfigRecorder, Fact};

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "config"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let config = ctx.client::<aws_sdk_config::Client>();
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let (recorders, status) = tokio::join!(
        config.describe_configuration_recorders().send(),
        config.describe_configuration_recorder_status().send(),
    );
    let recorders = match recorders {
        Ok(r) => r,
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeConfigurationRecorders", &e));
            return out;
        }
    };
    let Some(recorder) = recorders.configuration_recorders().first() else {
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
    let name = recorder.name().unwrap_or("default").to_string();
    let mut r = ConfigRecorder {
        arn: recorder
            .arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("config", &format!("configuration-recorder/{name}"))),
        id: name,
        region: ctx.region.clone(),
        exists: true,
        all_supported: recorder.recording_group().is_none_or(|g| g.all_supported()),
        ..Default::default()
    };
    match status {
        Ok(s) => {
            r.recording = s
                .configuration_recorders_status()
                .iter()
                .any(|x| x.name() == Some(r.id.as_str()) && x.recording());
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
