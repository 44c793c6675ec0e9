//! A fake AWS Well-Architected Tool for tests (moto has none): loopback HTTP speaking the
//! Tool's REST-JSON protocol for what `wellscan wa-tool sync` calls: workloads (`ListWorkloads`,
//! `CreateWorkload`), the lens review (`GetLensReview`), answers (`ListAnswers` paged by
//! `MaxResults` and `NextToken`, `GetAnswer`, `UpdateAnswer`) and milestones (`CreateMilestone`,
//! `ListMilestones`), with the Tool's error shapes (`x-amzn-ErrorType`, a JSON `Message`) for
//! an unknown workload or question, a choice the question does not have, notes over 2,084
//! characters, a workload or milestone name taken. The lens is `wellarchitected` as wellscan
//! vendors it, or that lens changed, to play a newer lens version. The real
//! `aws-sdk-wellarchitected` client talks to it in the tests, so its wire format is the SDK's.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use crate::converse::percent_decode;

/// The lens wellscan vendors: what the fake's lens reviews ask by default.
const LENS: &str = include_str!("../../checks/data/wa-lens.json");
const ACCOUNT: &str = "123456789012";
const NOTES_MAX: usize = 2084;

/// One question of the fake's lens.
#[derive(Debug, Clone)]
pub struct Question {
    pub pillar: String,
    pub id: String,
    pub title: String,
    pub choices: Vec<String>,
}

/// The answer to one question of a workload.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub selected: Vec<String>,
    pub notes: String,
}

/// One workload the fake holds.
#[derive(Debug, Clone)]
pub struct Workload {
    pub id: String,
    pub name: String,
    pub answers: BTreeMap<String, Answer>,
    /// Milestone names, numbered from 1 in this order.
    pub milestones: Vec<String>,
}

/// One request the fake answered: its method, its path and the operation it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub operation: String,
}

#[derive(Debug)]
struct World {
    version: String,
    questions: Vec<Question>,
    workloads: Vec<Workload>,
    calls: Vec<Call>,
}

/// A running fake; stops when dropped.
pub struct FakeWellArchitected {
    port: u16,
    task: JoinHandle<()>,
    world: Arc<Mutex<World>>,
}

impl FakeWellArchitected {
    /// Starts the fake with the vendored lens. Must be called inside a Tokio runtime.
    pub async fn start() -> std::io::Result<FakeWellArchitected> {
        FakeWellArchitected::with_lens(|_| {}).await
    }

    /// Starts the fake with the vendored lens as `change` leaves it (a newer lens version: a
    /// choice added, a question renamed).
    pub async fn with_lens(
        change: impl FnOnce(&mut Vec<Question>),
    ) -> std::io::Result<FakeWellArchitected> {
        let (version, mut questions) = vendored();
        change(&mut questions);
        let world = Arc::new(Mutex::new(World {
            version,
            questions,
            workloads: Vec::new(),
            calls: Vec::new(),
        }));
        let (port, task) = crate::serve::loopback(Arc::clone(&world), |world, req| async move {
            handle(&world, req).await
        })
        .await?;
        Ok(FakeWellArchitected { port, task, world })
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every workload, as it stands.
    pub fn workloads(&self) -> Vec<Workload> {
        self.world
            .lock()
            .map(|w| w.workloads.clone())
            .unwrap_or_default()
    }

    /// Every call so far, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        self.world
            .lock()
            .map(|w| w.calls.clone())
            .unwrap_or_default()
    }

    /// Sets a workload's answer as a person in the console would.
    pub fn answer(&self, workload: &str, question: &str, answer: Answer) {
        if let Ok(mut world) = self.world.lock()
            && let Some(w) = world.workloads.iter_mut().find(|w| w.name == workload)
        {
            w.answers.insert(question.to_string(), answer);
        }
    }
}

