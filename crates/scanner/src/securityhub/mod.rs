//! Security Hub: whether the region's hub is enabled. "Not subscribed" is an answer (off),
//! not a gap; any other failure is a gap.

use wellscan_model::SecurityHub;

use crate::error;
use crate::unit::{Collected, UnitCtx, client};

/// The code Security Hub answers DescribeHub with when the account has not enabled it.
const NOT_SUBSCRIBED: &str = "InvalidAccessException";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "securityhub"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let hub = client!(aws_sdk_securityhub, ctx);
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let enabled = match hub.describe_hub().send().await {
        Ok(_) => true,
        Err(e) if error::code(&e) == Some(NOT_SUBSCRIBED) => false,
        Err(e) => {
            out.gaps
                .push(error::gap(&ctx.region, "securityhub", "DescribeHub", &e));
            return out;
        }
    };
    out.resources.push(
        SecurityHub {
            id: "securityhub".into(),
            arn: ctx.arn("securityhub", "hub/default"),
            region: ctx.region.clone(),
            enabled,
            ..Default::default()
        }
        .into(),
    );
    out
}
