use chrono::{DateTime, Utc};
use wellscan_model::{Fact, Finding, Inventory, Pillar, Resource, Severity, finding_id};

use crate::Config;
use crate::lens::{self, Practice};
use crate::prices::PriceTable;

/// What a check is, independent of any inventory.
#[derive(Debug, Clone, Copy)]
pub struct CheckMeta {
    /// Stable id, `service.what_is_wrong`.
    pub id: &'static str,
    pub pillar: Pillar,
    pub related: &'static [Pillar],
    /// The Well-Architected best practice the check evidences, numbered as the framework's
    /// current documentation numbers it; its question and choice in the Well-Architected Tool
    /// are in [`crate::lens`].
    pub best_practice: &'static str,
    /// The IAM actions whose answers the check decides on; each is in `docs/iam-policy.json`.
    pub reads: &'static [&'static str],
    /// The facts of the judged resource, each read by a call of its own, that the check decides
    /// on: with any of them unread the resource is *not evaluated* (a test marks each one
    /// unread on the demo's failing resources). Facts of other resources and failed listings
    /// are the check's own tests' to cover.
    pub facts: &'static [Fact],
    pub severity: Severity,
    /// What the fix does to the resource; the plan shows a fix that reduces a resource beside
    /// one that strengthens it as a trade-off.
    pub fix: FixEffect,
    /// What is wrong, as a user reads it.
    pub title: &'static str,
    /// The fix in a few words.
    pub action: &'static str,
    /// What to do: prose with a console path, then `CLI: ` and AWS CLI commands joined by `&&`,
    /// one space between words, placeholders for the reader in capitals (`BUCKET`). `{id}` and
    /// `{region}` are replaced by the failing resource's id and region, shell-quoted in the
    /// commands (`remediation.rs`).
    pub remediation: &'static str,
}

impl CheckMeta {
    /// The service the check is about: the id's part before the dot (`ec2`).
    pub fn service(&self) -> &'static str {
        self.id
            .split_once('.')
            .map_or(self.id, |(service, _)| service)
    }

    /// The best practice as the framework and the Well-Architected Tool know it. Every
    /// check's is in the table (a test holds the catalogue to it).
    pub fn practice(&self) -> Option<&'static Practice> {
        lens::practice(self.best_practice)
    }

    /// The Well-Architected Tool question the check provides evidence for (`permissions`).
    pub fn wa_question(&self) -> &'static str {
        self.practice().map_or("", |p| p.question.as_str())
    }

    /// The choice of that question the check provides evidence for
    /// (`sec_permissions_least_privileges`).
    pub fn wa_choice(&self) -> &'static str {
        self.practice().map_or("", |p| p.choice.as_str())
    }
}

/// What fixing a finding does to its resource, as far as trade-offs go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixEffect {
    /// Removes, shrinks or expires it: less spend or capacity.
    Reduces,
    /// Adds capacity, redundancy or retained copies, and so cost.
    Strengthens,
    /// Neither, or an addition that fights no reduction (alarms, flow logs, encryption).
    Neutral,
}

/// A check: its description and the function that evaluates it.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub meta: CheckMeta,
    pub evaluate: fn(&Context<'_>, &mut Outcome),
}

/// What a check sees: the inventory, the configuration, the clock of the scan and prices.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub inventory: &'a Inventory,
    pub config: &'a Config,
    /// When the inventory was taken; ages are measured from here, never from the wall clock.
    pub now: DateTime<Utc>,
    pub prices: &'a PriceTable,
}

impl<'a> Context<'a> {
    pub fn new(
        inventory: &'a Inventory,
        config: &'a Config,
        prices: &'a PriceTable,
    ) -> Context<'a> {
        Context {
            inventory,
            config,
            now: inventory.scanned_at,
            prices,
        }
    }

    /// Every resource for which `select` returns its typed data, paired with it.
    pub fn each<T: 'a>(
        &self,
        select: fn(&'a Resource) -> Option<&'a T>,
    ) -> impl Iterator<Item = (&'a Resource, &'a T)> + 'a {
        self.inventory
            .resources
            .iter()
            .filter_map(move |r| select(r).map(|t| (r, t)))
    }

    /// True when `operation` of `service` failed in `region` (or the unit never finished), so
    /// what it lists may be incomplete there.
    pub fn unread(&self, region: &str, service: &str, operation: &str) -> bool {
        self.inventory.coverage_gaps.iter().any(|g| {
            g.region == region
                && g.service == service
                && (g.operation == operation || g.operation == "*")
        })
    }

    /// True when any call of `service` failed in any region.
    pub fn unread_anywhere(&self, service: &str) -> bool {
        self.inventory
            .coverage_gaps
            .iter()
            .any(|g| g.service == service)
    }

    /// Whole days from `then` to the scan time; `None` when `then` is unknown.
    pub fn days_since(&self, then: Option<DateTime<Utc>>) -> Option<i64> {
        then.map(|t| (self.now - t).num_days())
    }
}