impl Drop for FakeWellArchitected {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The vendored lens's version and questions.
fn vendored() -> (String, Vec<Question>) {
    let lens: Value = serde_json::from_str(LENS).unwrap_or(Value::Null);
    let mut questions = Vec::new();
    for pillar in lens["pillars"].as_array().into_iter().flatten() {
        for q in pillar["questions"].as_array().into_iter().flatten() {
            questions.push(Question {
                pillar: pillar["pillar_id"].as_str().unwrap_or_default().into(),
                id: q["question_id"].as_str().unwrap_or_default().into(),
                title: q["title"].as_str().unwrap_or_default().into(),
                choices: q["choices"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["choice_id"].as_str().map(String::from))
                    .collect(),
            });
        }
    }
    (
        lens["lens_version"].as_str().unwrap_or_default().into(),
        questions,
    )
}

type Answered = Response<Full<Bytes>>;

async fn handle(world: &Mutex<World>, req: Request<Incoming>) -> Answered {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let query: BTreeMap<String, String> = req
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                &e.to_string(),
            );
        }
    };
    let body: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "ValidationException",
                    "body is not JSON",
                );
            }
        }
    };
    let Ok(mut world) = world.lock() else {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerException",
            "poisoned",
        );
    };
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let (operation, answer) = route(&mut world, &method, &segments, &query, &body);
    world.calls.push(Call {
        method: method.to_string(),
        path,
        operation: operation.to_string(),
    });
    answer
}

fn route(
    world: &mut World,
    method: &Method,
    segments: &[&str],
    query: &BTreeMap<String, String>,
    body: &Value,
) -> (&'static str, Answered) {
    match (method.as_str(), segments) {
        ("POST", ["workloadsSummaries"]) => ("ListWorkloads", list_workloads(world, body)),
        ("POST", ["workloads"]) => ("CreateWorkload", create_workload(world, body)),
        ("GET", ["workloads", id, "lensReviews", lens]) => (
            "GetLensReview",
            with_workload(world, id, lens, |w, v, _| lens_review(w, v, lens)),
        ),
        ("GET", ["workloads", id, "lensReviews", lens, "answers"]) => (
            "ListAnswers",
            with_workload(world, id, lens, |w, _, qs| list_answers(w, qs, lens, query)),
        ),
        ("GET", ["workloads", id, "lensReviews", lens, "answers", question]) => (
            "GetAnswer",
            with_workload(world, id, lens, |w, _, qs| {
                get_answer(w, qs, lens, question)
            }),
        ),
        ("PATCH", ["workloads", id, "lensReviews", lens, "answers", question]) => (
            "UpdateAnswer",
            with_workload(world, id, lens, |w, _, qs| {
                update_answer(w, qs, lens, question, body)
            }),
        ),
        ("POST", ["workloads", id, "milestones"]) => (
            "CreateMilestone",
            with_workload(world, id, "wellarchitected", |w, _, _| {
                create_milestone(w, body)
            }),
        ),
        ("POST", ["workloads", id, "milestonesSummaries"]) => (
            "ListMilestones",
            with_workload(world, id, "wellarchitected", |w, _, _| list_milestones(w)),
        ),
        _ => (
            "Unknown",
            error(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                "no such operation",
            ),
        ),
    }
}

/// Runs `then` on workload `id`, or answers as the Tool does for an unknown workload or lens.
fn with_workload(
    world: &mut World,
    id: &str,
    lens: &str,
    then: impl FnOnce(&mut Workload, &str, &[Question]) -> Answered,
) -> Answered {
    if lens != "wellarchitected" {
        return error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            &format!("Lens {lens} not found on workload {id}"),
        );
    }
    let World {
        version,
        questions,
        workloads,
        ..
    } = world;
    match workloads.iter_mut().find(|w| w.id == id) {
        Some(w) => then(w, version, questions),
        None => error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            &format!("Workload {id} not found"),
        ),
    }
}

