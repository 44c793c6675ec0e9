//! `wellscan wa-tool sync` against the Well-Architected Tool fake (moto has no Tool): the
//! evidence answers all six pillars by question and choice id, a real sync creates the
//! workload, its answers and a milestone, a second one writes nothing, a person's choices and
//! notes without evidence stay, lens drift is refused, and a refused answer names its question.

use std::collections::BTreeSet;

use serde_json::Value;
use wellscan_testkit::{FakeWellArchitected, WaAnswer};

use crate::util::{Run, wellscan_env};

const WRITES: [&str; 3] = ["CreateWorkload", "UpdateAnswer", "CreateMilestone"];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

fn sync(fake: &FakeWellArchitected, extra: &[&str]) -> Run {
    let mut args = vec!["wa-tool", "sync", "--demo"];
    args.extend_from_slice(extra);
    wellscan_env(
        &args,
        &[("AWS_ENDPOINT_URL_WELLARCHITECTED", Some(&fake.endpoint()))],
    )
}

fn writes(fake: &FakeWellArchitected) -> usize {
    fake.calls()
        .iter()
        .filter(|c| WRITES.contains(&c.operation.as_str()))
        .count()
}

/// The answers of `wa-tool sync --demo --dry-run --json`.
fn dry_answers(fake: &FakeWellArchitected) -> Vec<Value> {
    let run = sync(fake, &["--dry-run", "--json"]);
    run.assert_code(0);
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    out["answers"].as_array().expect("answers").clone()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(String::from))
        .collect()
}

#[test]
fn a_dry_run_lists_answers_in_all_six_pillars_and_calls_no_api() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::start())
        .expect("fake");
    let answers = dry_answers(&fake);
    assert!(fake.calls().is_empty(), "{:?}", fake.calls());
    let pillars: BTreeSet<&str> = answers
        .iter()
        .filter_map(|a| a["pillar"].as_str())
        .collect();
    assert_eq!(
        pillars,
        BTreeSet::from([
            "costOptimization",
            "operationalExcellence",
            "performance",
            "reliability",
            "security",
            "sustainability"
        ])
    );
    for answer in &answers {
        let notes = answer["notes"].as_str().expect("notes");
        assert!(
            notes.starts_with("Evidence from wellscan scan demo-"),
            "{notes}"
        );
        assert!(notes.chars().count() <= 2084);
        let (selected, unselected) = (strings(&answer["selected"]), strings(&answer["unselected"]));
        assert!(!selected.is_empty() || !unselected.is_empty(), "{answer}");
        assert!(selected.is_disjoint(&unselected), "{answer}");
    }
    // A contradicted choice's note names the failing check and resources.
    let contradicted = answers
        .iter()
        .find(|a| !strings(&a["unselected"]).is_empty())
        .expect("the demo contradicts some choice");
    assert!(
        contradicted["notes"]
            .as_str()
            .unwrap_or_default()
            .contains(" failed on "),
        "{contradicted}"
    );
}

