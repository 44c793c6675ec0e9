//! The Well-Architected Tool's calls a sync makes, through wellscan's REST-JSON client.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;
use wellscan_aws::Clients;
use wellscan_aws::json::next_token;
use wellscan_aws::rest::{Client, WellArchitected, label};

use super::{LENS_ALIAS, SyncError};
use crate::reason;

/// `ListAnswers` pages: its largest.
const ANSWERS_PAGE: &str = "50";

/// One question of a workload's review: the choices it offers and those selected.
#[derive(Debug, Clone, Default)]
pub struct Reviewed {
    pub choices: BTreeSet<String>,
    pub selected: BTreeSet<String>,
}

pub struct Tool<'a> {
    client: Client<WellArchitected>,
    region: &'a str,
}

fn api(operation: &'static str) -> impl FnOnce(String) -> SyncError {
    move |reason| SyncError::Api { operation, reason }
}

impl<'a> Tool<'a> {
    pub fn new(clients: &Clients, region: &'a str) -> Tool<'a> {
        Tool {
            client: clients.client_in(region),
            region,
        }
    }

    /// The id of the workload named exactly `name`, if there is one.
    pub async fn find_workload(&self, name: &str) -> Result<Option<String>, SyncError> {
        let mut token: Option<String> = None;
        loop {
            let mut input = json!({"WorkloadNamePrefix": name, "MaxResults": 50});
            if let Some(t) = &token {
                input["NextToken"] = t.clone().into();
            }
            let answer = self
                .client
                .post("ListWorkloads", "/workloadsSummaries", &input)
                .await
                .map_err(|e| api("ListWorkloads")(reason(&e)))?;
            let found = answer["WorkloadSummaries"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|w| w["WorkloadName"].as_str() == Some(name))
                .and_then(|w| w["WorkloadId"].as_str());
            if let Some(id) = found {
                return Ok(Some(id.to_string()));
            }
            match next_token(&answer, "NextToken") {
                Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => return Ok(None),
            }
        }
    }

    /// Creates the workload `name` on the `wellarchitected` lens; `milestone` makes the
    /// request's idempotency token, so a retried create makes one workload.
    pub async fn create_workload(&self, name: &str, milestone: &str) -> Result<String, SyncError> {
        let input = json!({
            "WorkloadName": name,
            "Description": "Well-Architected review answered from wellscan's evidence.",
            "Environment": "PRODUCTION",
            "AwsRegions": [self.region],
            "Lenses": [LENS_ALIAS],
            "ReviewOwner": "wellscan",
            "ClientRequestToken": token(&format!("workload {name} {milestone}")),
        });
        let answer = self
            .client
            .post("CreateWorkload", "/workloads", &input)
            .await
            .map_err(|e| api("CreateWorkload")(reason(&e)))?;
        answer["WorkloadId"]
            .as_str()
            .map(String::from)
            .ok_or_else(|| api("CreateWorkload")("the answer has no WorkloadId".into()))
    }

    /// The lens version the workload's review follows.
    pub async fn lens_version(&self, id: &str) -> Result<String, SyncError> {
        let path = format!("/workloads/{}/lensReviews/{LENS_ALIAS}", label(id));
        let answer = self
            .client
            .get("GetLensReview", &path, &[])
            .await
            .map_err(|e| api("GetLensReview")(reason(&e)))?;
        Ok(answer["LensReview"]["LensVersion"]
            .as_str()
            .unwrap_or("unknown")
            .to_string())
    }

    /// Every question of the workload's review, by id, from every page of `ListAnswers`.
    pub async fn answers(&self, id: &str) -> Result<BTreeMap<String, Reviewed>, SyncError> {
        let path = format!("/workloads/{}/lensReviews/{LENS_ALIAS}/answers", label(id));
        let mut review = BTreeMap::new();
        let mut token: Option<String> = None;
        loop {
            let answer = self
                .client
                .page(
                    "ListAnswers",
                    &path,
                    &[("MaxResults", ANSWERS_PAGE)],
                    "NextToken",
                    token.clone(),
                )
                .await
                .map_err(|e| api("ListAnswers")(reason(&e)))?;
            for summary in answer["AnswerSummaries"].as_array().into_iter().flatten() {
                let Some(question) = summary["QuestionId"].as_str() else {
                    continue;
                };
                let ids = |key: &str, field: Option<&str>| -> BTreeSet<String> {
                    summary[key]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|c| match field {
                            Some(f) => c[f].as_str(),
                            None => c.as_str(),
                        })
                        .map(String::from)
                        .collect()
                };
                review.insert(
                    question.to_string(),
                    Reviewed {
                        choices: ids("Choices", Some("ChoiceId")),
                        selected: ids("SelectedChoices", None),
                    },
                );
            }
            match next_token(&answer, "NextToken") {
                Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => return Ok(review),
            }
        }
    }

    /// The notes of one answer (`ListAnswers` does not return them).
    pub async fn notes(&self, id: &str, question: &str) -> Result<String, String> {
        let answer = self
            .client
            .get("GetAnswer", &answer_path(id, question), &[])
            .await
            .map_err(|e| format!("GetAnswer: {}", reason(&e)))?;
        Ok(answer["Answer"]["Notes"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    pub async fn update_answer(
        &self,
        id: &str,
        question: &str,
        selected: &[String],
        notes: &str,
    ) -> Result<(), String> {
        let input = json!({"SelectedChoices": selected, "Notes": notes});
        self.client
            .send(
                "UpdateAnswer",
                "PATCH",
                &answer_path(id, question),
                &[],
                Some(&input),
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("UpdateAnswer: {}", reason(&e)))
    }

    /// Makes the milestone `name` unless the workload has one so named: whether it made one.
    pub async fn milestone(&self, id: &str, name: &str) -> Result<bool, String> {
        let path = format!("/workloads/{}/milestonesSummaries", label(id));
        let mut token: Option<String> = None;
        loop {
            let mut input = json!({"MaxResults": 50});
            if let Some(t) = &token {
                input["NextToken"] = t.clone().into();
            }
            let answer = self
                .client
                .post("ListMilestones", &path, &input)
                .await
                .map_err(|e| format!("ListMilestones: {}", reason(&e)))?;
            let exists = answer["MilestoneSummaries"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|m| m["MilestoneName"].as_str() == Some(name));
            if exists {
                return Ok(false);
            }
            match next_token(&answer, "NextToken") {
                Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => break,
            }
        }
        let input = json!({"MilestoneName": name, "ClientRequestToken": token_of(id, name)});
        self.client
            .post(
                "CreateMilestone",
                &format!("/workloads/{}/milestones", label(id)),
                &input,
            )
            .await
            .map(|_| true)
            .map_err(|e| format!("CreateMilestone: {}", reason(&e)))
    }
}

fn answer_path(id: &str, question: &str) -> String {
    format!(
        "/workloads/{}/lensReviews/{LENS_ALIAS}/answers/{}",
        label(id),
        label(question)
    )
}

fn token_of(id: &str, name: &str) -> String {
    token(&format!("milestone {id} {name}"))
}

/// An idempotency token derived from `what`: the same request retried is the same request.
fn token(what: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in what.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("wellscan-{hash:016x}")
}
