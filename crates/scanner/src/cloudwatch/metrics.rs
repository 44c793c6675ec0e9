//! 14-day utilisation summaries through batched GetMetricData (up to 500 queries a call),
//! read right after the unit that found the resources.
//! Each metric is read as daily datapoints; a summary is their mean and their largest value.

use wellscan_model::{InstanceState, MetricStats, Resource, ResourceKind};

use super::CloudWatch;
use crate::query::NEXT_TOKEN;
use crate::unit::{Partial, UnitCtx};

/// Queries per GetMetricData call, as the API allows.
const QUERIES_PER_CALL: usize = 500;
const DAY: i32 = 86_400;

/// Which field of which resource a summary fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Ec2Cpu,
    RdsCpu,
    RdsConnections,
    LambdaInvocations,
    LambdaErrors,
    LambdaThrottles,
    LambdaDuration,
    NatBytesOut,
    DynamodbReads,
    DynamodbWrites,
}

/// One summary for one resource.
#[derive(Debug, Clone)]
pub struct Update {
    pub kind: ResourceKind,
    pub id: String,
    pub field: Field,
    pub stats: MetricStats,
}

struct Wanted {
    kind: ResourceKind,
    id: String,
    field: Field,
    namespace: &'static str,
    metric: &'static str,
    dimension: (&'static str, String),
    /// `Average` metrics summarise daily averages and daily maxima; `Sum` metrics daily sums.
    statistic: &'static str,
}

/// What to ask for each resource of this region that has utilisation metrics.
fn wanted(region: &str, resources: &[Resource]) -> Vec<Wanted> {
    let mut out = Vec::new();
    for r in resources {
        if r.region() != region {
            continue;
        }
        let mut want = |field, namespace, metric, dimension: &'static str, statistic| {
            out.push(Wanted {
                kind: r.kind(),
                id: r.id().to_string(),
                field,
                namespace,
                metric,
                dimension: (dimension, r.id().to_string()),
                statistic,
            });
        };
        match r {
            Resource::Ec2Instance(x) if x.state == InstanceState::Running => want(
                Field::Ec2Cpu,
                "AWS/EC2",
                "CPUUtilization",
                "InstanceId",
                "Average",
            ),
            Resource::RdsInstance(_) => {
                want(
                    Field::RdsCpu,
                    "AWS/RDS",
                    "CPUUtilization",
                    "DBInstanceIdentifier",
                    "Average",
                );
                want(
                    Field::RdsConnections,
                    "AWS/RDS",
                    "DatabaseConnections",
                    "DBInstanceIdentifier",
                    "Average",
                );
            }
            Resource::LambdaFunction(_) => {
                want(
                    Field::LambdaInvocations,
                    "AWS/Lambda",
                    "Invocations",
                    "FunctionName",
                    "Sum",
                );
                want(
                    Field::LambdaErrors,
                    "AWS/Lambda",
                    "Errors",
                    "FunctionName",
                    "Sum",
                );
                want(
                    Field::LambdaThrottles,
                    "AWS/Lambda",
                    "Throttles",
                    "FunctionName",
                    "Sum",
                );
                want(
                    Field::LambdaDuration,
                    "AWS/Lambda",
                    "Duration",
                    "FunctionName",
                    "Average",
                );
            }
            Resource::NatGateway(_) => want(
                Field::NatBytesOut,
                "AWS/NATGateway",
                "BytesOutToDestination",
                "NatGatewayId",
                "Sum",
            ),
            Resource::DynamodbTable(_) => {
                want(
                    Field::DynamodbReads,
                    "AWS/DynamoDB",
                    "ConsumedReadCapacityUnits",
                    "TableName",
                    "Sum",
                );
                want(
                    Field::DynamodbWrites,
                    "AWS/DynamoDB",
                    "ConsumedWriteCapacityUnits",
                    "TableName",
                    "Sum",
                );
            }
            _ => {}
        }
    }
    out
}

