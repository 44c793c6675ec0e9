//! One module per service, one file per check, named after what is wrong.

pub mod acm;
pub mod apigateway;
pub mod autoscaling;
pub mod backup;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod costoptimizationhub;
pub mod dynamodb;
pub mod ebs;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elasticache;
pub mod elb;
pub mod elbv2;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod organizations;
pub mod rds;
pub mod route53;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod tags;

use wellscan_model::Resource;

/// True when the resource is tagged as a non-production environment (`Environment`, `Env` or
/// `Stage` set to `dev`, `development`, `test`, `qa`, `staging` or `sandbox`, any case). An
/// untagged resource is neither production nor this.
pub(crate) fn is_non_production(tags: &wellscan_model::Tags) -> bool {
    tags.iter().any(|(k, v)| {
        ["environment", "env", "stage"].contains(&k.to_ascii_lowercase().as_str())
            && ["dev", "development", "test", "qa", "staging", "sandbox"]
                .contains(&v.to_ascii_lowercase().as_str())
    })
}

/// True when the resource is tagged as production (`Environment`, `Env` or `Stage` set to
/// `prod` or `production`, any case).
pub(crate) fn is_production(r: &Resource) -> bool {
    r.tags().iter().any(|(k, v)| {
        ["environment", "env", "stage"].contains(&k.to_ascii_lowercase().as_str())
            && ["prod", "production"].contains(&v.to_ascii_lowercase().as_str())
    })
}