#[test]
fn a_sync_creates_the_workload_answers_and_milestone_and_a_second_writes_nothing() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::start())
        .expect("fake");
    let answers = dry_answers(&fake);

    let first = sync(&fake, &["--workload", "payments", "--region", "eu-west-1"]);
    first.assert_code(0);
    assert!(
        first.stdout.contains("Workload payments (created: "),
        "{}",
        first.stdout
    );
    let workloads = fake.workloads();
    assert_eq!(workloads.len(), 1);
    let workload = &workloads[0];
    for answer in &answers {
        let question = answer["question_id"].as_str().expect("question");
        let written = workload.answers.get(question).expect("answered");
        let selected: BTreeSet<String> = written.selected.iter().cloned().collect();
        assert!(
            strings(&answer["selected"]).is_subset(&selected),
            "{question}"
        );
        assert!(
            strings(&answer["unselected"]).is_disjoint(&selected),
            "{question}"
        );
        assert_eq!(
            written.notes,
            answer["notes"].as_str().expect("notes"),
            "{question}"
        );
    }
    assert_eq!(
        workload.answers.len(),
        answers.len(),
        "only questions with evidence"
    );
    assert_eq!(workload.milestones.len(), 1);
    assert!(workload.milestones[0].starts_with("wellscan demo-123456789012-"));
    assert!(
        first
            .stdout
            .contains(&format!("{} answers changed", answers.len())),
        "{}",
        first.stdout
    );
    // Every page of the review was read before anything was written.
    let calls = fake.calls();
    let first_write = calls
        .iter()
        .position(|c| c.operation == "UpdateAnswer")
        .expect("an update");
    let reads = calls[..first_write]
        .iter()
        .filter(|c| c.operation == "ListAnswers")
        .count();
    assert_eq!(reads, 2, "57 questions, 50 a page");

    let before = writes(&fake);
    let second = sync(&fake, &["--workload", "payments", "--region", "eu-west-1"]);
    second.assert_code(0);
    assert_eq!(writes(&fake), before, "a second sync writes nothing");
    assert!(second.stdout.contains("found: "), "{}", second.stdout);
    assert!(
        second.stdout.contains("0 answers changed"),
        "{}",
        second.stdout
    );
    assert!(
        second.stdout.contains("milestone exists: wellscan demo-"),
        "{}",
        second.stdout
    );
    assert_eq!(fake.workloads()[0].milestones.len(), 1);
}

#[test]
fn a_persons_choices_and_notes_without_evidence_stay_unless_overwrite() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::start())
        .expect("fake");
    let answers = dry_answers(&fake);
    let first = sync(&fake, &["--workload", "payments"]);
    first.assert_code(0);
    // A question the evidence speaks to, and a choice of it the evidence says nothing of.
    let answer = answers
        .iter()
        .find(|a| a["question_id"] == "permissions")
        .expect("evidence on permissions");
    let speaks: BTreeSet<String> = strings(&answer["selected"])
        .union(&strings(&answer["unselected"]))
        .cloned()
        .collect();
    let untouched = choice_without_evidence(&speaks);
    let person_notes = "Reviewed with the platform team — 本番 only.";
    fake.answer(
        "payments",
        "permissions",
        WaAnswer {
            selected: vec![untouched.clone()],
            notes: person_notes.into(),
        },
    );

    let kept = sync(&fake, &["--workload", "payments"]);
    kept.assert_code(0);
    let written = fake.workloads()[0].answers["permissions"].clone();
    assert!(written.selected.contains(&untouched), "{written:?}");
    assert!(
        written.notes.starts_with(person_notes)
            && written.notes.contains("Evidence from wellscan scan demo-"),
        "{}",
        written.notes
    );

    let overwritten = sync(&fake, &["--workload", "payments", "--overwrite"]);
    overwritten.assert_code(0);
    let written = fake.workloads()[0].answers["permissions"].clone();
    assert!(!written.selected.contains(&untouched), "{written:?}");
    assert!(!written.notes.contains(person_notes), "{}", written.notes);
}

/// A choice of `permissions` the evidence says nothing of.
fn choice_without_evidence(speaks: &BTreeSet<String>) -> String {
    [
        "sec_permissions_define",
        "sec_permissions_emergency_process",
        "sec_permissions_define_guardrails",
        "sec_permissions_lifecycle",
    ]
    .into_iter()
    .find(|c| !speaks.contains(*c))
    .expect("a choice without evidence")
    .to_string()
}

#[test]
fn a_lens_with_ids_wellscan_does_not_know_is_refused_before_anything_is_written() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::with_lens(|questions| {
            if let Some(q) = questions.iter_mut().find(|q| q.id == "permissions") {
                q.choices.push("sec_permissions_ai_agents".into());
            }
        }))
        .expect("fake");
    let run = sync(&fake, &["--workload", "payments"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("has ids wellscan's catalogue (lens 2024-06-27) does not know")
            && run
                .stderr
                .contains("choice sec_permissions_ai_agents of permissions"),
        "{}",
        run.stderr
    );
    let writes: Vec<String> = fake
        .calls()
        .into_iter()
        .filter(|c| WRITES.contains(&c.operation.as_str()))
        .map(|c| c.operation)
        .collect();
    assert_eq!(writes, ["CreateWorkload"], "no answer written");
}