/// One query of a GetMetricData call, as its Query parameters: `MetricDataQueries.member.{n}.…`
/// for the `n`th query of the call (from 1).
fn query(n: usize, id: String, w: &Wanted, stat: &str) -> Vec<(String, String)> {
    let at = |field: &str| format!("MetricDataQueries.member.{n}.{field}");
    let metric = "MetricStat.Metric";
    vec![
        (at("Id"), id),
        (at(&format!("{metric}.Namespace")), w.namespace.to_string()),
        (at(&format!("{metric}.MetricName")), w.metric.to_string()),
        (
            at(&format!("{metric}.Dimensions.member.1.Name")),
            w.dimension.0.to_string(),
        ),
        (
            at(&format!("{metric}.Dimensions.member.1.Value")),
            w.dimension.1.clone(),
        ),
        (at("MetricStat.Period"), DAY.to_string()),
        (at("MetricStat.Stat"), stat.to_string()),
        (at("ReturnData"), "true".to_string()),
    ]
}

/// A query's id and statistic: `a{n}` the wanted summary's primary statistic, `m{n}` its daily
/// maximum.
type Asked<'a> = (String, &'a Wanted, &'static str);

/// Reads the summaries for `resources` in the unit's region over `days` ending at `now`.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "cloudwatch"))]
pub async fn collect(
    ctx: &UnitCtx,
    resources: &[Resource],
    days: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> Partial<Vec<Update>> {
    // The unit is the resource's service; the calls and their gaps are CloudWatch's.
    let ctx = &ctx.as_service("cloudwatch");
    let mut out = Partial::of(Vec::new());
    let wanted = wanted(&ctx.region, resources);
    if wanted.is_empty() {
        return out;
    }
    // Each wanted summary is one or two queries: `a{n}` the primary statistic, `m{n}` the daily maximum.
    let mut queries: Vec<Asked> = Vec::new();
    for (n, w) in wanted.iter().enumerate() {
        queries.push((format!("a{n}"), w, w.statistic));
        if w.statistic == "Average" {
            queries.push((format!("m{n}"), w, "Maximum"));
        }
    }
    let end = now.timestamp() - now.timestamp() % 3600;
    let start = end - i64::from(days) * i64::from(DAY);
    let window = [start, end].map(|t| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    });
    let cw = ctx.client::<CloudWatch>();
    let batches: Vec<Vec<(String, String)>> = queries
        .chunks(QUERIES_PER_CALL)
        .map(|batch| {
            let mut params = vec![
                ("StartTime".to_string(), window[0].clone()),
                ("EndTime".to_string(), window[1].clone()),
            ];
            for (i, (id, w, stat)) in batch.iter().enumerate() {
                params.extend(query(i + 1, id.clone(), w, stat));
            }
            params
        })
        .collect();
    let results = ctx
        .fan_out(batches, |batch| {
            let cw = cw.clone();
            async move {
                let mut values: Vec<(String, Vec<f64>)> = Vec::new();
                let params = crate::query::borrowed(&batch);
                let read =
                    crate::query::pages(ctx, &cw, "GetMetricData", &params, NEXT_TOKEN, |page| {
                        for r in page.items("MetricDataResults") {
                            if let Some(id) = r.text("Id") {
                                let points =
                                    r.texts("Values").filter_map(|v| v.trim().parse().ok());
                                values.push((id.to_string(), points.collect()));
                            }
                        }
                    })
                    .await;
                read.map(|()| values)
            }
        })
        .await;
    let mut series: std::collections::HashMap<String, Vec<f64>> = std::collections::HashMap::new();
    for read in results {
        for (id, v) in out.absorb(read) {
            series.entry(id).or_default().extend(v);
        }
    }
    let failed = !out.gaps.is_empty();
    out.found = wanted
        .iter()
        .enumerate()
        .filter_map(|(n, w)| {
            let primary = series.get(&format!("a{n}"));
            let stats = summarise(
                w.statistic,
                primary,
                series.get(&format!("m{n}")),
                days,
                failed,
            )?;
            Some(Update {
                kind: w.kind,
                id: w.id.clone(),
                field: w.field,
                stats,
            })
        })
        .collect();
    out
}

