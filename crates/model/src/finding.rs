use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::{Pillar, Risk, Severity};

/// One failed check on one resource, with the facts that triggered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable across scans: derived from the check, region and resource (see [`finding_id`]).
    pub id: String,
    /// The check that produced it, e.g. `ec2.sg_open_admin_ports`.
    pub check_id: String,
    pub pillar: Pillar,
    /// Other pillars the same problem touches.
    #[serde(default)]
    pub related_pillars: Vec<Pillar>,
    /// The Well-Architected best practice this evidences, e.g. `SEC05-BP02`.
    pub best_practice: String,
    pub severity: Severity,
    /// The resource's region, or `global`.
    pub region: String,
    pub resource_id: String,
    pub resource_arn: String,
    /// The resource's kind tag, e.g. `ec2_instance`.
    pub resource_kind: String,
    /// The resource's `Name` tag or id, for people.
    pub resource_name: String,
    pub title: String,
    /// The facts that triggered the finding.
    pub evidence: String,
    /// What to do about it.
    pub remediation: String,
    /// What fixing it saves per month; `None` when not a cost finding.
    pub monthly_savings_usd: Option<f64>,
}

impl Finding {
    pub fn risk(&self) -> Risk {
        self.severity.risk()
    }
}

/// A finding's id: `f-` and 12 hex digits of a 64-bit FNV-1a hash of the check id, region,
/// resource kind and resource id (a bucket and a function may share a name). Stable across
/// scans, short enough for a model to cite.
pub fn finding_id(check_id: &str, region: &str, kind: &str, resource_id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [check_id, region, kind, resource_id] {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("f-{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_ids_are_stable_and_distinct() {
        let id =
            |region, kind, resource| finding_id("tags.missing_required", region, kind, resource);
        let a = id("us-east-1", "ebs_volume", "vol-1");
        assert_eq!(a, id("us-east-1", "ebs_volume", "vol-1"));
        assert_ne!(a, id("us-east-1", "ebs_volume", "vol-2"));
        assert_ne!(a, id("us-east-", "1ebs_volume", "vol-1"));
        assert_ne!(
            id("us-east-1", "s3_bucket", "deploy"),
            id("us-east-1", "lambda_function", "deploy")
        );
        assert_eq!(a.len(), 14);
    }
}

/// A finding set aside by a suppression in the configuration: still reported, apart, with why
/// and until when; not counted in any score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressedFinding {
    pub finding: Finding,
    pub reason: String,
    /// The last day the suppression applies.
    pub expires: NaiveDate,
    /// What the suppression matched: `resource <id>` or `tag <key>=<value>`.
    pub matched: String,
}

/// A suppression that matched a finding but had expired: the finding counts again, and the
/// reports say so, so that someone renews or drops the suppression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpiredSuppression {
    pub check_id: String,
    /// `resource <id>` or `tag <key>=<value>`.
    pub matched: String,
    pub reason: String,
    pub expired_on: NaiveDate,
}
