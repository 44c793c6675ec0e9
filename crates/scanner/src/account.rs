//! Who the account is (STS) and which regions it has enabled (EC2 DescribeRegions).

use wellscan_model::{CoverageGap, region};

use crate::error;
use crate::unit::UnitCtx;

#[derive(Debug, Clone)]
pub struct Identity {
    pub account_id: String,
    pub partition: String,
}

/// GetCallerIdentity. Without it there is no account to scan.
pub async fn identity(ctx: &UnitCtx) -> Result<Identity, String> {
    let sts = ctx.client::<aws_sdk_sts::Client>();
    let answer = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| error::describe(&e))?;
    let partition = answer
        .arn()
        .unwrap_or_default()
        .split(':')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string();
    Ok(Identity {
        account_id: answer.account().unwrap_or_default().to_string(),
        partition,
    })
}

/// The regions of the caller's partition, split into enabled and not enabled.
pub struct Regions {
    pub enabled: Vec<String>,
    pub not_enabled: Vec<String>,
}

/// DescribeRegions with every region listed, keeping only the caller's partition (an emulator
/// may answer with every partition's regions and ignore the opt-in status filter).
pub async fn regions(ctx: &UnitCtx, partition: &str) -> Result<Regions, CoverageGap> {
    let ec2 = ctx.client::<crate::ec2::Ec2>();
    let answer = ec2
        .call("DescribeRegions", &[("AllRegions", "true")])
        .await
        .map_err(|e| ctx.gap("DescribeRegions", &e))?;
    let mut enabled = Vec::new();
    let mut not_enabled = Vec::new();
    for r in answer.items("regionInfo") {
        let Some(name) = r.text("regionName") else {
            continue;
        };
        if partition_of(name) != partition {
            continue;
        }
        match r.text("optInStatus") {
            Some("not-opted-in") => not_enabled.push(name.to_string()),
            _ => enabled.push(name.to_string()),
        }
    }
    enabled.sort();
    not_enabled.sort();
    Ok(Regions {
        enabled,
        not_enabled,
    })
}

fn partition_of(name: &str) -> &str {
    region::partition_of(name).unwrap_or(if name.starts_with("cn-") {
        "aws-cn"
    } else if name.starts_with("us-gov-") {
        "aws-us-gov"
    } else if name.starts_with("us-iso") {
        "aws-iso"
    } else {
        "aws"
    })
}