fn list_workloads(world: &World, body: &Value) -> Answered {
    let prefix = body["WorkloadNamePrefix"].as_str().unwrap_or_default();
    let summaries: Vec<Value> = world
        .workloads
        .iter()
        .filter(|w| w.name.starts_with(prefix))
        .map(|w| {
            json!({
                "WorkloadId": w.id,
                "WorkloadArn": arn(&w.id),
                "WorkloadName": w.name,
                "Owner": ACCOUNT,
                "Lenses": ["wellarchitected"],
            })
        })
        .collect();
    ok(json!({"WorkloadSummaries": summaries}))
}

fn create_workload(world: &mut World, body: &Value) -> Answered {
    let name = body["WorkloadName"].as_str().unwrap_or_default();
    let description = body["Description"].as_str().unwrap_or_default();
    if !(3..=100).contains(&name.chars().count())
        || !(3..=250).contains(&description.chars().count())
    {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "WorkloadName must be 3 to 100 characters and Description 3 to 250",
        );
    }
    if body["Environment"].as_str().is_none() || body["ClientRequestToken"].as_str().is_none() {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "Environment and ClientRequestToken are required",
        );
    }
    if world
        .workloads
        .iter()
        .any(|w| w.name.eq_ignore_ascii_case(name))
    {
        return error(
            StatusCode::CONFLICT,
            "ConflictException",
            &format!("A workload named {name} already exists"),
        );
    }
    let id = format!("{:032x}", world.workloads.len() + 1);
    world.workloads.push(Workload {
        id: id.clone(),
        name: name.to_string(),
        answers: BTreeMap::new(),
        milestones: Vec::new(),
    });
    ok(json!({"WorkloadId": id, "WorkloadArn": arn(&id)}))
}

fn lens_review(w: &Workload, version: &str, lens: &str) -> Answered {
    ok(json!({
        "WorkloadId": w.id,
        "LensReview": {
            "LensAlias": lens,
            "LensArn": format!("arn:aws:wellarchitected::aws:lens/{lens}"),
            "LensVersion": version,
            "LensName": "AWS Well-Architected Framework",
            "LensStatus": "CURRENT",
        }
    }))
}

fn summary(w: &Workload, q: &Question) -> Value {
    let answer = w.answers.get(&q.id).cloned().unwrap_or_default();
    json!({
        "QuestionId": q.id,
        "PillarId": q.pillar,
        "QuestionTitle": q.title,
        "Choices": q.choices.iter().map(|c| json!({"ChoiceId": c, "Title": c})).collect::<Vec<_>>(),
        "SelectedChoices": answer.selected,
        "IsApplicable": true,
        "Risk": if answer.selected.is_empty() { "UNANSWERED" } else { "MEDIUM" },
        "QuestionType": "PRIORITIZED",
    })
}

fn list_answers(
    w: &Workload,
    questions: &[Question],
    lens: &str,
    query: &BTreeMap<String, String>,
) -> Answered {
    let max: usize = match query.get("MaxResults").map(|m| m.parse::<usize>()) {
        None => 50,
        Some(Ok(n)) if (1..=50).contains(&n) => n,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                "MaxResults must be between 1 and 50",
            );
        }
    };
    let pillar = query.get("PillarId");
    let all: Vec<&Question> = questions
        .iter()
        .filter(|q| pillar.is_none_or(|p| *p == q.pillar))
        .collect();
    let start: usize = match query.get("NextToken").map(|t| t.parse::<usize>()) {
        None => 0,
        Some(Ok(n)) if n <= all.len() => n,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                "Invalid NextToken",
            );
        }
    };
    let end = (start + max).min(all.len());
    let mut answer = json!({
        "WorkloadId": w.id,
        "LensAlias": lens,
        "AnswerSummaries": all[start..end].iter().map(|q| summary(w, q)).collect::<Vec<_>>(),
    });
    if end < all.len() {
        answer["NextToken"] = end.to_string().into();
    }
    ok(answer)
}

