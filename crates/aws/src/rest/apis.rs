//! The REST-JSON services wellscan calls, each a type naming its id, host and signing name (as
//! the SDK's models give them).

use super::Api;

macro_rules! apis {
    ($($(#[$doc:meta])* $name:ident: $id:literal, $prefix:literal, $signing:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub enum $name {}

        impl Api for $name {
            const ID: &'static str = $id;
            const ENDPOINT_PREFIX: &'static str = $prefix;
            const SIGNING_NAME: &'static str = $signing;
        }
    )*};
}

apis! {
    /// Security Hub.
    SecurityHub: "SecurityHub", "securityhub", "securityhub";
    /// GuardDuty.
    GuardDuty: "GuardDuty", "guardduty", "guardduty";
    /// Elastic Kubernetes Service.
    Eks: "EKS", "eks", "eks";
    /// API Gateway's REST APIs.
    ApiGateway: "API Gateway", "apigateway", "apigateway";
    /// API Gateway's HTTP and WebSocket APIs.
    ApiGatewayV2: "ApiGatewayV2", "apigateway", "apigateway";
    /// AWS Backup.
    Backup: "Backup", "backup", "backup";
    /// Lambda.
    Lambda: "Lambda", "lambda", "lambda";
    /// Elastic File System.
    Efs: "EFS", "elasticfilesystem", "elasticfilesystem";
    /// The Well-Architected Tool.
    WellArchitected: "WellArchitected", "wellarchitected", "wellarchitected";
}
