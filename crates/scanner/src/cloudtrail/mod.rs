//! CloudTrail: the trails whose home is this region, and whether each is logging.

use serde_json::{Value, json};
use wellscan_aws::json as api;
use wellscan_model::{CloudtrailTrail, Fact, Tags, Unknown};

use crate::json::{flag, str};
use crate::unit::{Collected, UnitCtx};

/// CloudTrail's client.
type CloudTrail = api::Client<api::CloudTrail>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "cloudtrail"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let trail_client = ctx.client::<CloudTrail>();
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let input = json!({"includeShadowTrails": false});
    let trails: Vec<Value> = match trail_client.call("DescribeTrails", &input).await {
        Ok(answer) => crate::json::items(&answer, "trailList").cloned().collect(),
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeTrails", &e));
            return out;
        }
    };
    let statuses = ctx
        .fan_out(trails, |t| {
            let client = trail_client.clone();
            async move {
                let name = str(&t, "TrailARN").or(str(&t, "Name")).unwrap_or_default();
                let status = client
                    .call("GetTrailStatus", &json!({ "Name": name }))
                    .await;
                (t, status)
            }
        })
        .await;
    if !statuses.is_empty() {
        out.depth += 1;
    }
    for (t, status) in statuses {
        let Some(name) = str(&t, "Name") else {
            continue;
        };
        let mut unknown = Unknown::default();
        let logging = match status {
            Ok(s) => flag(&s, "IsLogging"),
            Err(e) => {
                out.gaps.push(ctx.gap("GetTrailStatus", &e));
                unknown.mark(Fact::Logging);
                false
            }
        };
        out.found.push(
            CloudtrailTrail {
                arn: str(&t, "TrailARN")
                    .map(String::from)
                    .unwrap_or_else(|| ctx.arn("cloudtrail", &format!("trail/{name}"))),
                id: name.to_string(),
                region: str(&t, "HomeRegion").unwrap_or(&ctx.region).to_string(),
                tags: Tags::new(),
                unknown,
                multi_region: flag(&t, "IsMultiRegionTrail"),
                organization_trail: flag(&t, "IsOrganizationTrail"),
                logging,
                log_file_validation: flag(&t, "LogFileValidationEnabled"),
                kms_key_id: str(&t, "KmsKeyId").map(String::from),
                s3_bucket: str(&t, "S3BucketName").map(String::from),
            }
            .into(),
        );
    }
    out
}