#[test]
fn a_refused_answer_names_its_question_and_fails_the_run() {
    let runtime = runtime();
    // An older lens without a choice the evidence selects: the Tool refuses that answer.
    let answers = {
        let fake = runtime
            .block_on(FakeWellArchitected::start())
            .expect("fake");
        dry_answers(&fake)
    };
    let (question, choice) = answers
        .iter()
        .find_map(|a| {
            let first = strings(&a["selected"]).into_iter().next()?;
            Some((a["question_id"].as_str()?.to_string(), first))
        })
        .expect("a selected choice");
    let fake = runtime
        .block_on(FakeWellArchitected::with_lens(|questions| {
            if let Some(q) = questions.iter_mut().find(|q| q.id == question) {
                q.choices.retain(|c| *c != choice);
            }
        }))
        .expect("fake");
    let run = sync(&fake, &["--workload", "payments"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(&format!(
            "question {question}: UpdateAnswer: ValidationException"
        )) && run.stderr.contains(&choice),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("milestone skipped"), "{}", run.stdout);
    let workload = &fake.workloads()[0];
    assert!(workload.milestones.is_empty());
    assert!(
        workload.answers.len() + 1 >= answers.len(),
        "the other answers are written"
    );
}

#[test]
fn a_dry_run_against_a_workload_reads_and_writes_nothing() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::start())
        .expect("fake");
    let missing = sync(&fake, &["--workload", "payments", "--dry-run"]);
    missing.assert_code(0);
    assert!(
        missing.stdout.contains("would be created"),
        "{}",
        missing.stdout
    );
    assert_eq!(writes(&fake), 0);
    let ops: Vec<String> = fake.calls().into_iter().map(|c| c.operation).collect();
    assert_eq!(ops, ["ListWorkloads"], "only the lookup");

    sync(&fake, &["--workload", "payments"]).assert_code(0);
    fake.answer("payments", "permissions", WaAnswer::default());
    let before = writes(&fake);
    let dry = sync(&fake, &["--workload", "payments", "--dry-run"]);
    dry.assert_code(0);
    assert!(
        dry.stdout.contains("1 answer would change"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("security / permissions"),
        "{}",
        dry.stdout
    );
    assert_eq!(writes(&fake), before);
}

#[test]
fn a_recorded_scan_gives_the_same_answers_as_its_inventory_and_names_itself() {
    let runtime = runtime();
    let fake = runtime
        .block_on(FakeWellArchitected::start())
        .expect("fake");
    let demo = dry_answers(&fake);
    let scan = wellscan_env(
        &["scan", "--demo", "--format", "json", "--out", "{tmp}/out"],
        &[],
    );
    scan.assert_code(0);
    let assessment = scan.json(&scan.tmp.path().join("out/assessment.json"));
    let id = assessment["scan"]["id"].as_str().expect("scan id");
    let run = scan.again(&["wa-tool", "sync", "--scan", id, "--dry-run", "--json"]);
    run.assert_code(0);
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let recorded = out["answers"].as_array().expect("answers");
    let choices = |answers: &[Value]| -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
        answers
            .iter()
            .map(|a| {
                (
                    a["question_id"].as_str().unwrap_or_default().to_string(),
                    strings(&a["selected"]),
                    strings(&a["unselected"]),
                )
            })
            .collect()
    };
    assert_eq!(choices(recorded), choices(&demo));
    assert!(
        recorded.iter().all(|a| a["notes"]
            .as_str()
            .unwrap_or_default()
            .starts_with(&format!("Evidence from wellscan scan {id} "))),
        "{}",
        run.stdout
    );
    let unknown = scan.again(&[
        "wa-tool",
        "sync",
        "--scan",
        "20990101T000000Z-000000",
        "--dry-run",
    ]);
    unknown.assert_code(2);
    assert!(
        unknown
            .stderr
            .contains("no scan 20990101T000000Z-000000 in the history"),
        "{}",
        unknown.stderr
    );
}
