//! The Query services wellscan calls, each a type naming its id, host, signing name and API
//! version (as the SDK's models give them).

use super::Api;

macro_rules! apis {
    ($($(#[$doc:meta])* $name:ident: $id:literal, $prefix:literal, $signing:literal, $version:literal $(, $flag:ident)*;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub enum $name {}

        impl Api for $name {
            const ID: &'static str = $id;
            const ENDPOINT_PREFIX: &'static str = $prefix;
            const SIGNING_NAME: &'static str = $signing;
            const VERSION: &'static str = $version;
            $(const $flag: bool = true;)*
        }
    )*};
}

apis! {
    /// EC2, EBS and VPC.
    Ec2: "EC2", "ec2", "ec2", "2016-11-15", EC2;
    /// IAM, one endpoint per partition.
    Iam: "IAM", "iam", "iam", "2010-05-08", GLOBAL;
    /// RDS.
    Rds: "RDS", "rds", "rds", "2014-10-31";
    /// CloudWatch metrics and alarms.
    CloudWatch: "CloudWatch", "monitoring", "monitoring", "2010-08-01";
    /// Classic Load Balancers.
    Elb: "Elastic Load Balancing", "elasticloadbalancing", "elasticloadbalancing", "2012-06-01";
    /// Application, Network and Gateway Load Balancers.
    Elbv2: "Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", "2015-12-01";
    /// EC2 Auto Scaling.
    AutoScaling: "Auto Scaling", "autoscaling", "autoscaling", "2011-01-01";
    /// ElastiCache.
    ElastiCache: "ElastiCache", "elasticache", "elasticache", "2015-02-02";
    /// SNS.
    Sns: "SNS", "sns", "sns", "2010-03-31";
}
