//! One module per service, one file per check, named after what is wrong.

pub mod cloudtrail;
pub mod cloudwatch;
pub mod dynamodb;
pub mod ebs;
pub mod ec2;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod rds;
pub mod s3;
pub mod tags;