/// A summary from daily datapoints. No datapoints means zero for `Sum` metrics (CloudWatch
/// publishes nothing for a day without events) and unknown for `Average` metrics, or for any
/// metric when the call failed.
fn summarise(
    statistic: &str,
    primary: Option<&Vec<f64>>,
    maxima: Option<&Vec<f64>>,
    days: u32,
    failed: bool,
) -> Option<MetricStats> {
    let points = primary.filter(|p| !p.is_empty());
    match (statistic, points) {
        ("Sum", None) if !failed => Some(MetricStats {
            average: 0.0,
            maximum: 0.0,
            days,
        }),
        (_, None) => None,
        ("Sum", Some(p)) => Some(MetricStats {
            average: p.iter().sum::<f64>() / f64::from(days.max(1)),
            maximum: p.iter().copied().fold(0.0, f64::max),
            days,
        }),
        (_, Some(p)) => {
            let average = p.iter().sum::<f64>() / p.len() as f64;
            let maximum = maxima
                .filter(|m| !m.is_empty())
                .map(|m| m.iter().copied().fold(f64::MIN, f64::max))
                .unwrap_or_else(|| p.iter().copied().fold(f64::MIN, f64::max));
            Some(MetricStats {
                average,
                maximum,
                days,
            })
        }
    }
}

/// True for the resources that have utilisation metrics (what [`collect`] needs to see).
pub fn has_metrics(r: &Resource) -> bool {
    matches!(
        r,
        Resource::Ec2Instance(_)
            | Resource::RdsInstance(_)
            | Resource::LambdaFunction(_)
            | Resource::NatGateway(_)
            | Resource::DynamodbTable(_)
    )
}

/// Writes the summaries into the resources they belong to.
pub fn apply(resources: &mut [Resource], updates: Vec<Update>) {
    let index: std::collections::HashMap<(ResourceKind, String), usize> = resources
        .iter()
        .enumerate()
        .filter(|(_, r)| has_metrics(r))
        .map(|(i, r)| ((r.kind(), r.id().to_string()), i))
        .collect();
    for u in updates {
        let Some(&i) = index.get(&(u.kind, u.id)) else {
            continue;
        };
        let s = Some(u.stats);
        match (&mut resources[i], u.field) {
            (Resource::Ec2Instance(x), Field::Ec2Cpu) => x.cpu = s,
            (Resource::RdsInstance(x), Field::RdsCpu) => x.cpu = s,
            (Resource::RdsInstance(x), Field::RdsConnections) => x.connections = s,
            (Resource::LambdaFunction(x), Field::LambdaInvocations) => x.invocations = s,
            (Resource::LambdaFunction(x), Field::LambdaErrors) => x.errors = s,
            (Resource::LambdaFunction(x), Field::LambdaThrottles) => x.throttles = s,
            (Resource::LambdaFunction(x), Field::LambdaDuration) => x.duration_ms = s,
            (Resource::NatGateway(x), Field::NatBytesOut) => x.bytes_out = s,
            (Resource::DynamodbTable(x), Field::DynamodbReads) => x.consumed_reads = s,
            (Resource::DynamodbTable(x), Field::DynamodbWrites) => x.consumed_writes = s,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_without_datapoints_are_zero_averages_are_unknown() {
        assert_eq!(
            summarise("Sum", None, None, 14, false),
            Some(MetricStats {
                average: 0.0,
                maximum: 0.0,
                days: 14
            })
        );
        assert_eq!(summarise("Sum", None, None, 14, true), None);
        assert_eq!(summarise("Average", Some(&vec![]), None, 14, false), None);
        let s = summarise(
            "Average",
            Some(&vec![10.0, 20.0]),
            Some(&vec![50.0, 90.0]),
            14,
            false,
        )
        .expect("stats");
        assert_eq!((s.average, s.maximum), (15.0, 90.0));
        let sum = summarise("Sum", Some(&vec![140.0, 0.0]), None, 14, false).expect("stats");
        assert_eq!((sum.average, sum.maximum), (10.0, 140.0));
    }
}
