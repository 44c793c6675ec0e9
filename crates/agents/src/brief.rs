//! What each analyst is shown. A [`PillarBrief`] is built by code from the scan: an account
//! profile, the pillar's checks and findings (worst first), the inventory records of the
//! resources those findings name, and the coverage gaps. A token budget decides how much of it
//! reaches a model: the least severe findings (and their resources) are left out first, and the
//! brief records what was left out.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};
use wellscan_model::{
    BriefStats, CheckSummary, CoverageGap, Finding, Inventory, Pillar, Rating, Recommendation,
    Resource,
};

/// The default token budget of a pillar brief: room for ~300 findings with their resources,
/// a fraction of any current model's context, and a few cents of input per call.
pub const DEFAULT_BRIEF_TOKENS: usize = 32_000;

/// The smallest budget accepted: below it not even the check table fits.
pub const MIN_BRIEF_TOKENS: usize = 2_000;

/// Estimated tokens in a text: one per three bytes, on the safe side of what Claude and Nova
/// tokenizers make of JSON with ids (closer to 3.5), and of text outside ASCII (one per char).
pub fn estimate_tokens(text: &str) -> usize {
    text.len().div_ceil(3)
}

/// The default brief budget for a model: [`DEFAULT_BRIEF_TOKENS`], or a quarter of the model's
/// context window when that is smaller, so the system prompt and the answer always fit.
pub fn default_budget(model_id: &str) -> usize {
    /// Context windows (tokens) of models smaller than 128k, by a fragment of their id.
    const SMALL_CONTEXT: &[(&str, usize)] = &[
        ("mistral-7b", 32_000),
        ("mixtral-8x7b", 32_000),
        ("llama3-8b", 8_000),
        ("llama3-70b", 8_000),
        ("titan-text", 8_000),
    ];
    SMALL_CONTEXT
        .iter()
        .find(|(fragment, _)| model_id.contains(fragment))
        .map_or(DEFAULT_BRIEF_TOKENS, |(_, context)| {
            (context / 4).clamp(MIN_BRIEF_TOKENS, DEFAULT_BRIEF_TOKENS)
        })
}

/// How many resources of each service and region the account holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountProfile {
    pub resources: usize,
    pub by_service: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
}

impl AccountProfile {
    pub fn of(inventory: &Inventory) -> AccountProfile {
        let mut profile = AccountProfile {
            resources: inventory.resources.len(),
            ..AccountProfile::default()
        };
        for r in &inventory.resources {
            *profile
                .by_service
                .entry(r.kind().service().to_string())
                .or_default() += 1;
            *profile.by_region.entry(r.region().to_string()).or_default() += 1;
        }
        profile
    }
}

/// Everything one pillar agent is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarBrief {
    pub pillar: Pillar,
    /// The deterministic score from the checks (shown, never changed by an analyst).
    pub score: u8,
    pub account_id: String,
    pub regions: Vec<String>,
    pub profile: AccountProfile,
    /// The pillar's checks that ran, with their counts.
    pub checks: Vec<CheckSummary>,
    /// Every finding of the pillar, worst first. A model is shown the first
    /// `stats.findings_included`; any of them may be cited.
    pub findings: Vec<Finding>,
    /// The inventory records of the resources the shown findings name, in finding order.
    pub resources: Vec<Resource>,
    pub coverage_gaps: Vec<CoverageGap>,
    /// How many groups of [`gap_groups`] the model is shown.
    pub gap_groups_shown: usize,
    pub stats: BriefStats,
}

