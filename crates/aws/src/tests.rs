//! Where a built client sends its calls: each test records the request a call is about to
//! send (the port behind it refuses, which ends the call), so no network is needed.

use std::sync::{Arc, Mutex};

use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_types::SdkConfig;
use aws_types::origin::Origin;
use aws_types::os_shim_internal::Env;

use crate::Clients;

/// A port nothing listens on: every call fails at connect, after it was recorded.
const SHARED: &str = "http://127.0.0.1:9";

/// The URI and the authorization header of the requests each client was about to send.
#[derive(Debug, Clone, Default)]
struct Sent(Arc<Mutex<Vec<(String, String)>>>);

impl Sent {
    fn take(&self) -> Vec<String> {
        self.take_signed().into_iter().map(|(uri, _)| uri).collect()
    }

    fn take_signed(&self) -> Vec<(String, String)> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Intercept for Sent {
    fn name(&self) -> &'static str {
        "sent"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request();
        let uri = request.uri().to_string();
        let authorization = request
            .headers()
            .get("authorization")
            .unwrap_or_default()
            .to_string();
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((uri, authorization));
        // Failing here ends the call before it touches the network.
        Err("recorded".into())
    }
}

/// Per-service endpoint variables (`AWS_ENDPOINT_URL_S3`), without touching the process's.
fn own(vars: &[(&str, &str)]) -> Env {
    Env::from_slice(vars)
}

/// A loaded configuration; `shared` is set as `--endpoint-url` sets it, in code, which the
/// SDK alone would let win over every service's own variable.
fn sdk(shared: Option<&str>) -> SdkConfig {
    let mut builder =
        SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(
                    Credentials::from_keys("AKIAWELLSCANTEST0000", "wellscan-test-secret", None),
                ),
            );
    if let Some(url) = shared {
        builder = builder.endpoint_url(url);
        builder.insert_origin("endpoint_url", Origin::shared_config());
    }
    builder.build()
}

fn clients(shared: Option<&str>, env: Env) -> (Clients, Sent) {
    let sent = Sent::default();
    let clients = Clients::new(sdk(shared))
        .with_env(env)
        .intercepted(sent.clone());
    (clients, sent)
}

#[tokio::test]
async fn a_client_goes_to_the_region_asked_for_and_through_the_interceptor() {
    let (clients, sent) = clients(None, own(&[]));
    let _ = clients
        .client_in::<crate::query::Client<crate::query::Ec2>>("eu-west-3")
        .call("DescribeVpcs", &[])
        .await;
    let _ = clients
        .client::<aws_sdk_dynamodb::Client>()
        .list_tables()
        .send()
        .await;
    let sent = sent.take();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[0].starts_with("https://ec2.eu-west-3.amazonaws.com"),
        "{sent:?}"
    );
    assert!(
        sent[1].starts_with("https://dynamodb.us-east-1.amazonaws.com"),
        "{sent:?}"
    );
}

#[tokio::test]
async fn a_services_own_endpoint_wins_over_the_shared_one() {
    let env = own(&[
        ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:19"),
        ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:29"),
    ]);
    let (clients, sent) = clients(Some(SHARED), env);
    let _ = clients
        .client::<aws_sdk_dynamodb::Client>()
        .list_tables()
        .send()
        .await;
    let _ = clients
        .client_in::<aws_sdk_bedrockruntime::Client>("eu-central-1")
        .converse()
        .model_id("m")
        .send()
        .await;
    let _ = clients
        .client::<crate::json::Client<crate::json::Kms>>()
        .call("ListKeys", &serde_json::Value::Null)
        .await;
    let sent = sent.take();
    assert!(sent[0].starts_with("http://127.0.0.1:19"), "{sent:?}");
    assert!(sent[1].starts_with("http://127.0.0.1:29"), "{sent:?}");
    assert!(sent[2].starts_with(SHARED), "{sent:?}");
}

