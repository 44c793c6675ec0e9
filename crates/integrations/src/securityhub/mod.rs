//! `scan --security-hub`: a scan's findings imported into AWS Security Hub, and the findings
//! it imported before that are resolved now archived.
//!
//! Each finding goes to its resource's region (an account-wide one to the session's region),
//! under the account's own "default" product, with an id that is the same in every scan
//! ([`asff::id`]): a re-import updates the finding Security Hub has, keeping the team's
//! workflow and notes. Before importing, wellscan reads back what it imported earlier in that
//! region and is still active. Those the scan no longer finds are archived only where the scan
//! could judge them again: their region was scanned, their service read without a gap, and
//! their check judged every resource. A finding the scan could not see again stays active:
//! unknown is never a pass.
//!
//! `BatchImportFindings` takes at most 100 findings and 6 MB a call, a finding at most 240 KB
//! ([`batch`]); the SDK runtime retries throttled calls. What Security Hub refuses is reported
//! per finding or per region, never dropped.

pub mod asff;
mod batch;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde_json::{Value, json};
use tracing::Instrument;
use wellscan_aws::Clients;
use wellscan_aws::rest::{Answer, Client, SecurityHub};
use wellscan_model::{Assessment, CheckSummary, Finding, ScanScope};

use crate::reason;

/// Regions imported into at once.
const REGIONS_AT_ONCE: usize = 8;
/// `GetFindings` pages: its largest.
const PAGE: u32 = 100;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Imported {
    /// Findings Security Hub accepted.
    pub imported: usize,
    /// Findings imported before and resolved now, archived.
    pub archived: usize,
    /// Findings imported before and not found now, left active because this scan could not
    /// judge them again (a region not scanned, a service not read, a check that could not
    /// judge every resource).
    pub left_active: usize,
    /// Regions findings went to.
    pub regions: BTreeSet<String>,
    /// What Security Hub refused or could not be asked.
    pub failures: Vec<Failure>,
}

/// Something that was not imported or archived.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub region: String,
    /// The finding's ASFF id, when one finding was refused.
    pub finding: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.finding {
            Some(id) => write!(f, "{} in {}: {}", id, self.region, self.reason),
            None => write!(f, "{}: {}", self.region, self.reason),
        }
    }
}

/// Imports `assessment`'s findings into Security Hub with `clients`; an account-wide finding
/// goes to `home`.
pub async fn import(clients: &Clients, assessment: &Assessment, home: &str) -> Imported {
    let now = Utc::now();
    let mut by_region: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for region in assessment
        .scan
        .regions
        .iter()
        .map(String::as_str)
        .chain([home])
    {
        by_region.entry(region).or_default();
    }
    for finding in &assessment.findings {
        by_region
            .entry(asff::import_region(finding, home))
            .or_default()
            .push(finding);
    }
    let current: BTreeSet<String> = assessment
        .findings
        .iter()
        .chain(assessment.suppressed.iter().map(|s| &s.finding))
        .map(asff::id)
        .collect();
    let judge = Judge::new(assessment);
    let outcomes: Vec<Imported> = futures::stream::iter(by_region)
        .map(|(region, findings)| {
            let span = tracing::info_span!("security_hub", region);
            let client = clients.client_in::<Client<SecurityHub>>(region);
            let cx = RegionCx {
                client,
                assessment,
                region,
                current: &current,
                judge: &judge,
                now,
            };
            async move { cx.import(&findings).await }.instrument(span)
        })
        .buffer_unordered(REGIONS_AT_ONCE)
        .collect()
        .await;
    let mut total = Imported::default();
    for outcome in outcomes {
        total.imported += outcome.imported;
        total.archived += outcome.archived;
        total.left_active += outcome.left_active;
        total.regions.extend(outcome.regions);
        total.failures.extend(outcome.failures);
    }
    total
        .failures
        .sort_by(|a, b| (&a.region, &a.finding).cmp(&(&b.region, &b.finding)));
    total
}

/// Whether this scan judged again what an earlier finding was about.
struct Judge<'a> {
    scope: ScanScope,
    checks: HashMap<&'a str, &'a CheckSummary>,
}

impl<'a> Judge<'a> {
    fn new(assessment: &'a Assessment) -> Judge<'a> {
        Judge {
            scope: ScanScope::of(assessment),
            checks: assessment
                .checks
                .iter()
                .map(|c| (c.check_id.as_str(), c))
                .collect(),
        }
    }

    /// The scan read the finding's service in its region, and its check ran and judged every
    /// resource it looked at.
    fn judged_again(&self, record: &Value) -> bool {
        let field = |key| asff::product_field(record, key);
        let (Some(check), Some(kind), Some(region)) = (
            field(asff::field::CHECK),
            field(asff::field::KIND),
            field(asff::field::REGION),
        ) else {
            return false;
        };
        self.scope.saw(kind, region) && self.checks.get(check).is_some_and(|c| c.not_evaluated == 0)
    }
}

/// One region's import.
struct RegionCx<'a> {
    client: Client<SecurityHub>,
    assessment: &'a Assessment,
    region: &'a str,
    current: &'a BTreeSet<String>,
    judge: &'a Judge<'a>,
    now: DateTime<Utc>,
}

