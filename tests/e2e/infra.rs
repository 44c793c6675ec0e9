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
    // (API Gateway's reads are the HTTP method GET on its resource paths.)
    let writes: Vec<_> = granted
        .iter()
        .filter(|a| {
            let verb = a.split(':').nth(1).unwrap_or_default();
            *a != "iam:GenerateCredentialReport"
                && !["Describe", "List", "Get", "GET"]
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

#[test]
fn every_template_passes_checkov_and_every_skip_says_why() {
    let files = templates();
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &"--framework",
        &"cloudformation",
        &"--quiet",
        &"--compact",
        &"--skip-download",
    ];
    for f in &files {
        args.push(&"-f");
        args.push(f);
    }
    wellscan_testkit::lint("checkov", &args);
    for file in &files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let template = template_json(name);
        for (resource, body) in template["Resources"].as_object().into_iter().flatten() {
            for skip in body["Metadata"]["checkov"]["skip"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let why = skip["comment"].as_str().unwrap_or_default();
                assert!(
                    why.split_whitespace().count() >= 8,
                    "{name}: {resource} skips {} without saying why",
                    skip["id"]
                );
            }
        }
    }
}

/// Every state a `States` map names exists, every state can be reached from `StartAt`, and
/// every state ends or goes on; Map states' processors are held to the same, recursively.
fn check_states(machine: &serde_json::Value, path: &str) -> Vec<String> {
    let states = machine["States"]
        .as_object()
        .unwrap_or_else(|| panic!("{path}: no States"));
    let start = machine["StartAt"].as_str().expect("StartAt");
    assert!(
        states.contains_key(start),
        "{path}: StartAt {start} is not a state"
    );
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut next = vec![start.to_string()];
    let mut types = Vec::new();
    while let Some(name) = next.pop() {
        let state = &states[&name];
        let kind = state["Type"].as_str().expect("Type");
        types.push(format!("{path}{name}:{kind}"));
        let mut targets: Vec<&str> = Vec::new();
        targets.extend(state["Next"].as_str());
        targets.extend(state["Default"].as_str());
        for choice in state["Choices"].as_array().into_iter().flatten() {
            targets.extend(choice["Next"].as_str());
        }
        for catch in state["Catch"].as_array().into_iter().flatten() {
            targets.extend(catch["Next"].as_str());
        }
        let ends = state["End"] == true || matches!(kind, "Succeed" | "Fail" | "Choice");
        assert!(
            ends || state["Next"].is_string(),
            "{path}{name} neither ends nor goes on"
        );
        if kind == "Choice" {
            assert!(
                state["Choices"].as_array().is_some_and(|c| !c.is_empty()),
                "{path}{name}: a choice without choices"
            );
        }
        for target in targets {
            assert!(
                states.contains_key(target),
                "{path}{name} goes to {target}, which is not a state"
            );
            if seen.insert(target.to_string()) {
                next.push(target.to_string());
            }
        }
        if kind == "Map" {
            types.extend(check_states(
                &state["ItemProcessor"],
                &format!("{path}{name}/"),
            ));
        }
    }
    let unreachable: Vec<&String> = states.keys().filter(|k| !seen.contains(*k)).collect();
    assert!(
        unreachable.is_empty(),
        "{path}: unreachable {unreachable:?}"
    );
    types
}