#[tokio::test]
async fn s3_is_path_style_behind_a_custom_endpoint_and_virtual_hosted_on_aws() {
    for (shared, own, expected) in [
        (Some(SHARED), own(&[]), "http://127.0.0.1:9/reports/"),
        (
            None,
            own(&[("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:19")]),
            "http://127.0.0.1:19/reports/",
        ),
        (
            None,
            own(&[]),
            "https://reports.s3.us-east-1.amazonaws.com/",
        ),
    ] {
        let (clients, sent) = clients(shared, own);
        let _ = clients
            .client::<aws_sdk_s3::Client>()
            .list_objects_v2()
            .bucket("reports")
            .send()
            .await;
        let sent = sent.take();
        assert!(sent[0].starts_with(expected), "{expected}: {sent:?}");
    }
}

#[tokio::test]
async fn s3_control_goes_to_a_custom_endpoint_as_is_and_to_the_account_host_on_aws() {
    for (shared, own, expected) in [
        (Some(SHARED), own(&[]), "http://127.0.0.1:9/v20180820/"),
        (
            Some(SHARED),
            own(&[("AWS_ENDPOINT_URL_S3_CONTROL", "http://127.0.0.1:19")]),
            "http://127.0.0.1:19/v20180820/",
        ),
        (
            None,
            own(&[]),
            "https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/",
        ),
    ] {
        let (clients, sent) = clients(shared, own);
        let _ = clients
            .client::<aws_sdk_s3control::Client>()
            .get_public_access_block()
            .account_id("123456789012")
            .send()
            .await;
        let sent = sent.take();
        assert!(sent[0].starts_with(expected), "{expected}: {sent:?}");
    }
}

#[tokio::test]
async fn ec2_calls_are_signed_for_ec2_in_their_region_and_follow_the_endpoint_settings() {
    let (regional, sent) = clients(None, own(&[]));
    for region in ["ap-southeast-2", "cn-north-1"] {
        let _ = regional
            .client_in::<crate::query::Client<crate::query::Ec2>>(region)
            .call("DescribeVpcs", &[])
            .await;
    }
    let sent = sent.take_signed();
    assert_eq!(sent[0].0, "https://ec2.ap-southeast-2.amazonaws.com/");
    assert!(
        sent[0].1.contains("/ap-southeast-2/ec2/aws4_request"),
        "{sent:?}"
    );
    assert_eq!(sent[1].0, "https://ec2.cn-north-1.amazonaws.com.cn/");

    let (own_endpoint, sent) = clients(
        Some(SHARED),
        own(&[("AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:19")]),
    );
    let _ = own_endpoint
        .client::<crate::query::Client<crate::query::Ec2>>()
        .call("DescribeVpcs", &[])
        .await;
    let (shared, sent_shared) = clients(Some(SHARED), own(&[]));
    let _ = shared
        .client::<crate::query::Client<crate::query::Ec2>>()
        .call("DescribeVpcs", &[])
        .await;
    assert_eq!(sent.take(), ["http://127.0.0.1:19/"]);
    assert_eq!(sent_shared.take(), ["http://127.0.0.1:9/"]);
}

