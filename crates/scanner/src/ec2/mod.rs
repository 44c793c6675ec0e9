//! EC2, EBS and VPC: instances, volumes, snapshots, security groups, VPCs, Elastic IPs, NAT
//! gateways and the EBS encryption default. Each file is one unit of work.

pub mod instances;
pub mod network;
pub mod volumes;

use aws_sdk_ec2::types::Tag;
use wellscan_model::Tags;

pub(crate) fn tags(tags: &[Tag]) -> Tags {
    crate::unit::tags(tags.iter().filter_map(|t| {
        Some((
            t.key()?.to_string(),
            t.value().unwrap_or_default().to_string(),
        ))
    }))
}