impl PillarBrief {
    /// The brief for `pillar`, fitted to `budget_tokens`. `checks` and `findings` may hold
    /// every pillar's; only this pillar's are kept.
    pub fn build(
        pillar: Pillar,
        score: u8,
        inventory: &Inventory,
        checks: &[CheckSummary],
        findings: &[Finding],
        budget_tokens: usize,
    ) -> PillarBrief {
        let mut own: Vec<Finding> = findings
            .iter()
            .filter(|f| f.pillar == pillar)
            .cloned()
            .collect();
        own.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| {
                    b.monthly_savings_usd
                        .unwrap_or(0.0)
                        .total_cmp(&a.monthly_savings_usd.unwrap_or(0.0))
                })
                .then_with(|| a.check_id.cmp(&b.check_id))
                .then_with(|| a.region.cmp(&b.region))
                .then_with(|| a.resource_id.cmp(&b.resource_id))
        });
        let mut brief = PillarBrief {
            pillar,
            score,
            account_id: inventory.account_id.clone(),
            regions: inventory.regions.clone(),
            profile: AccountProfile::of(inventory),
            checks: checks
                .iter()
                .filter(|c| c.pillar == pillar)
                .cloned()
                .collect(),
            findings: own,
            resources: Vec::new(),
            coverage_gaps: inventory.coverage_gaps.clone(),
            gap_groups_shown: 0,
            stats: BriefStats::default(),
        };
        brief.fit(inventory, budget_tokens);
        brief
    }

    /// The findings a model is shown.
    pub fn shown_findings(&self) -> &[Finding] {
        &self.findings[..self.stats.findings_included.min(self.findings.len())]
    }

    /// The brief as the JSON a model reads.
    pub fn data(&self) -> Value {
        render(
            self,
            self.shown_findings(),
            &self.resources.iter().collect::<Vec<_>>(),
        )
    }

    /// Keeps the coverage gaps that fit a quarter of the budget, then the most findings (worst
    /// first, each with its resource) whose rendering fits the rest.
    fn fit(&mut self, inventory: &Inventory, budget_tokens: usize) {
        let groups = gap_groups(&self.coverage_gaps);
        let gaps_fit =
            |n: usize| estimate_tokens(&layout(&json!(groups[..n]))) <= budget_tokens / 4;
        let shown = largest_fitting(groups.len(), gaps_fit);
        self.gap_groups_shown = shown;
        // By kind too: an IAM user and an IAM role may share a name.
        let by_id: HashMap<(&str, &str, &str), &Resource> = inventory
            .resources
            .iter()
            .map(|r| ((r.kind().id(), r.region(), r.id()), r))
            .collect();
        // Each named resource once, with the position of the first finding that names it.
        let mut named: Vec<(usize, &Resource)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, f) in self.findings.iter().enumerate() {
            let key = (
                f.resource_kind.as_str(),
                f.region.as_str(),
                f.resource_id.as_str(),
            );
            if let Some(r) = by_id.get(&key)
                && seen.insert(key)
            {
                named.push((i, r));
            }
        }
        let resources_for = |n: usize| named.iter().take_while(|(i, _)| *i < n).count();
        let size = |n: usize| {
            let resources: Vec<&Resource> =
                named[..resources_for(n)].iter().map(|(_, r)| *r).collect();
            estimate_tokens(&layout(&render(self, &self.findings[..n], &resources)))
        };
        let all = self.findings.len();
        let kept = largest_fitting(all, |n| size(n) <= budget_tokens);
        let shown_resources = resources_for(kept);
        self.resources = named[..shown_resources]
            .iter()
            .map(|(_, r)| (*r).clone())
            .collect();
        self.stats = BriefStats {
            estimated_tokens: 0,
            budget_tokens,
            findings_included: kept,
            findings_trimmed: all - kept,
            resources_included: shown_resources,
            resources_trimmed: named.len() - shown_resources,
            gap_groups_trimmed: groups.len() - shown,
        };
        self.stats.estimated_tokens = estimate_tokens(&layout(&self.data()));
    }
}

/// The largest `n` in `0..=all` for which `fits(n)`, where a larger `n` never fits better;
/// 0 when none does.
fn largest_fitting(all: usize, fits: impl Fn(usize) -> bool) -> usize {
    if fits(all) {
        return all;
    }
    let (mut yes, mut no) = (0, all);
    while no - yes > 1 {
        let mid = yes + (no - yes) / 2;
        if fits(mid) {
            yes = mid;
        } else {
            no = mid;
        }
    }
    yes
}

