//! The JSON services wellscan calls, each a type naming its id, host, signing name, target
//! prefix and protocol version (as the SDK's models give them).

use super::Api;

macro_rules! apis {
    ($($(#[$doc:meta])* $name:ident: $id:literal, $prefix:literal, $signing:literal, $target:literal, $version:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub enum $name {}

        impl Api for $name {
            const ID: &'static str = $id;
            const ENDPOINT_PREFIX: &'static str = $prefix;
            const SIGNING_NAME: &'static str = $signing;
            const TARGET_PREFIX: &'static str = $target;
            const JSON_VERSION: &'static str = $version;
        }
    )*};
}

apis! {
    /// Systems Manager.
    Ssm: "SSM", "ssm", "ssm", "AmazonSSM", "1.1";
    /// AWS Config.
    Config: "Config Service", "config", "config", "StarlingDoveService", "1.1";
    /// CloudTrail.
    CloudTrail: "CloudTrail", "cloudtrail", "cloudtrail", "CloudTrail_20131101", "1.1";
    /// CloudWatch Logs.
    CloudWatchLogs: "CloudWatch Logs", "logs", "logs", "Logs_20140328", "1.1";
    /// KMS.
    Kms: "KMS", "kms", "kms", "TrentService", "1.1";
    /// Certificate Manager.
    Acm: "ACM", "acm", "acm", "CertificateManager", "1.1";
    /// Secrets Manager.
    SecretsManager: "Secrets Manager", "secretsmanager", "secretsmanager", "secretsmanager", "1.1";
    /// SQS.
    Sqs: "SQS", "sqs", "sqs", "AmazonSQS", "1.0";
    /// Cost Optimization Hub.
    CostOptimizationHub: "Cost Optimization Hub", "cost-optimization-hub", "cost-optimization-hub", "CostOptimizationHubService", "1.0";
    /// Elastic Container Service.
    Ecs: "ECS", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "1.1";
    /// Elastic Container Registry (its API on `api.ecr`).
    Ecr: "ECR", "api.ecr", "ecr", "AmazonEC2ContainerRegistry_V20150921", "1.1";
}
