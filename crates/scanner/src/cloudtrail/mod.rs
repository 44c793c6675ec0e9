//! CloudTrail: the trails whose home is this region, and whether each is logging.

use wellscan_model::{CloudtrailTrail, Fact, Tags, Unknown};

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "cloudtrail"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let trail_client = ctx.client::<aws_sdk_cloudtrail::Client>();
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let trails = match trail_client
        .describe_trails()
        .include_shadow_trails(false)
        .send()
        .await
    {
        Ok(answer) => answer.trail_list().to_vec(),
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeTrails", &e));
            return out;
        }
    };
    let statuses = ctx
        .fan_out(trails, |t| {
            let client = trail_client.clone();
            async move {
                let name = t.trail_arn().or(t.name()).unwrap_or_default().to_string();
                let status = client.get_trail_status().name(&name).send().await;
                (t, status)
            }
        })
        .await;
    if !statuses.is_empty() {
        out.depth += 1;
    }
    for (t, status) in statuses {
        let Some(name) = t.name() else { continue };
        let mut unknown = Unknown::default();
        let logging = match status {
            Ok(s) => s.is_logging().unwrap_or(false),
            Err(e) => {
                out.gaps.push(ctx.gap("GetTrailStatus", &e));
                unknown.mark(Fact::Logging);
                false
            }
        };
        out.found.push(
            CloudtrailTrail {
                arn: t
                    .trail_arn()
                    .map(String::from)
                    .unwrap_or_else(|| ctx.arn("cloudtrail", &format!("trail/{name}"))),
                id: name.to_string(),
                region: t.home_region().unwrap_or(&ctx.region).to_string(),
                tags: Tags::new(),
                unknown,
                multi_region: t.is_multi_region_trail().unwrap_or(false),
                organization_trail: t.is_organization_trail().unwrap_or(false),
                logging,
                log_file_validation: t.log_file_validation_enabled().unwrap_or(false),
                kms_key_id: t.kms_key_id().map(String::from),
                s3_bucket: t.s3_bucket_name().map(String::from),
            }
            .into(),
        );
    }
    out
}