#[tokio::test]
async fn each_query_service_goes_to_its_host_and_signs_for_its_name() {
    use crate::query::{Client, CloudWatch, Elbv2, Iam, Rds};
    let (regional, sent) = clients(None, own(&[]));
    for region in ["eu-west-1", "cn-northwest-1", "us-gov-east-1"] {
        let _ = regional
            .client_in::<Client<Iam>>(region)
            .call("ListUsers", &[])
            .await;
    }
    let _ = regional
        .client_in::<Client<CloudWatch>>("eu-west-1")
        .call("GetMetricData", &[])
        .await;
    let _ = regional
        .client_in::<Client<Elbv2>>("sa-east-1")
        .call("DescribeLoadBalancers", &[])
        .await;
    let expected = [
        ("https://iam.amazonaws.com/", "/us-east-1/iam/aws4_request"),
        (
            "https://iam.cn-north-1.amazonaws.com.cn/",
            "/cn-north-1/iam/aws4_request",
        ),
        (
            "https://iam.us-gov.amazonaws.com/",
            "/us-gov-west-1/iam/aws4_request",
        ),
        (
            "https://monitoring.eu-west-1.amazonaws.com/",
            "/eu-west-1/monitoring/aws4_request",
        ),
        (
            "https://elasticloadbalancing.sa-east-1.amazonaws.com/",
            "/sa-east-1/elasticloadbalancing/aws4_request",
        ),
    ];
    assert_signed(&sent, &expected);

    let (own_endpoint, sent) = clients(
        Some(SHARED),
        own(&[(
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
            "http://127.0.0.1:19",
        )]),
    );
    let _ = own_endpoint
        .client::<Client<Elbv2>>()
        .call("DescribeLoadBalancers", &[])
        .await;
    let _ = own_endpoint
        .client::<Client<Rds>>()
        .call("DescribeDBInstances", &[])
        .await;
    assert_eq!(sent.take(), ["http://127.0.0.1:19/", "http://127.0.0.1:9/"]);
}

#[tokio::test]
async fn a_query_services_answer_is_its_result_and_its_refusal_keeps_its_code() {
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    use crate::query::{Client, Iam, Sns};

    let refusing = answering(
        "403 Forbidden",
        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: iam:ListUsers</Message></Error><RequestId>r</RequestId></ErrorResponse>",
    );
    let client = Clients::new(sdk(Some(&refusing))).client::<Client<Iam>>();
    match client.call("ListUsers", &[]).await {
        Err(SdkError::ServiceError(e)) => {
            assert_eq!(e.err().code(), Some("AccessDenied"));
            assert_eq!(e.raw().status().as_u16(), 403);
        }
        other => panic!("expected IAM's refusal, got {other:?}"),
    }

    let answering_well = answering(
        "200 OK",
        "<ListTopicsResponse><ListTopicsResult><Topics><member><TopicArn>arn:aws:sns:us-east-1:123456789012:アラート</TopicArn></member></Topics></ListTopicsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListTopicsResponse>",
    );
    let client = Clients::new(sdk(Some(&answering_well))).client::<Client<Sns>>();
    let answer = client.call("ListTopics", &[]).await.expect("an answer");
    let topics: Vec<&str> = answer
        .items("Topics")
        .filter_map(|t| t.text("TopicArn"))
        .collect();
    assert_eq!(topics, ["arn:aws:sns:us-east-1:123456789012:アラート"]);
}

/// Each request went to its host, signed with its credential scope, in order.
fn assert_signed(sent: &Sent, expected: &[(&str, &str)]) {
    let sent = sent.take_signed();
    assert_eq!(sent.len(), expected.len(), "{sent:?}");
    for ((uri, authorization), (host, scope)) in sent.iter().zip(expected) {
        assert_eq!(uri, host);
        assert!(authorization.contains(scope), "{authorization}: {scope}");
    }
}

/// A loopback server that answers every request with `status` and `body`, as EC2 would.
fn answering(status: &'static str, body: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for mut socket in listener.incoming().flatten() {
            let mut request = vec![0u8; 16 * 1024];
            let _ = socket.read(&mut request);
            let answer = format!(
                "HTTP/1.1 {status}\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(answer.as_bytes());
        }
    });
    url
}