/// A check's results: how many resources it evaluated, which failed, and how many it could not
/// judge because a fact it decides on was not read.
#[derive(Debug, Default)]
pub struct Outcome {
    evaluated: usize,
    not_evaluated: usize,
    failures: Vec<Failure>,
}

/// One failing resource.
#[derive(Debug)]
pub struct Failure {
    resource_id: String,
    resource_arn: String,
    resource_kind: &'static str,
    resource_name: String,
    region: String,
    evidence: String,
    monthly_savings_usd: Option<f64>,
}

impl Outcome {
    /// True, and the resource counted as not evaluated, when any of `facts` could not be read
    /// for it: the check must then neither pass nor fail it.
    ///
    /// ```text
    /// if out.unknown(resource, &[Fact::FlowLogsEnabled]) { continue; }
    /// ```
    pub fn unknown(&mut self, resource: &Resource, facts: &[Fact]) -> bool {
        let unknown = resource.unknown().any(facts);
        if unknown {
            self.skip(resource);
        }
        unknown
    }

    /// Counts `resource` as not evaluated: what the check decides on could not be read.
    pub fn skip(&mut self, _resource: &Resource) {
        self.not_evaluated += 1;
    }

    /// Records a resource that passed.
    pub fn pass(&mut self) {
        self.evaluated += 1;
    }

    /// Records a failing resource with the facts that make it fail.
    pub fn fail(&mut self, resource: &Resource, evidence: impl Into<String>) {
        self.fail_with_savings(resource, evidence, None);
    }

    /// Records a failing resource and what fixing it saves per month.
    pub fn fail_with_savings(
        &mut self,
        resource: &Resource,
        evidence: impl Into<String>,
        monthly_savings_usd: Option<f64>,
    ) {
        self.evaluated += 1;
        self.failures.push(Failure {
            resource_id: resource.id().to_string(),
            resource_arn: resource.arn().to_string(),
            resource_kind: resource.kind().id(),
            resource_name: resource.display_name().to_string(),
            region: resource.region().to_string(),
            evidence: evidence.into(),
            monthly_savings_usd: monthly_savings_usd.map(round_cents),
        });
    }

    /// Records `passed` as a pass or fails with `evidence()`.
    pub fn record(&mut self, resource: &Resource, passed: bool, evidence: impl FnOnce() -> String) {
        if passed {
            self.pass();
        } else {
            self.fail(resource, evidence());
        }
    }

    pub fn evaluated(&self) -> usize {
        self.evaluated
    }

    pub fn not_evaluated(&self) -> usize {
        self.not_evaluated
    }

    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }

    pub(crate) fn into_findings(self, meta: &CheckMeta) -> impl Iterator<Item = Finding> + '_ {
        self.failures.into_iter().map(move |f| Finding {
            id: finding_id(meta.id, &f.region, f.resource_kind, &f.resource_id),
            check_id: meta.id.to_string(),
            pillar: meta.pillar,
            related_pillars: meta.related.to_vec(),
            best_practice: meta.best_practice.to_string(),
            severity: meta.severity,
            remediation: crate::remediation::fill(meta.remediation, &f.resource_id, &f.region),
            region: f.region,
            resource_id: f.resource_id,
            resource_arn: f.resource_arn,
            resource_kind: f.resource_kind.to_string(),
            resource_name: f.resource_name,
            title: meta.title.to_string(),
            evidence: f.evidence,
            monthly_savings_usd: f.monthly_savings_usd,
        })
    }
}

impl Failure {
    pub fn resource_id(&self) -> &str {
        &self.resource_id
    }

    pub fn evidence(&self) -> &str {
        &self.evidence
    }

    /// The failing resource's kind, as the inventory names it.
    pub fn resource_kind(&self) -> &'static str {
        self.resource_kind
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn monthly_savings_usd(&self) -> Option<f64> {
        self.monthly_savings_usd
    }
}

fn round_cents(usd: f64) -> f64 {
    (usd * 100.0).round() / 100.0
}
