//! Cost Optimization Hub's recommendations beside wellscan's own cost findings: where both flag
//! the same resource, wellscan's finding keeps its estimate and quotes AWS's beside it, and the
//! hub's finding goes, so a saving is counted once and the reader sees both figures.

use std::collections::HashMap;

use wellscan_model::{CheckSummary, Finding, Pillar};

/// The check whose findings are AWS's figures for resources wellscan also judges.
const AWS_CHECK: &str = "costoptimizationhub.rightsizing";
/// The checks that only quote AWS: none of them is wellscan's own figure.
const AWS_CHECKS: &str = "costoptimizationhub.";

pub(crate) fn merge(findings: &mut Vec<Finding>, summaries: &mut [CheckSummary]) {
    let key = |f: &Finding| {
        (
            f.region.clone(),
            f.resource_kind.clone(),
            f.resource_id.clone(),
        )
    };
    let aws: HashMap<_, (usize, f64)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.check_id == AWS_CHECK)
        .map(|(i, f)| (key(f), (i, f.monthly_savings_usd.unwrap_or(0.0))))
        .collect();
    if aws.is_empty() {
        return;
    }
    let mut merged = vec![false; findings.len()];
    for f in findings.iter_mut() {
        if f.check_id.starts_with(AWS_CHECKS)
            || f.pillar != Pillar::CostOptimization
            || f.monthly_savings_usd.is_none()
        {
            continue;
        }
        if let Some((i, savings)) = aws.get(&key(f)) {
            f.evidence.push_str(&format!(
                "; AWS Cost Optimization Hub estimates ${savings:.2} a month"
            ));
            merged[*i] = true;
        }
    }
    let gone = merged.iter().filter(|m| **m).count();
    if gone == 0 {
        return;
    }
    let mut index = 0;
    findings.retain(|_| {
        let keep = !merged[index];
        index += 1;
        keep
    });
    if let Some(s) = summaries.iter_mut().find(|s| s.check_id == AWS_CHECK) {
        s.failed = s.failed.saturating_sub(gone);
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Finding, Pillar, Severity};

    use super::*;

    fn finding(check: &str, resource: &str, savings: f64) -> Finding {
        Finding {
            id: format!("f-{check}-{resource}"),
            check_id: check.into(),
            pillar: Pillar::CostOptimization,
            related_pillars: Vec::new(),
            best_practice: "COST06-BP02".into(),
            severity: Severity::Medium,
            region: "us-east-1".into(),
            resource_id: resource.into(),
            resource_arn: String::new(),
            resource_kind: "ec2_instance".into(),
            resource_name: resource.into(),
            title: String::new(),
            evidence: "idle for 14 days".into(),
            remediation: String::new(),
            monthly_savings_usd: Some(savings),
        }
    }

    fn summary(check: &str, failed: usize) -> CheckSummary {
        CheckSummary {
            check_id: check.into(),
            pillar: Pillar::CostOptimization,
            best_practice: String::new(),
            wa_question: String::new(),
            wa_choice: String::new(),
            severity: Severity::Medium,
            title: String::new(),
            action: String::new(),
            evaluated: failed,
            failed,
            suppressed: 0,
            not_evaluated: 0,
        }
    }

    #[test]
    fn wellscans_finding_quotes_awss_figure_and_the_saving_counts_once() {
        let mut hub = finding("costoptimizationhub.commitment", "123456789012", 468.12);
        hub.resource_kind = "cost_optimization_hub".into();
        let mut on_hub = finding(AWS_CHECK, "123456789012", 96.36);
        on_hub.resource_kind = "cost_optimization_hub".into();
        let mut findings = vec![
            hub,
            on_hub,
            finding("ec2.idle_instance", "i-0idle", 70.08),
            finding(AWS_CHECK, "i-0idle", 96.36),
            finding(AWS_CHECK, "i-0only", 210.24),
        ];
        let mut summaries = vec![summary(AWS_CHECK, 2)];
        merge(&mut findings, &mut summaries);
        // AWS's own figures on the hub stay apart: neither is wellscan's.
        assert_eq!(findings.len(), 4);
        assert_eq!(findings[1].check_id, AWS_CHECK);
        assert_eq!(
            findings[2].evidence,
            "idle for 14 days; AWS Cost Optimization Hub estimates $96.36 a month"
        );
        assert_eq!(findings[2].monthly_savings_usd, Some(70.08));
        assert_eq!(findings[3].resource_id, "i-0only");
        assert_eq!(summaries[0].failed, 1);
    }
}