#[tokio::test]
async fn ec2_refusals_keep_their_code_and_a_garbled_answer_is_an_error() {
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    let refusing = answering(
        "403 Forbidden",
        "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>",
    );
    let client =
        Clients::new(sdk(Some(&refusing))).client::<crate::query::Client<crate::query::Ec2>>();
    match client.call("DescribeInstances", &[]).await {
        Err(SdkError::ServiceError(e)) => {
            assert_eq!(e.err().code(), Some("UnauthorizedOperation"));
            assert_eq!(e.raw().status().as_u16(), 403);
        }
        other => panic!("expected EC2's refusal, got {other:?}"),
    }

    let garbled = answering("200 OK", "<DescribeInstancesResponse><reservationSet>");
    let client =
        Clients::new(sdk(Some(&garbled))).client::<crate::query::Client<crate::query::Ec2>>();
    let answer = client.call("DescribeInstances", &[]).await;
    assert!(
        matches!(answer, Err(SdkError::ResponseError(_))),
        "{answer:?}"
    );

    let answering_well = answering(
        "200 OK",
        "<DescribeRegionsResponse><regionInfo><item><regionName>eu-west-3</regionName></item></regionInfo></DescribeRegionsResponse>",
    );
    let client = Clients::new(sdk(Some(&answering_well)))
        .client::<crate::query::Client<crate::query::Ec2>>();
    let answer = client
        .call("DescribeRegions", &[("AllRegions", "true")])
        .await
        .expect("an answer");
    let regions: Vec<&str> = answer
        .items("regionInfo")
        .filter_map(|r| r.text("regionName"))
        .collect();
    assert_eq!(regions, ["eu-west-3"]);
}

/// A client that counts how often it was built.
#[derive(Debug, Clone)]
struct Counted(Option<String>);

static COUNTED_BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl crate::Service for Counted {
    fn build(_clients: &Clients, region: Option<&str>) -> Counted {
        COUNTED_BUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Counted(region.map(str::to_string))
    }
}

#[test]
fn a_client_is_built_once_per_region_and_shared_by_every_copy() {
    let clients = Clients::new(sdk(None));
    let copy = clients.clone();
    let first = clients.client_in::<Counted>("eu-west-1");
    let again = copy.client_in::<Counted>("eu-west-1");
    let elsewhere = copy.client_in::<Counted>("ap-northeast-1");
    let configured = clients.client::<Counted>();
    assert_eq!(first.0.as_deref(), Some("eu-west-1"));
    assert_eq!(again.0.as_deref(), Some("eu-west-1"));
    assert_eq!(elsewhere.0.as_deref(), Some("ap-northeast-1"));
    assert_eq!(configured.0, None);
    assert_eq!(
        COUNTED_BUILDS.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "one build per region, none for the second ask"
    );
}

#[tokio::test]
async fn clients_built_before_an_interceptor_was_added_are_not_handed_out_after() {
    let plain = Clients::new(sdk(Some(SHARED)));
    let _ = plain.client::<aws_sdk_dynamodb::Client>();
    let sent = Sent::default();
    let intercepted = plain.intercepted(sent.clone());
    let _ = intercepted
        .client::<aws_sdk_dynamodb::Client>()
        .list_tables()
        .send()
        .await;
    assert_eq!(
        sent.take().len(),
        1,
        "the call went through the interceptor"
    );
}

#[tokio::test]
async fn each_json_service_goes_to_its_host_and_signs_for_its_name() {
    use crate::json::{Client, CloudTrail, CloudWatchLogs, Config, Ssm};
    let (regional, sent) = clients(None, own(&[]));
    let none = serde_json::Value::Null;
    let _ = regional
        .client_in::<Client<Ssm>>("eu-west-1")
        .call("DescribeInstanceInformation", &none)
        .await;
    let _ = regional
        .client_in::<Client<CloudWatchLogs>>("cn-north-1")
        .call("DescribeLogGroups", &none)
        .await;
    let _ = regional
        .client_in::<Client<Config>>("ap-south-1")
        .call("DescribeConfigurationRecorders", &none)
        .await;
    let expected = [
        (
            "https://ssm.eu-west-1.amazonaws.com/",
            "/eu-west-1/ssm/aws4_request",
        ),
        (
            "https://logs.cn-north-1.amazonaws.com.cn/",
            "/cn-north-1/logs/aws4_request",
        ),
        (
            "https://config.ap-south-1.amazonaws.com/",
            "/ap-south-1/config/aws4_request",
        ),
    ];
    assert_signed(&sent, &expected);

    let (own_endpoint, sent) = clients(
        Some(SHARED),
        own(&[("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:19")]),
    );
    let _ = own_endpoint
        .client::<Client<CloudWatchLogs>>()
        .call("DescribeLogGroups", &none)
        .await;
    let _ = own_endpoint
        .client::<Client<CloudTrail>>()
        .call("DescribeTrails", &none)
        .await;
    assert_eq!(sent.take(), ["http://127.0.0.1:19/", "http://127.0.0.1:9/"]);
}

