//! What changed between two scans: new, resolved and still-open findings, resources gone, and
//! the change in each score and in savings.
//!
//! Only like is compared with like: a finding or resource in a region one of the two scans did
//! not cover, or in a service one of them could not read, is neither new, resolved nor gone;
//! it is counted in [`Comparison::not_compared`].

use std::collections::{BTreeMap, BTreeSet};

use wellscan_model::{
    Comparison, PillarDelta, ResolvedFinding, ResourceKey, ScanDiff, ScanRecord, ScanScope,
    StoredFinding,
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

type Key<'a> = (&'a str, &'a str, &'a str, &'a str);

/// Check, region, kind and resource id; the kind left out when a record of an older wellscan,
/// which kept none, is one of the two.
fn key(f: &StoredFinding, kinds: bool) -> Key<'_> {
    let kind = if kinds { f.resource_kind.as_str() } else { "" };
    (&f.check_id, &f.region, kind, &f.resource_id)
}

/// What changed from `before` to `after`, over what both scans saw.
pub fn diff(before: &Snapshot, after: &Snapshot) -> ScanDiff {
    let both = |kind: &str, region: &str| {
        saw(&before.record.scope, kind, region) && saw(&after.record.scope, kind, region)
    };
    let kinds = before
        .findings
        .iter()
        .chain(&after.findings)
        .all(|f| !f.resource_kind.is_empty());
    let (old, old_outside) = split(&before.findings, kinds, both);
    let (new, new_outside) = split(&after.findings, kinds, both);
    let present = Present::of(&after.resources);
    let resolved = old
        .iter()
        .filter(|(k, _)| !new.contains_key(*k))
        .map(|(_, f)| ResolvedFinding {
            finding: (*f).clone(),
            resource_gone: !present.has(&f.resource_kind, &f.region, &f.resource_id),
        })
        .collect();
    let gone = before
        .resources
        .iter()
        .filter(|r| both(&r.kind, &r.region))
        .filter(|r| !present.has(&r.kind, &r.region, &r.resource_id))
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
        compared: comparison(
            &before.record.scope,
            &after.record.scope,
            old_outside + new_outside,
        ),
    }
}

/// Whether a scan of `scope` saw `kind` in `region`; an older record, with no scope, saw all.
fn saw(scope: &Option<ScanScope>, kind: &str, region: &str) -> bool {
    scope.as_ref().is_none_or(|s| s.saw(kind, region))
}

/// The findings both scans could judge, by key, and how many fell outside.
fn split<'a>(
    findings: &'a [StoredFinding],
    kinds: bool,
    both: impl Fn(&str, &str) -> bool,
) -> (BTreeMap<Key<'a>, &'a StoredFinding>, usize) {
    let mut inside = BTreeMap::new();
    let mut outside = 0;
    for f in findings {
        if both(&f.resource_kind, &f.region) {
            inside.insert(key(f, kinds), f);
        } else {
            outside += 1;
        }
    }
    (inside, outside)
}

/// The resources of a scan, by kind where the record has them.
struct Present<'a> {
    with_kind: BTreeSet<(&'a str, &'a str, &'a str)>,
    by_id: BTreeSet<(&'a str, &'a str)>,
    kinds_known: bool,
}