fn full_answer(w: &Workload, q: &Question) -> Value {
    let mut answer = summary(w, q);
    answer["Notes"] = w
        .answers
        .get(&q.id)
        .map(|a| a.notes.clone())
        .unwrap_or_default()
        .into();
    answer
}

fn question<'a>(questions: &'a [Question], id: &str) -> Option<&'a Question> {
    questions.iter().find(|q| q.id == id)
}

fn no_question(id: &str) -> Answered {
    error(
        StatusCode::NOT_FOUND,
        "ResourceNotFoundException",
        &format!("Question {id} not found"),
    )
}

fn get_answer(w: &Workload, questions: &[Question], lens: &str, id: &str) -> Answered {
    match question(questions, id) {
        Some(q) => ok(json!({"WorkloadId": w.id, "LensAlias": lens, "Answer": full_answer(w, q)})),
        None => no_question(id),
    }
}

fn update_answer(
    w: &mut Workload,
    questions: &[Question],
    lens: &str,
    id: &str,
    body: &Value,
) -> Answered {
    let Some(q) = question(questions, id) else {
        return no_question(id);
    };
    let mut answer = w.answers.get(id).cloned().unwrap_or_default();
    if let Some(selected) = body["SelectedChoices"].as_array() {
        let selected: Vec<String> = selected
            .iter()
            .filter_map(|c| c.as_str().map(String::from))
            .collect();
        if let Some(unknown) = selected.iter().find(|c| !q.choices.contains(c)) {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                &format!("Choice {unknown} is not a choice of question {id}"),
            );
        }
        answer.selected = selected;
    }
    if let Some(notes) = body["Notes"].as_str() {
        if notes.chars().count() > NOTES_MAX {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                &format!("Notes must be at most {NOTES_MAX} characters"),
            );
        }
        answer.notes = notes.to_string();
    }
    w.answers.insert(id.to_string(), answer);
    ok(json!({
        "WorkloadId": w.id,
        "LensAlias": lens,
        "LensArn": format!("arn:aws:wellarchitected::aws:lens/{lens}"),
        "Answer": full_answer(w, q),
    }))
}

fn create_milestone(w: &mut Workload, body: &Value) -> Answered {
    let name = body["MilestoneName"].as_str().unwrap_or_default();
    if !(3..=100).contains(&name.chars().count()) || body["ClientRequestToken"].as_str().is_none() {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "MilestoneName must be 3 to 100 characters, with a ClientRequestToken",
        );
    }
    if w.milestones.iter().any(|m| m == name) {
        return error(
            StatusCode::CONFLICT,
            "ConflictException",
            &format!("A milestone named {name} already exists"),
        );
    }
    w.milestones.push(name.to_string());
    ok(json!({"WorkloadId": w.id, "MilestoneNumber": w.milestones.len()}))
}

fn list_milestones(w: &Workload) -> Answered {
    let summaries: Vec<Value> = w
        .milestones
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"MilestoneNumber": i + 1, "MilestoneName": name}))
        .collect();
    ok(json!({"WorkloadId": w.id, "MilestoneSummaries": summaries}))
}

fn arn(id: &str) -> String {
    format!("arn:aws:wellarchitected:us-east-1:{ACCOUNT}:workload/{id}")
}

fn ok(body: Value) -> Answered {
    respond(StatusCode::OK, None, body)
}

/// An error as the Tool sends it: its type in `x-amzn-ErrorType`, the message in the body.
fn error(status: StatusCode, kind: &str, message: &str) -> Answered {
    respond(status, Some(kind), json!({"Message": message}))
}

fn respond(status: StatusCode, kind: Option<&str>, body: Value) -> Answered {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    if let Some(kind) = kind
        && let Ok(value) = hyper::header::HeaderValue::from_str(kind)
    {
        headers.insert("x-amzn-errortype", value);
    }
    response
}