/// Coverage gaps grouped by service, operation and error, each with the regions it struck:
/// forty regions denying one call is one line, not forty.
fn gap_groups(gaps: &[CoverageGap]) -> Vec<Value> {
    let mut groups: std::collections::BTreeMap<(&str, &str, &str), Vec<&str>> =
        std::collections::BTreeMap::new();
    for g in gaps {
        groups
            .entry((&g.service, &g.operation, &g.error))
            .or_default()
            .push(&g.region);
    }
    groups
        .into_iter()
        .map(|((service, operation, error), regions)| {
            json!({"service": service, "operation": operation, "error": error, "regions": regions})
        })
        .collect()
}

fn render(brief: &PillarBrief, findings: &[Finding], resources: &[&Resource]) -> Value {
    let groups = gap_groups(&brief.coverage_gaps);
    let gaps_left_out = groups.len().saturating_sub(brief.gap_groups_shown);
    let mut data = json!({
        "pillar": brief.pillar.title(),
        "score": brief.score,
        "account_id": brief.account_id,
        "regions": brief.regions,
        "account_profile": {
            "resources": brief.profile.resources,
            "by_service": brief.profile.by_service,
            "by_region": brief.profile.by_region,
        },
        "checks": brief.checks.iter().map(|c| json!({
            "check_id": c.check_id,
            "title": c.title,
            "best_practice": c.best_practice,
            "severity": c.severity.id(),
            "evaluated": c.evaluated,
            "failed": c.failed,
        })).collect::<Vec<_>>(),
        "findings": findings.iter().map(finding).collect::<Vec<_>>(),
        "resources": resources.iter().map(|r| excerpt(r)).collect::<Vec<_>>(),
        "coverage_gaps": groups.into_iter().take(brief.gap_groups_shown).collect::<Vec<_>>(),
    });
    if gaps_left_out > 0
        && let Some(map) = data.as_object_mut()
    {
        map.insert(
            "coverage_gaps_not_shown".into(),
            json!({
                "groups": gaps_left_out,
                "note": "More parts of the account could not be read than fit this brief; the report lists them all.",
            }),
        );
    }
    let left_out = brief.findings.len() - findings.len();
    if left_out > 0
        && let Some(map) = data.as_object_mut()
    {
        map.insert(
            "not_shown".into(),
            json!({
                "findings": left_out,
                "note": "The least severe findings were left out to fit this brief; the check counts include them.",
            }),
        );
    }
    data
}

/// A finding in few tokens: no name when it is the id, no savings when there are none.
fn finding(f: &Finding) -> Value {
    let mut v = json!({
        "id": f.id,
        "check_id": f.check_id,
        "severity": f.severity.id(),
        "region": f.region,
        "resource_id": f.resource_id,
        "evidence": f.evidence,
    });
    if let Some(map) = v.as_object_mut() {
        if f.resource_name != f.resource_id {
            map.insert("resource_name".into(), f.resource_name.clone().into());
        }
        if let Some(s) = f.monthly_savings_usd {
            map.insert("monthly_savings_usd".into(), json!(s));
        }
    }
    v
}

/// A resource as the inventory recorded it, without its ARN (the id and region name it) and
/// without empty fields.
fn excerpt(resource: &Resource) -> Value {
    let mut v = serde_json::to_value(resource).unwrap_or(Value::Null);
    if let Some(map) = v.as_object_mut() {
        map.remove("arn");
        map.retain(|_, value| match value {
            Value::Null => false,
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            _ => true,
        });
    }
    v
}