impl RegionCx<'_> {
    async fn import(&self, findings: &[&Finding]) -> Imported {
        let mut out = Imported::default();
        let existing = match self.active().await {
            Ok(existing) => existing,
            // A region with nothing to import where Security Hub is off is no failure.
            Err(e) if findings.is_empty() => {
                tracing::debug!(region = self.region, "no Security Hub findings read: {e}");
                return out;
            }
            Err(e) => {
                out.failures.push(self.failure(format!(
                    "{} not imported: wellscan's earlier findings could not be read: {e}",
                    wellscan_model::count(findings.len(), "finding", "findings")
                )));
                return out;
            }
        };
        let checks: HashMap<&str, &CheckSummary> = self
            .assessment
            .checks
            .iter()
            .map(|c| (c.check_id.as_str(), c))
            .collect();
        let records: Vec<Value> = findings
            .iter()
            .map(|f| {
                let created = existing
                    .get(&asff::id(f))
                    .and_then(|e| e.get("CreatedAt"))
                    .and_then(Value::as_str);
                asff::record(
                    f,
                    &asff::Context {
                        assessment: self.assessment,
                        check: checks.get(f.check_id.as_str()).copied(),
                        region: self.region,
                        created_at: created,
                        now: self.now,
                    },
                )
            })
            .collect();
        out.imported = self.send(records, &mut out.failures).await;
        if out.imported > 0 {
            out.regions.insert(self.region.to_string());
        }
        let (resolved, unjudged): (Vec<&Value>, Vec<&Value>) = existing
            .iter()
            .filter(|(id, _)| !self.current.contains(*id))
            .map(|(_, record)| record)
            .partition(|record| self.judge.judged_again(record));
        out.left_active = unjudged.len();
        let archived = resolved
            .into_iter()
            .map(|r| asff::archived(r, self.now))
            .collect();
        out.archived = self.send(archived, &mut out.failures).await;
        out
    }

    /// wellscan's active findings of this account in this region, by id. Security Hub is asked
    /// for exactly those, and each answer is checked again: an emulator may not filter.
    async fn active(&self) -> Result<BTreeMap<String, Value>, String> {
        let scan = &self.assessment.scan;
        let product = asff::product_arn(&scan.partition, self.region, &scan.account_id);
        let filters = json!({
            "ProductArn": [{"Value": product, "Comparison": "EQUALS"}],
            "AwsAccountId": [{"Value": scan.account_id, "Comparison": "EQUALS"}],
            "GeneratorId": [{"Value": asff::GENERATOR_PREFIX, "Comparison": "PREFIX"}],
            "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
        });
        let mut found = BTreeMap::new();
        let mut token: Option<String> = None;
        loop {
            let mut input = json!({"Filters": filters, "MaxResults": PAGE});
            if let Some(token) = &token {
                input["NextToken"] = token.clone().into();
            }
            let answer = self
                .client
                .post("GetFindings", "/findings", &input)
                .await
                .map_err(|e| reason(&e))?;
            for record in answer["Findings"].as_array().into_iter().flatten() {
                let is =
                    |key: &str, value: &str| record.get(key).and_then(Value::as_str) == Some(value);
                let ours = is("ProductArn", &product)
                    && is("AwsAccountId", &scan.account_id)
                    && is("RecordState", "ACTIVE")
                    && record
                        .get("GeneratorId")
                        .and_then(Value::as_str)
                        .is_some_and(|g| g.starts_with(asff::GENERATOR_PREFIX));
                if let (true, Some(id)) = (ours, record.get("Id").and_then(Value::as_str)) {
                    found.insert(id.to_string(), record.clone());
                }
            }
            match wellscan_aws::json::next_token(&answer, "NextToken") {
                // A token that comes back unchanged would loop for ever.
                Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => return Ok(found),
            }
        }
    }

    /// Sends `records` in batches; how many Security Hub accepted. Refusals go to `failures`.
    async fn send(&self, records: Vec<Value>, failures: &mut Vec<Failure>) -> usize {
        let (batches, too_large) = batch::split(records);
        for id in too_large {
            failures.push(Failure {
                region: self.region.to_string(),
                finding: Some(id),
                reason: "larger than the 240 KB Security Hub takes for one finding".into(),
            });
        }
        let mut accepted = 0;
        for batch in batches {
            let sent = batch.len();
            let answer: Answer = self
                .client
                .post(
                    "BatchImportFindings",
                    "/findings/import",
                    &json!({"Findings": batch}),
                )
                .await;
            match answer {
                Ok(answer) => {
                    let refused = answer["FailedFindings"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    for f in &refused {
                        let text = |key: &str| f.get(key).and_then(Value::as_str).unwrap_or("");
                        failures.push(Failure {
                            region: self.region.to_string(),
                            finding: Some(text("Id").to_string()),
                            reason: format!("{}: {}", text("ErrorCode"), text("ErrorMessage")),
                        });
                    }
                    accepted += sent.saturating_sub(refused.len());
                }
                Err(e) => failures.push(self.failure(format!(
                    "{} not imported: {}",
                    wellscan_model::count(sent, "finding", "findings"),
                    reason(&e)
                ))),
            }
        }
        accepted
    }

    fn failure(&self, reason: String) -> Failure {
        Failure {
            region: self.region.to_string(),
            finding: None,
            reason,
        }
    }
}