#[test]
fn the_organisation_state_machine_scans_each_account_then_rolls_up() {
    // cfn-lint (above) holds the definition to the ASL schema (E3601); this holds its graph and
    // what each task runs.
    let template = template_json("wellscan.yaml");
    let machine = &template["Resources"]["OrgStateMachine"]["Properties"];
    let mut text = machine["DefinitionString"]
        .as_str()
        .expect("the definition")
        .to_string();
    let substitutions = machine["DefinitionSubstitutions"]
        .as_object()
        .expect("substitutions");
    for key in substitutions.keys() {
        text = text.replace(&format!("${{{key}}}"), "x");
    }
    assert!(!text.contains("${"), "a placeholder without a substitution");
    let definition: serde_json::Value =
        serde_json::from_str(&text).expect("the definition is JSON");
    let states = check_states(&definition, "");
    for expected in [
        "FirstPage:Task",
        "NextPage:Task",
        "ScanPage:Map",
        "ScanPage/ScanAccount:Task",
        "ScanPage/AccountFailed:Pass",
        "Rollup:Task",
    ] {
        assert!(
            states.iter().any(|s| s == expected),
            "{expected} in {states:?}"
        );
    }
    let map = &definition["States"]["ScanPage"];
    assert_eq!(
        map["ItemProcessor"]["ProcessorConfig"]["Mode"],
        "DISTRIBUTED"
    );
    assert!(map["MaxConcurrencyPath"].is_string() || map["MaxConcurrency"].is_number());
    let scan = &map["ItemProcessor"]["States"]["ScanAccount"];
    assert_eq!(scan["Resource"], "arn:aws:states:::ecs:runTask.sync");
    assert!(scan["Retry"].as_array().is_some_and(|r| !r.is_empty()));
    assert_eq!(scan["Catch"][0]["ErrorEquals"][0], "States.ALL");
    let command = scan["Parameters"]["Overrides"]["ContainerOverrides"][0]["Command.$"]
        .as_str()
        .expect("the account task's command");
    assert!(command.contains("'scan', '--account', $.Id"), "{command}");
    let rollup = definition["States"]["Rollup"]["Parameters"]["Overrides"]["ContainerOverrides"][0]
        ["Command.$"]
        .as_str()
        .expect("the rollup's command");
    assert!(
        rollup.contains("'org', 'rollup', '--since', $$.Execution.StartTime"),
        "{rollup}"
    );
    // The rollup leaves out what the Map left out, and never reads the parameter's `none` as
    // an account.
    let rollup_excluded = &substitutions["RollupExcluded"]["!If"];
    assert_eq!(rollup_excluded[0], "Excludes");
    assert_eq!(rollup_excluded[2], "");
    assert!(text.contains(r#""Name": "WELLSCAN_EXCLUDE", "Value": "x""#));
}

#[test]
fn the_deployment_holds_the_scheduler_the_task_the_roles_the_table_and_the_bucket() {
    let template = template_json("wellscan.yaml");
    let resources = template["Resources"].as_object().expect("resources");
    let of_type = |t: &str| -> Vec<&String> {
        resources
            .iter()
            .filter(|(_, r)| r["Type"] == t)
            .map(|(name, _)| name)
            .collect()
    };
    for t in [
        "AWS::S3::Bucket",
        "AWS::DynamoDB::Table",
        "AWS::ECS::Cluster",
        "AWS::ECS::Service",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::Logs::LogGroup",
        "AWS::StepFunctions::StateMachine",
        "AWS::SNS::Topic",
    ] {
        assert_eq!(of_type(t).len(), 1, "one {t}");
    }
    assert_eq!(
        of_type("AWS::Scheduler::Schedule").len(),
        2,
        "a schedule per mode"
    );
    assert_eq!(
        of_type("AWS::ECS::TaskDefinition").len(),
        2,
        "the scan task and the service's"
    );
    let task = &resources["TaskDefinition"]["Properties"];
    assert_eq!(task["RequiresCompatibilities"][0], "FARGATE");
    let container = &task["ContainerDefinitions"][0];
    assert_eq!(container["ReadonlyRootFilesystem"], true);
    assert_eq!(container["User"], "65532:65532");
    assert!(
        container["Secrets"][0]["Name"] == "WELLSCAN_EXTERNAL_ID",
        "the external id comes from Secrets Manager, never the task definition"
    );
    assert!(resources["LogGroup"]["Properties"]["RetentionInDays"].is_object());

    // The task role reads no account itself: it assumes the scan roles, by name only.
    let task_role = serde_json::to_string(&resources["TaskRole"]).expect("JSON");
    for never in [
        "\"*:*\"",
        "iam:*",
        "s3:*",
        "dynamodb:*",
        "AdministratorAccess",
        "ReadOnlyAccess",
    ] {
        assert!(!task_role.contains(never), "the task role grants {never}");
    }
    assert!(
        task_role.contains("iam::*:role/${ScanRoleName}"),
        "{task_role}"
    );
}

/// `ScanSummaries=true` sends every scan's summary to the alerts topic: the scan task gets
/// `WELLSCAN_NOTIFY` naming the topic and the task role may publish to that topic alone; left
/// at its default, the task has neither.
#[test]
fn scan_summaries_go_to_the_alerts_topic_only_when_asked() {
    let template = template_json("wellscan.yaml");
    let parameter = &template["Parameters"]["ScanSummaries"];
    assert_eq!(parameter["Default"], "false");
    assert_eq!(
        template["Conditions"]["SendsSummaries"],
        serde_json::json!({"!Equals": [{"!Ref": "ScanSummaries"}, "true"]})
    );
    let resources = &template["Resources"];

    // The entries of `list` that mention `needle`: exactly `entry`, and only under the condition.
    let only_when_asked = |list: &serde_json::Value, needle: &str, entry: serde_json::Value| {
        let mentions: Vec<&serde_json::Value> = list
            .as_array()
            .expect("a list")
            .iter()
            .filter(|e| e.to_string().contains(needle))
            .collect();
        let expected =
            serde_json::json!({"!If": ["SendsSummaries", entry, {"!Ref": "AWS::NoValue"}]});
        assert_eq!(mentions, [&expected], "{needle}");
    };
    only_when_asked(
        &resources["TaskDefinition"]["Properties"]["ContainerDefinitions"][0]["Environment"],
        "WELLSCAN_NOTIFY",
        serde_json::json!({"Name": "WELLSCAN_NOTIFY", "Value": {"!Sub": "sns:${AlertsTopic}"}}),
    );
    let statements =
        &resources["TaskRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    // Publish to the alerts topic only.
    only_when_asked(
        statements,
        "sns:",
        serde_json::json!({"Sid": "SummariseEachScan", "Effect": "Allow", "Action": "sns:Publish",
                           "Resource": {"!Ref": "AlertsTopic"}}),
    );

    // The topic is encrypted with the reports key; the role that publishes must open it.
    assert_eq!(
        resources["AlertsTopic"]["Properties"]["KmsMasterKeyId"],
        serde_json::json!({"!Ref": "ReportsKey"})
    );
    let key_grant = statements
        .as_array()
        .expect("the task role's statements")
        .iter()
        .find(|s| s["Sid"] == "EncryptTheReports")
        .expect("EncryptTheReports");
    assert!(key_grant["Condition"].is_null(), "{key_grant}");
    for action in ["kms:GenerateDataKey", "kms:Decrypt"] {
        assert!(
            key_grant["Action"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == action)),
            "{action} on the reports key"
        );
    }
}

#[test]
fn the_service_runs_one_draining_task_behind_https_with_people_signed_in_by_the_issuer() {
    let template = template_json("wellscan.yaml");
    let resources = &template["Resources"];
    let service = &resources["Service"]["Properties"];
    assert_eq!(
        service["DesiredCount"], 1,
        "the scan queue is in the process"
    );
    let deployment = &service["DeploymentConfiguration"];
    assert_eq!(
        (
            &deployment["MinimumHealthyPercent"],
            &deployment["MaximumPercent"]
        ),
        (&serde_json::json!(0), &serde_json::json!(100)),
        "a deployment stops the old task before it starts the new one"
    );
    assert_eq!(service["LoadBalancers"][0]["ContainerPort"], 8080);

    let task = &resources["ServiceTaskDefinition"]["Properties"];
    assert_eq!(
        task["TaskRoleArn"]["!GetAtt"], "TaskRole.Arn",
        "the one principal the scan roles trust"
    );
    let container = &task["ContainerDefinitions"][0];
    assert_eq!(container["Command"], serde_json::json!(["serve"]));
    assert_eq!(container["ReadonlyRootFilesystem"], true);
    assert_eq!(container["User"], "65532:65532");
    let env: std::collections::BTreeMap<String, String> = container["Environment"]
        .as_array()
        .expect("environment")
        .iter()
        .filter_map(|v| {
            let name = v["Name"].as_str()?;
            let value = match &v["Value"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some((name.to_string(), value))
        })
        .collect();
    assert_eq!(env["WELLSCAN_LISTEN"], "0.0.0.0:8080");
    assert_eq!(env["WELLSCAN_HTTPS"], "true");
    assert!(env["WELLSCAN_STORE"].contains("dynamodb://"), "{env:?}");
    for oidc in [
        "WELLSCAN_OIDC_ISSUER",
        "WELLSCAN_OIDC_AUDIENCE",
        "WELLSCAN_OIDC_CLIENT_ID",
    ] {
        assert!(env.contains_key(oidc), "{oidc} in {env:?}");
    }
    let deadline: u64 = env["WELLSCAN_SHUTDOWN_DEADLINE"].parse().expect("seconds");
    let stop: u64 = container["StopTimeout"].as_u64().expect("StopTimeout");
    assert!(
        deadline < stop && stop <= 120,
        "scans drain within the deadline ({deadline} s) before Fargate's kill ({stop} s)"
    );
    let rule = serde_json::to_string(&template["Rules"]).expect("JSON");
    assert!(
        rule.contains("OidcIssuer") && rule.contains("OidcClientId"),
        "no service without an issuer: {rule}"
    );

    let health = &resources["ServiceTargetGroup"]["Properties"];
    assert_eq!(health["HealthCheckPath"], "/readyz");
    assert_eq!(health["Port"], 8080);
    let listener = &resources["ServiceListener"]["Properties"];
    assert_eq!(
        (&listener["Protocol"], &listener["Port"]),
        (&serde_json::json!("HTTPS"), &serde_json::json!(443))
    );
    assert!(
        listener["SslPolicy"]
            .as_str()
            .is_some_and(|p| p.contains("TLS13")),
        "{listener}"
    );
    let ingress = resources["ServiceSecurityGroup"]["Properties"]["SecurityGroupIngress"]
        .as_array()
        .expect("ingress");
    assert!(
        ingress
            .iter()
            .all(
                |rule| rule["SourceSecurityGroupId"]["!Ref"] == "LoadBalancerSecurityGroup"
                    && rule["CidrIp"].is_null()
            ),
        "only the load balancer reaches the task: {ingress:?}"
    );
}

/// What moto's CloudFormation cannot create (`tests/e2e/deploy_on_moto.py` leaves them out).
const LEFT_OUT_ON_MOTO: [&str; 6] = [
    "AWS::S3::BucketPolicy",
    "AWS::SNS::Subscription",
    "AWS::SNS::TopicPolicy",
    "AWS::Scheduler::Schedule",
    "AWS::Scheduler::ScheduleGroup",
    "AWS::SecretsManager::Secret",
];

/// Findings on the deployment that are moto's, not the template's: moto's CloudFormation
/// creates the bucket without its Block Public Access settings and the table without
/// point-in-time recovery, and cannot create the bucket policy that refuses plain HTTP.
const MOTO_GAPS: [&str; 3] = [
    "s3.public_access_block_off",
    "dynamodb.pitr_off",
    "s3.bucket_not_tls_only",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wellscan_scans_its_own_deployment_on_moto_without_a_high_or_critical_finding() {
    // moto starts no task for a service unless told how many run; ECS runs the one desired.
    let moto = wellscan_testkit::MotoServer::start_with_env(&[("MOTO_ECS_SERVICE_RUNNING", "1")])
        .expect("moto starts");
    let endpoint = moto.endpoint();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e/deploy_on_moto.py");
    let out = wellscan_testkit::output_within(
        Command::new(wellscan_testkit::python_path())
            .arg(&script)
            .arg(infra().join("wellscan.yaml"))
            .arg(&endpoint),
        Duration::from_secs(180),
    )
    .unwrap_or_else(|e| panic!("deploying on moto did not finish: {e:?}"));
    assert!(
        out.status.success(),
        "deploying on moto: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stack: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the stack as JSON");
    assert_eq!(stack["status"], "CREATE_COMPLETE", "{stack}");
    assert_eq!(stack["left_out"], serde_json::json!(LEFT_OUT_ON_MOTO));
    let physical: Vec<String> = stack["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .filter_map(|r| r["physical"].as_str())
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();

    let sdk = wellscan_testkit::sdk_config(&endpoint, "us-east-1").await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let drain = tokio::spawn(async move { while rx.recv().await.is_some() {} });
    let options = wellscan_scanner::Options {
        regions: Some(vec!["us-east-1".to_string()]),
        ..wellscan_scanner::Options::default()
    };
    let scanned = wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("the scan");
    drop(tx);
    let _ = drain.await;
    let inventory = scanned.inventory;
    assert!(
        inventory.coverage_gaps.is_empty(),
        "{:#?}",
        inventory.coverage_gaps
    );
    let ours = |id: &str, arn: &str| {
        physical.iter().any(|p| {
            id == p
                || arn == p
                || arn.ends_with(&format!("/{p}"))
                || arn.ends_with(&format!(":{p}"))
        })
    };
    let deployed: Vec<&wellscan_model::Resource> = inventory
        .resources
        .iter()
        .filter(|r| ours(r.id(), r.arn()))
        .collect();
    let kinds: BTreeSet<&str> = deployed.iter().map(|r| r.kind().id()).collect();
    for kind in [
        "s3_bucket",
        "kms_key",
        "dynamodb_table",
        "log_group",
        "iam_role",
        "sns_topic",
        "security_group",
        "load_balancer",
    ] {
        assert!(
            kinds.contains(kind),
            "the scan did not see the deployment's {kind}: {kinds:?}"
        );
    }
    let ids: BTreeSet<&str> = deployed.iter().map(|r| r.id()).collect();

    let checked = wellscan_checks::run(
        &inventory,
        &wellscan_checks::Config::default(),
        wellscan_checks::PriceTable::embedded(),
    );
    let on_deployment: Vec<&wellscan_model::Finding> = checked
        .findings
        .iter()
        .filter(|f| ids.contains(f.resource_id.as_str()))
        .collect();
    let serious: Vec<String> = on_deployment
        .iter()
        .filter(|f| f.severity >= wellscan_model::Severity::High)
        .map(|f| format!("{} {} {}", f.severity, f.check_id, f.resource_id))
        .collect();
    assert!(
        serious.is_empty(),
        "wellscan's own deployment: {serious:#?}"
    );
    let medium: Vec<String> = on_deployment
        .iter()
        .filter(|f| f.severity == wellscan_model::Severity::Medium)
        .filter(|f| !MOTO_GAPS.contains(&f.check_id.as_str()))
        .map(|f| format!("{} {}", f.check_id, f.resource_id))
        .collect();
    assert!(
        medium.is_empty(),
        "medium findings that are not moto's: {medium:#?}"
    );
}