/// JSON laid out for a reader and for diffs: one line per top-level key, one per list item.
pub fn layout(data: &Value) -> String {
    let Some(map) = data.as_object() else {
        return data.to_string();
    };
    let mut out = String::from("{\n");
    for (i, (key, value)) in map.iter().enumerate() {
        out.push_str(&format!("  {}: ", Value::String(key.clone())));
        match value {
            Value::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (j, item) in items.iter().enumerate() {
                    out.push_str("    ");
                    out.push_str(&item.to_string());
                    out.push_str(if j + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str("  ]");
            }
            other => out.push_str(&other.to_string()),
        }
        out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
    }
    out.push('}');
    out
}

/// One pillar's outcome, as the summary analyst sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryPillar {
    pub pillar: Pillar,
    pub score: u8,
    pub summary: String,
    pub rating: Option<Rating>,
    pub risks: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    pub high_risk_issues: usize,
}

/// Everything the summary analyst is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryBrief {
    pub account_id: String,
    pub overall_score: u8,
    pub pillars: Vec<SummaryPillar>,
    pub findings: usize,
    pub high_risk_issues: usize,
    /// Total estimated monthly savings, already de-duplicated by the checks.
    pub monthly_savings_usd: f64,
    pub coverage_gaps: usize,
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use wellscan_model::{EbsVolume, Severity, Tags, finding_id};

    use super::*;

    fn volume(id: &str) -> Resource {
        Resource::EbsVolume(EbsVolume {
            id: id.into(),
            arn: format!("arn:aws:ec2:us-east-1:123456789012:volume/{id}"),
            region: "us-east-1".into(),
            tags: Tags::new(),
            ..EbsVolume::default()
        })
    }

    fn finding(n: usize, severity: Severity) -> Finding {
        let resource = format!("vol-{n:04}");
        Finding {
            id: finding_id(
                "ebs.volume_unattached",
                "us-east-1",
                "ebs_volume",
                &resource,
            ),
            check_id: "ebs.volume_unattached".into(),
            pillar: Pillar::CostOptimization,
            related_pillars: vec![],
            best_practice: "COST04-BP03".into(),
            severity,
            region: "us-east-1".into(),
            resource_arn: format!("arn:aws:ec2:us-east-1:123456789012:volume/{resource}"),
            resource_name: resource.clone(),
            resource_id: resource,
            resource_kind: "ebs_volume".into(),
            title: "EBS volume is not attached to any instance".into(),
            evidence: "available for 90 days, 100 GiB gp3, and a sentence to take up room".into(),
            remediation: "aws ec2 delete-volume".into(),
            monthly_savings_usd: Some(8.0),
        }
    }

    /// 400 findings on 400 volumes: a quarter high, the rest low, interleaved.
    fn account() -> (Inventory, Vec<Finding>) {
        let mut inventory = Inventory::new("123456789012", "aws", Utc::now());
        inventory.regions = vec!["us-east-1".into()];
        let mut findings = Vec::new();
        for n in 0..400 {
            inventory.resources.push(volume(&format!("vol-{n:04}")));
            let severity = if n % 4 == 0 {
                Severity::High
            } else {
                Severity::Low
            };
            findings.push(finding(n, severity));
        }
        (inventory, findings)
    }

    #[test]
    fn a_brief_within_budget_shows_everything() {
        let (inventory, findings) = account();
        let brief = PillarBrief::build(
            Pillar::CostOptimization,
            50,
            &inventory,
            &[],
            &findings,
            1_000_000,
        );
        assert_eq!(brief.stats.findings_included, 400);
        assert_eq!(brief.stats.findings_trimmed, 0);
        assert_eq!(brief.stats.resources_included, 400);
        assert!(brief.data().get("not_shown").is_none());
        assert_eq!(brief.profile.by_service.values().sum::<usize>(), 400);
    }

    #[test]
    fn the_budget_leaves_out_the_least_severe_findings_and_says_so() {
        let (inventory, findings) = account();
        let budget = 20_000;
        let brief = PillarBrief::build(
            Pillar::CostOptimization,
            50,
            &inventory,
            &[],
            &findings,
            budget,
        );
        let stats = brief.stats;
        assert!(stats.estimated_tokens <= budget, "{stats:?}");
        assert!(
            stats.findings_trimmed > 0 && stats.findings_included > 100,
            "{stats:?}"
        );
        assert_eq!(stats.findings_included + stats.findings_trimmed, 400);
        // Every high finding is shown before any low one.
        let shown = brief.shown_findings();
        assert!(shown[..100].iter().all(|f| f.severity == Severity::High));
        assert!(
            brief.findings[stats.findings_included..]
                .iter()
                .all(|f| f.severity == Severity::Low)
        );
        // Only the shown findings' resources come along.
        assert_eq!(stats.resources_included, shown.len());
        let data = brief.data();
        assert_eq!(
            data["resources"].as_array().map(Vec::len),
            Some(shown.len())
        );
        assert_eq!(data["not_shown"]["findings"], stats.findings_trimmed);
        // Every finding stays citable (grounding) and analysable offline.
        assert_eq!(brief.findings.len(), 400);
        // The budget is what a model is sent: the laid-out JSON.
        assert_eq!(estimate_tokens(&layout(&data)), stats.estimated_tokens);
    }

    #[test]
    fn thousands_of_coverage_gaps_take_at_most_a_quarter_of_the_budget() {
        let (mut inventory, findings) = account();
        // Forty regions, each bucket's reads denied: thousands of distinct gaps.
        for region in 0..40 {
            for bucket in 0..60 {
                inventory.coverage_gaps.push(CoverageGap {
                    region: format!("region-{region}"),
                    service: "s3".into(),
                    operation: "GetBucketPolicy".into(),
                    error: format!("bucket data-{region}-{bucket}: access denied"),
                });
            }
            inventory.coverage_gaps.push(CoverageGap {
                region: format!("region-{region}"),
                service: "rds".into(),
                operation: "DescribeDBInstances".into(),
                error: "access denied".into(),
            });
        }
        let budget = 20_000;
        let brief = PillarBrief::build(
            Pillar::CostOptimization,
            50,
            &inventory,
            &[],
            &findings,
            budget,
        );
        let stats = brief.stats;
        assert!(stats.estimated_tokens <= budget, "{stats:?}");
        assert!(stats.gap_groups_trimmed > 0, "{stats:?}");
        assert!(
            stats.findings_included > 50,
            "findings still fit: {stats:?}"
        );
        let data = brief.data();
        let gaps = estimate_tokens(&layout(&data["coverage_gaps"]));
        assert!(gaps <= budget / 4, "{gaps} tokens of gaps");
        assert_eq!(
            data["coverage_gaps_not_shown"]["groups"],
            stats.gap_groups_trimmed
        );
        // Forty regions denying one call are one group.
        let rds = data["coverage_gaps"]
            .as_array()
            .and_then(|g| g.iter().find(|g| g["service"] == "rds"))
            .expect("the RDS group is shown (it sorts first)");
        assert_eq!(rds["regions"].as_array().map(Vec::len), Some(40));
    }

    #[test]
    fn a_budget_too_small_for_any_finding_shows_none() {
        let (inventory, findings) = account();
        let brief =
            PillarBrief::build(Pillar::CostOptimization, 50, &inventory, &[], &findings, 10);
        assert_eq!(brief.stats.findings_included, 0);
        assert_eq!(brief.data()["findings"], serde_json::json!([]));
    }

    #[test]
    fn excerpts_leave_out_arns_and_empty_fields() {
        let e = excerpt(&volume("vol-1"));
        assert_eq!(e["id"], "vol-1");
        assert!(e.get("arn").is_none() && e.get("tags").is_none(), "{e}");
    }

    #[test]
    fn small_context_models_get_a_smaller_default_budget() {
        assert_eq!(
            default_budget("us.anthropic.claude-sonnet-4-20250514-v1:0"),
            DEFAULT_BRIEF_TOKENS
        );
        assert_eq!(default_budget("mistral.mistral-7b-instruct-v0:2"), 8_000);
        assert_eq!(
            default_budget("meta.llama3-8b-instruct-v1:0"),
            MIN_BRIEF_TOKENS
        );
    }
}
