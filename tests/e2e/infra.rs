//! The CloudFormation templates in `infra/`: linted as their users lint them (cfn-lint), the
//! scan role granting exactly the read-only policy wellscan documents, no more and no less, and
//! the history table the one the store creates.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn infra() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../infra")
}

fn templates() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(infra())
        .expect("infra/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    found.sort();
    found
}

#[test]
fn the_scan_role_grants_exactly_the_documented_read_only_policy() {
    let template = std::fs::read_to_string(infra().join("scan-role.yaml")).expect("scan-role.yaml");
    let (_, policy) = template
        .split_once("PolicyName: wellscan-read-only")
        .expect("the role's read-only policy");
    let granted: BTreeSet<String> = policy
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter(|a| a.contains(':') && !a.contains(' '))
        .map(String::from)
        .collect();
    let documented = wellscan_testkit::iam_policy_actions();
    let missing: Vec<_> = documented.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "infra/scan-role.yaml lacks {missing:?} and grants beyond docs/iam-policy.json {extra:?}"
    );
    // Reads only; the one exception asks IAM to build the credential report it then reads.
    let writes: Vec<_> = granted
        .iter()
        .filter(|a| {
            let verb = a.split(':').nth(1).unwrap_or_default();
            *a != "iam:GenerateCredentialReport"
                && !["Describe", "List", "Get"]
                    .iter()
                    .any(|v| verb.starts_with(v))
        })
        .collect();
    assert!(writes.is_empty(), "the scan role may only read: {writes:?}");
}

#[test]
fn every_template_passes_cfn_lint() {
    let files = templates();
    assert!(!files.is_empty(), "no template in infra/");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--"];
    args.extend(files.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>));
    wellscan_testkit::lint("cfn-lint", &args);
}

/// A template as JSON, read by PyYAML (installed with moto) with CloudFormation's short tags
/// (`!Ref`, `!GetAtt`, `!Sub`) kept as `{"!Ref": value}`.
fn template_json(name: &str) -> serde_json::Value {
    let script = "import json, sys, yaml\n\
        class Loader(yaml.SafeLoader): pass\n\
        def tag(loader, suffix, node):\n\
        \x20   value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)\n\
        \x20   return {'!' + suffix: value}\n\
        Loader.add_multi_constructor('!', tag)\n\
        print(json.dumps(yaml.load(open(sys.argv[1]), Loader=Loader)))\n";
    let out = wellscan_testkit::output_within(
        Command::new(wellscan_testkit::python_path())
            .args(["-c", script])
            .arg(infra().join(name)),
        Duration::from_secs(60),
    )
    .unwrap_or_else(|e| panic!("reading {name} did not finish: {e:?}"));
    assert!(
        out.status.success(),
        "reading {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the template as JSON")
}

/// Key schema as `name:TYPE` pairs, and each index with its key schema and projection.
type TableShape = (Vec<String>, BTreeSet<String>, BTreeSet<String>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_history_table_in_the_template_is_the_one_the_store_creates() {
    let template = template_json("wellscan.yaml");
    let table = &template["Resources"]["HistoryTable"]["Properties"];
    let keys = |schema: &serde_json::Value| -> Vec<String> {
        schema
            .as_array()
            .into_iter()
            .flatten()
            .map(|k| {
                format!(
                    "{}:{}",
                    k["AttributeName"].as_str().unwrap_or(""),
                    k["KeyType"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    let declared: TableShape = (
        keys(&table["KeySchema"]),
        table["GlobalSecondaryIndexes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| {
                format!(
                    "{} {:?} {}",
                    i["IndexName"].as_str().unwrap_or(""),
                    keys(&i["KeySchema"]),
                    i["Projection"]["ProjectionType"].as_str().unwrap_or("")
                )
            })
            .collect(),
        table["AttributeDefinitions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                format!(
                    "{}:{}",
                    a["AttributeName"].as_str().unwrap_or(""),
                    a["AttributeType"].as_str().unwrap_or("")
                )
            })
            .collect(),
    );
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );

    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let sdk = wellscan_testkit::sdk_config(&moto.endpoint(), "us-east-1").await;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    wellscan_store::DynamoStore::new(client.clone(), "wellscan-history")
        .create_table()
        .await
        .expect("the store creates its table");
    let described = client
        .describe_table()
        .table_name("wellscan-history")
        .send()
        .await
        .expect("describe the table");
    let t = described.table().expect("a table");
    let sdk_keys = |schema: &[aws_sdk_dynamodb::types::KeySchemaElement]| -> Vec<String> {
        schema
            .iter()
            .map(|k| format!("{}:{}", k.attribute_name(), k.key_type().as_str()))
            .collect()
    };
    let created: TableShape = (
        sdk_keys(t.key_schema()),
        t.global_secondary_indexes()
            .iter()
            .map(|i| {
                format!(
                    "{} {:?} {}",
                    i.index_name().unwrap_or(""),
                    sdk_keys(i.key_schema()),
                    i.projection()
                        .and_then(|p| p.projection_type())
                        .map_or("", |p| p.as_str())
                )
            })
            .collect(),
        t.attribute_definitions()
            .iter()
            .map(|a| format!("{}:{}", a.attribute_name(), a.attribute_type().as_str()))
            .collect(),
    );
    assert_eq!(declared, created);
}
