//! What changed between two scans: new, resolved and still-open findings, resources gone, and
//! the change in each score and in savings.

use std::collections::{BTreeMap, BTreeSet};

use wellscan_model::{
    PillarDelta, ResolvedFinding, ResourceKey, ScanDiff, ScanRecord, StoredFinding,
};

use crate::{ScanStore, StoreError};

/// One scan as the diff reads it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub record: ScanRecord,
    pub findings: Vec<StoredFinding>,
    pub resources: Vec<ResourceKey>,
}

impl Snapshot {
    /// Reads scan `scan_id` from `store`.
    pub async fn load(store: &dyn ScanStore, scan_id: &str) -> Result<Snapshot, StoreError> {
        let record = store
            .get(scan_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(scan_id.to_string()))?;
        Ok(Snapshot {
            findings: store.findings(scan_id).await?,
            resources: store.resources(scan_id).await?,
            record,
        })
    }
}

type Key<'a> = (&'a str, &'a str, &'a str);

fn key(f: &StoredFinding) -> Key<'_> {
    (&f.check_id, &f.region, &f.resource_id)
}

/// What changed from `before` to `after`.
pub fn diff(before: &Snapshot, after: &Snapshot) -> ScanDiff {
    let old: BTreeMap<Key, &StoredFinding> = before.findings.iter().map(|f| (key(f), f)).collect();
    let new: BTreeMap<Key, &StoredFinding> = after.findings.iter().map(|f| (key(f), f)).collect();
    let present: BTreeSet<(&str, &str)> = after
        .resources
        .iter()
        .map(|r| (r.region.as_str(), r.resource_id.as_str()))
        .collect();
    let resolved = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|((_, region, id), f)| ResolvedFinding {
            finding: (*f).clone(),
            resource_gone: !present.contains(&(*region, *id)),
        })
        .collect();
    let gone = before
        .resources
        .iter()
        .filter(|r| !present.contains(&(r.region.as_str(), r.resource_id.as_str())))
        .cloned()
        .collect();
    ScanDiff {
        from_scan: before.record.scan_id.clone(),
        to_scan: after.record.scan_id.clone(),
        new: pick(&new, |k| !old.contains_key(k)),
        resolved,
        still_open: pick(&new, |k| old.contains_key(k)),
        gone,
        overall_delta: delta(before.record.overall_score, after.record.overall_score),
        pillars: pillar_deltas(&before.record, &after.record),
        savings_delta_usd: after.record.monthly_savings_usd - before.record.monthly_savings_usd,
    }
}

fn pick(
    findings: &BTreeMap<Key, &StoredFinding>,
    keep: impl Fn(&Key) -> bool,
) -> Vec<StoredFinding> {
    findings
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(_, f)| (*f).clone())
        .collect()
}

fn delta(before: Option<u8>, after: Option<u8>) -> i16 {
    i16::from(after.unwrap_or(0)) - i16::from(before.unwrap_or(0))
}

fn pillar_deltas(before: &ScanRecord, after: &ScanRecord) -> Vec<PillarDelta> {
    after
        .pillars
        .iter()
        .filter_map(|now| {
            let then = before.pillars.iter().find(|p| p.pillar == now.pillar)?;
            Some(PillarDelta {
                pillar: now.pillar,
                before: then.score,
                after: now.score,
                delta: i16::from(now.score) - i16::from(then.score),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use wellscan_model::{Pillar, PillarScore, Severity};

    use super::*;

    fn finding(check: &str, resource: &str) -> StoredFinding {
        StoredFinding {
            check_id: check.into(),
            resource_id: resource.into(),
            region: "eu-west-1".into(),
            pillar: Pillar::Security,
            severity: Severity::High,
            title: check.into(),
            resource_name: resource.into(),
            monthly_savings_usd: None,
        }
    }

    fn snapshot(id: &str, score: u8, findings: Vec<StoredFinding>, resources: &[&str]) -> Snapshot {
        let mut record = ScanRecord::running(id, "123456789012", Utc::now());
        record.overall_score = Some(score);
        record.pillars = vec![PillarScore {
            pillar: Pillar::Security,
            score,
        }];
        Snapshot {
            record,
            findings,
            resources: resources
                .iter()
                .map(|r| ResourceKey {
                    resource_id: r.to_string(),
                    region: "eu-west-1".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn fixed_new_open_and_gone_are_told_apart() {
        let before = snapshot(
            "a",
            60,
            vec![
                finding("sg.open", "sg-1"),
                finding("ebs.plain", "vol-1"),
                finding("s3.public", "b-1"),
            ],
            &["sg-1", "vol-1", "b-1"],
        );
        let after = snapshot(
            "b",
            70,
            vec![finding("sg.open", "sg-1"), finding("iam.mfa", "alice")],
            &["sg-1", "b-1", "alice"],
        );
        let d = diff(&before, &after);
        assert_eq!(
            d.new
                .iter()
                .map(|f| f.resource_id.as_str())
                .collect::<Vec<_>>(),
            ["alice"]
        );
        assert_eq!(d.still_open.len(), 1);
        let resolved: Vec<(&str, bool)> = d
            .resolved
            .iter()
            .map(|r| (r.finding.resource_id.as_str(), r.resource_gone))
            .collect();
        assert_eq!(resolved, [("vol-1", true), ("b-1", false)]);
        assert_eq!(d.gone.len(), 1);
        assert_eq!(d.gone[0].resource_id, "vol-1");
        assert_eq!(d.overall_delta, 10);
        assert_eq!(d.pillars[0].delta, 10);
    }
}