impl<'a> Present<'a> {
    fn of(resources: &'a [ResourceKey]) -> Present<'a> {
        Present {
            with_kind: resources
                .iter()
                .map(|r| (r.kind.as_str(), r.region.as_str(), r.resource_id.as_str()))
                .collect(),
            by_id: resources
                .iter()
                .map(|r| (r.region.as_str(), r.resource_id.as_str()))
                .collect(),
            kinds_known: resources.iter().all(|r| !r.kind.is_empty()),
        }
    }

    /// Records of an older wellscan have no kinds: they match by region and id alone.
    fn has(&self, kind: &str, region: &str, id: &str) -> bool {
        if kind.is_empty() || !self.kinds_known {
            self.by_id.contains(&(region, id))
        } else {
            self.with_kind.contains(&(kind, region, id))
        }
    }
}

/// What the two scans were compared over, when their scopes differ or either has gaps.
fn comparison(
    before: &Option<ScanScope>,
    after: &Option<ScanScope>,
    not_compared: usize,
) -> Option<Comparison> {
    let (Some(before), Some(after)) = (before, after) else {
        return None;
    };
    let same_regions = before.regions == after.regions;
    if same_regions && before.gaps.is_empty() && after.gaps.is_empty() && not_compared == 0 {
        return None;
    }
    let regions = after
        .regions
        .iter()
        .filter(|r| before.regions.contains(r))
        .cloned()
        .collect();
    let unread: BTreeSet<String> = before
        .gaps
        .iter()
        .chain(&after.gaps)
        .map(|g| format!("{} in {}", g.service, g.region))
        .collect();
    Some(Comparison {
        regions,
        unread: unread.into_iter().collect(),
        not_compared,
    })
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
            resource_kind: String::new(),
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
                    kind: String::new(),
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

    fn scoped(regions: &[&str], gaps: &[(&str, &str)]) -> Option<ScanScope> {
        Some(ScanScope {
            source: wellscan_model::ScanSource::Live,
            regions: regions.iter().map(|r| r.to_string()).collect(),
            gaps: gaps
                .iter()
                .map(|(region, service)| wellscan_model::CoverageGap {
                    region: region.to_string(),
                    service: service.to_string(),
                    operation: "*".into(),
                    error: "access denied".into(),
                })
                .collect(),
        })
    }

    fn at(mut f: StoredFinding, kind: &str, region: &str) -> StoredFinding {
        f.resource_kind = kind.into();
        f.region = region.into();
        f
    }

    #[test]
    fn only_what_both_scans_saw_is_compared() {
        let open_sg = |region| at(finding("sg.open", "sg-1"), "security_group", region);
        let bucket = at(finding("s3.public", "b-1"), "s3_bucket", "eu-west-1");
        let mut before = snapshot(
            "a",
            60,
            vec![open_sg("us-east-1"), open_sg("eu-west-1"), bucket.clone()],
            &["sg-1", "b-1"],
        );
        before.record.scope = scoped(&["us-east-1", "eu-west-1"], &[]);
        // The newer scan covered eu-west-1 only, and could not read S3 there.
        let mut after = snapshot("b", 60, vec![], &[]);
        after.record.scope = scoped(&["eu-west-1"], &[("eu-west-1", "s3")]);
        let d = diff(&before, &after);
        let resolved: Vec<&str> = d
            .resolved
            .iter()
            .map(|r| r.finding.region.as_str())
            .collect();
        assert_eq!(
            resolved,
            ["eu-west-1"],
            "only the group in the region both scanned"
        );
        assert!(d.gone.iter().all(|g| g.kind != "s3_bucket"), "{:?}", d.gone);
        let compared = d.compared.expect("the scopes differ");
        assert_eq!(compared.regions, ["eu-west-1"]);
        assert_eq!(compared.unread, ["s3 in eu-west-1"]);
        assert_eq!(compared.not_compared, 2);
    }

    #[test]
    fn a_user_and_a_role_with_one_name_are_two_resources() {
        let user = at(finding("iam.old_key", "deploy"), "iam_user", "global");
        let mut before = snapshot("a", 60, vec![user], &[]);
        before.resources = vec![
            ResourceKey {
                resource_id: "deploy".into(),
                region: "global".into(),
                kind: "iam_user".into(),
            },
            ResourceKey {
                resource_id: "deploy".into(),
                region: "global".into(),
                kind: "iam_role".into(),
            },
        ];
        let mut after = snapshot("b", 60, vec![], &[]);
        // The user was deleted; a role of the same name is still there.
        after.resources = vec![before.resources[1].clone()];
        let d = diff(&before, &after);
        assert!(d.resolved[0].resource_gone, "the user is gone, not fixed");
        assert_eq!(d.gone.len(), 1);
        assert_eq!(d.gone[0].kind, "iam_user");
    }
}
