//! Seeds moto with a small account through the real SDK clients.

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{
    InstanceType, IpPermission, IpRange, ResourceType, Tag, TagSpecification, VolumeType,
};
use wellscan_testkit::sdk_config;

/// A fake AWS secret key planted in a Lambda environment; it must never reach the inventory.
pub const PLANTED_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// A fake private key planted in a tag value.
pub const PLANTED_PRIVATE_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEAfakefakefake";

/// The smallest valid zip file: an empty archive.
const EMPTY_ZIP: &[u8] = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

/// What was seeded in one region, by id.
#[derive(Debug, Default)]
pub struct Seeded {
    pub instance: String,
    pub volume: String,
    pub security_group: String,
    pub database: String,
    pub function: String,
    pub alarm: String,
    pub key: String,
    pub log_group: String,
    pub table: String,
}

pub async fn config(endpoint: &str, region: &str) -> SdkConfig {
    sdk_config(endpoint, region).await
}

/// The global part: a role for Lambda, users, and buckets.
pub async fn global(endpoint: &str) -> String {
    let cfg = config(endpoint, "us-east-1").await;
    let iam = aws_sdk_iam::Client::new(&cfg);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let role = iam
        .create_role()
        .role_name("lambda-exec")
        .assume_role_policy_document(trust)
        .send()
        .await
        .expect("create role");
    iam.create_user()
        .user_name("alice")
        .send()
        .await
        .expect("create user");
    iam.create_login_profile()
        .user_name("alice")
        .password("Not-a-real-password-1!")
        .send()
        .await
        .expect("login profile");
    iam.create_access_key()
        .user_name("alice")
        .send()
        .await
        .expect("access key");
    iam.create_user()
        .user_name("ci-bot")
        .send()
        .await
        .expect("create user");
    iam.create_group()
        .group_name("admins")
        .send()
        .await
        .expect("create group");
    iam.attach_group_policy()
        .group_name("admins")
        .policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
        .send()
        .await
        .expect("attach group policy");
    iam.put_group_policy()
        .group_name("admins")
        .policy_name("break-glass")
        .policy_document(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )
        .send()
        .await
        .expect("inline group policy");
    iam.add_user_to_group()
        .group_name("admins")
        .user_name("alice")
        .send()
        .await
        .expect("add to group");
    iam.create_access_key()
        .user_name("ci-bot")
        .send()
        .await
        .expect("access key");

    let s3_east = s3(endpoint, "us-east-1").await;
    s3_east
        .create_bucket()
        .bucket("public-site")
        .send()
        .await
        .expect("bucket");
    let public = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-site/*"}]}"#;
    s3_east
        .put_bucket_policy()
        .bucket("public-site")
        .policy(public)
        .send()
        .await
        .expect("bucket policy");
    let s3_eu = s3(endpoint, "eu-west-1").await;
    s3_eu
        .create_bucket()
        .bucket("eu-data")
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::EuWest1)
                .build(),
        )
        .send()
        .await
        .expect("eu bucket");
    s3_eu
        .put_bucket_versioning()
        .bucket("eu-data")
        .versioning_configuration(
            aws_sdk_s3::types::VersioningConfiguration::builder()
                .status(aws_sdk_s3::types::BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .expect("versioning");
    s3_east
        .create_bucket()
        .bucket("trail-logs")
        .send()
        .await
        .expect("trail bucket");
    let trails = aws_sdk_cloudtrail::Client::new(&cfg);
    trails
        .create_trail()
        .name("audit")
        .s3_bucket_name("trail-logs")
        .is_multi_region_trail(true)
        .send()
        .await
        .expect("trail");
    trails
        .start_logging()
        .name("audit")
        .send()
        .await
        .expect("logging");
    role.role().map(|r| r.arn().to_string()).unwrap_or_default()
}

pub async fn s3(endpoint: &str, region: &str) -> aws_sdk_s3::Client {
    let cfg = config(endpoint, region).await;
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&cfg)
            .force_path_style(true)
            .build(),
    )
}

/// One region's resources; `name` goes into Name tags (non-Latin in one region).
pub async fn region(endpoint: &str, region: &str, name: &str, role_arn: &str) -> Seeded {
    let cfg = config(endpoint, region).await;
    let ec2 = aws_sdk_ec2::Client::new(&cfg);
    let ami = wellscan_testkit::TEST_AMI;
    let sg = ec2
        .create_security_group()
        .group_name(format!("{region}-ssh-open"))
        .description("ssh from anywhere")
        .send()
        .await
        .expect("security group")
        .group_id()
        .expect("group id")
        .to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&sg)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(22)
                .to_port(22)
                .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                .build(),
        )
        .send()
        .await
        .expect("ingress");
    let tags = TagSpecification::builder()
        .resource_type(ResourceType::Instance)
        .tags(Tag::builder().key("Name").value(name).build())
        .tags(
            Tag::builder()
                .key("DeployKey")
                .value(PLANTED_PRIVATE_KEY)
                .build(),
        )
        .build();
    let run = ec2
        .run_instances()
        .image_id(ami)
        .instance_type(InstanceType::M5Large)
        .min_count(1)
        .max_count(1)
        .security_group_ids(&sg)
        .tag_specifications(tags)
        .send()
        .await
        .expect("run instance");
    let instance = run.instances()[0]
        .instance_id()
        .expect("instance id")
        .to_string();
    let volume = ec2
        .create_volume()
        .availability_zone(format!("{region}a"))
        .size(50)
        .volume_type(VolumeType::Gp2)
        .send()
        .await
        .expect("volume")
        .volume_id()
        .expect("volume id")
        .to_string();

    let database = format!("{region}-db");
    aws_sdk_rds::Client::new(&cfg)
        .create_db_instance()
        .db_instance_identifier(&database)
        .db_instance_class("db.t3.micro")
        .engine("postgres")
        .master_username("admin")
        .master_user_password("Not-a-real-password-1")
        .allocated_storage(20)
        .send()
        .await
        .expect("database");

    let function = format!("{region}-ingest");
    aws_sdk_lambda::Client::new(&cfg)
        .create_function()
        .function_name(&function)
        .runtime(aws_sdk_lambda::types::Runtime::Python312)
        .role(role_arn)
        .handler("index.handler")
        .code(
            aws_sdk_lambda::types::FunctionCode::builder()
                .zip_file(aws_smithy_types::Blob::new(EMPTY_ZIP))
                .build(),
        )
        .environment(
            aws_sdk_lambda::types::Environment::builder()
                .variables("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
                .variables("TABLE_NAME", "orders")
                .build(),
        )
        .send()
        .await
        .expect("function");

    let alarm = format!("{region}-cpu-high");
    aws_sdk_cloudwatch::Client::new(&cfg)
        .put_metric_alarm()
        .alarm_name(&alarm)
        .namespace("AWS/EC2")
        .metric_name("CPUUtilization")
        .dimensions(
            aws_sdk_cloudwatch::types::Dimension::builder()
                .name("InstanceId")
                .value(&instance)
                .build(),
        )
        .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
        .period(300)
        .evaluation_periods(3)
        .threshold(80.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .send()
        .await
        .expect("alarm");

    let kms = aws_sdk_kms::Client::new(&cfg);
    let key = kms
        .create_key()
        .description("data key")
        .send()
        .await
        .expect("key")
        .key_metadata()
        .map(|m| m.key_id().to_string())
        .expect("key id");

    let log_group = format!("/aws/lambda/{function}");
    aws_sdk_cloudwatchlogs::Client::new(&cfg)
        .create_log_group()
        .log_group_name(&log_group)
        .send()
        .await
        .expect("log group");

    let table = format!("{region}-sessions");
    aws_sdk_dynamodb::Client::new(&cfg)
        .create_table()
        .table_name(&table)
        .billing_mode(aws_sdk_dynamodb::types::BillingMode::PayPerRequest)
        .attribute_definitions(
            aws_sdk_dynamodb::types::AttributeDefinition::builder()
                .attribute_name("id")
                .attribute_type(aws_sdk_dynamodb::types::ScalarAttributeType::S)
                .build()
                .expect("attribute"),
        )
        .key_schema(
            aws_sdk_dynamodb::types::KeySchemaElement::builder()
                .attribute_name("id")
                .key_type(aws_sdk_dynamodb::types::KeyType::Hash)
                .build()
                .expect("key schema"),
        )
        .send()
        .await
        .expect("table");

    Seeded {
        instance,
        volume,
        security_group: sg,
        database,
        function,
        alarm,
        key,
        log_group,
        table,
    }
}