/// A loopback server that answers one request with `status`, `headers` and `body`, and hands
/// over the request it read.
fn recording(
    status: &'static str,
    headers: &'static str,
    body: &'static str,
) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Some(mut socket) = listener.incoming().flatten().next() {
            // The head, then as much body as it announces: the two may arrive apart.
            let mut request = Vec::new();
            let mut chunk = [0u8; 16 * 1024];
            while !whole_request(&request) {
                match socket.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&chunk[..n]),
                }
            }
            let _ = tx.send(String::from_utf8_lossy(&request).into_owned());
            let answer = format!(
                "HTTP/1.1 {status}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(answer.as_bytes());
        }
    });
    (url, rx)
}

/// Whether `request` holds a whole HTTP/1.1 request: its head and its `content-length` bytes.
fn whole_request(request: &[u8]) -> bool {
    let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    request.len() >= end + 4 + length
}

#[tokio::test]
async fn a_json_call_names_its_operation_and_its_refusal_keeps_its_code() {
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    use crate::json::{Client, CloudWatchLogs, Ssm};

    let (url, request) = recording(
        "200 OK",
        "content-type: application/x-amz-json-1.1\r\n",
        r#"{"logGroups":[{"logGroupName":"/アプリ/ログ","retentionInDays":30}]}"#,
    );
    let client = Clients::new(sdk(Some(&url))).client::<Client<CloudWatchLogs>>();
    let answer = client
        .call("DescribeLogGroups", &serde_json::json!({"limit": 5}))
        .await
        .expect("an answer");
    assert_eq!(answer["logGroups"][0]["logGroupName"], "/アプリ/ログ");
    let request = request.recv().expect("the request").to_ascii_lowercase();
    assert!(
        request.contains("x-amz-target: logs_20140328.describeloggroups\r\n"),
        "{request}"
    );
    assert!(
        request.contains("content-type: application/x-amz-json-1.1\r\n"),
        "{request}"
    );
    assert!(request.ends_with(r#"{"limit":5}"#), "{request}");

    let (url, _) = recording(
        "400 Bad Request",
        "content-type: application/x-amz-json-1.1\r\nx-amzn-requestid: r-1\r\n",
        r#"{"__type":"com.amazonaws.ssm#AccessDeniedException","message":"not authorized to perform: ssm:DescribeInstanceInformation"}"#,
    );
    let client = Clients::new(sdk(Some(&url))).client::<Client<Ssm>>();
    match client
        .call("DescribeInstanceInformation", &serde_json::Value::Null)
        .await
    {
        Err(SdkError::ServiceError(e)) => {
            assert_eq!(e.err().code(), Some("AccessDeniedException"));
            assert_eq!(e.raw().status().as_u16(), 400);
        }
        other => panic!("expected SSM's refusal, got {other:?}"),
    }

    let (url, _) = recording("200 OK", "", r#"{"InstanceInformationList": ["#);
    let client = Clients::new(sdk(Some(&url))).client::<Client<Ssm>>();
    let answer = client
        .call("DescribeInstanceInformation", &serde_json::Value::Null)
        .await;
    assert!(
        matches!(answer, Err(SdkError::ResponseError(_))),
        "{answer:?}"
    );
}

#[tokio::test]
async fn a_rest_call_goes_to_its_path_signed_for_its_service_and_keeps_its_refusal() {
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    use crate::rest::{Client, GuardDuty, SecurityHub, label};

    let (regional, sent) = clients(None, own(&[]));
    let _ = regional
        .client_in::<Client<GuardDuty>>("eu-north-1")
        .get(
            "GetDetector",
            &format!("/detector/{}", label("d-1 ウ")),
            &[],
        )
        .await;
    let _ = regional
        .client_in::<Client<SecurityHub>>("cn-north-1")
        .get("DescribeHub", "/accounts", &[])
        .await;
    assert_signed(
        &sent,
        &[
            (
                "https://guardduty.eu-north-1.amazonaws.com/detector/d-1%20%E3%82%A6",
                "/eu-north-1/guardduty/aws4_request",
            ),
            (
                "https://securityhub.cn-north-1.amazonaws.com.cn/accounts",
                "/cn-north-1/securityhub/aws4_request",
            ),
        ],
    );

    let (url, request) = recording(
        "200 OK",
        "content-type: application/json\r\n",
        r#"{"detectorIds":["d-1"],"nextToken":"t+2"}"#,
    );
    let client = Clients::new(sdk(Some(&url))).client::<Client<GuardDuty>>();
    let answer = client
        .page(
            "ListDetectors",
            "/detector",
            &[("maxResults", "50")],
            "nextToken",
            Some("t+1/=".into()),
        )
        .await
        .expect("an answer");
    assert_eq!(
        crate::json::next_token(&answer, "nextToken").as_deref(),
        Some("t+2")
    );
    let request = request.recv().expect("the request");
    assert!(
        request.starts_with("GET /detector?maxResults=50&nextToken=t%2B1%2F%3D HTTP/1.1\r\n"),
        "{request}"
    );
    // API Gateway answers HAL unless asked for JSON; every REST call asks.
    assert!(
        request
            .to_ascii_lowercase()
            .contains("\r\naccept: application/json\r\n"),
        "{request}"
    );

    // A write sends its document as JSON.
    let (url, request) = recording(
        "200 OK",
        "content-type: application/json\r\n",
        r#"{"FailedCount":0,"SuccessCount":1,"FailedFindings":[]}"#,
    );
    let client = Clients::new(sdk(Some(&url))).client::<Client<SecurityHub>>();
    let document = serde_json::json!({"Findings": [{"Id": "f-1", "Title": "公開バケット"}]});
    let answer = client
        .post("BatchImportFindings", "/findings/import", &document)
        .await
        .expect("an answer");
    assert_eq!(answer["SuccessCount"], 1);
    let request = request.recv().expect("the request");
    assert!(
        request.starts_with("POST /findings/import HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request
            .to_ascii_lowercase()
            .contains("\r\ncontent-type: application/json\r\n"),
        "{request}"
    );
    let body = request.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body).ok(),
        Some(document)
    );

    let (url, _) = recording(
        "401 Unauthorized",
        "x-amzn-errortype: InvalidAccessException:http://internal.amazon.com/coral/com.amazon.coral.service/\r\n",
        r#"{"Message":"Account 123456789012 is not subscribed to AWS Security Hub"}"#,
    );
    let client = Clients::new(sdk(Some(&url))).client::<Client<SecurityHub>>();
    match client.get("DescribeHub", "/accounts", &[]).await {
        Err(SdkError::ServiceError(e)) => {
            assert_eq!(e.err().code(), Some("InvalidAccessException"));
            assert_eq!(
                e.err().message(),
                Some("Account 123456789012 is not subscribed to AWS Security Hub")
            );
        }
        other => panic!("expected Security Hub's refusal, got {other:?}"),
    }
}
