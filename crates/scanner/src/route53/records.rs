//! The failover records of one zone: ListResourceRecordSets pages by the name, type and set
//! identifier of the next record (the SDK has no paginator for it), and only records with a
//! failover routing policy are kept.

use aws_sdk_route53::types::{ResourceRecordSet, RrType};
use wellscan_model::FailoverRecord;

use crate::unit::{Partial, UnitCtx};

/// Where the next page starts: a record's name, type and set identifier.
type Start = (String, Option<RrType>, Option<String>);

pub(super) async fn failover(
    ctx: &UnitCtx,
    client: &aws_sdk_route53::Client,
    zone_id: &str,
) -> Partial<Vec<FailoverRecord>> {
    let mut found = Vec::new();
    let read = ctx
        .token_pages(
            "ListResourceRecordSets",
            |start: Option<Start>| {
                let (name, kind, identifier) = start.unwrap_or_default();
                client
                    .list_resource_record_sets()
                    .hosted_zone_id(zone_id)
                    .set_start_record_name(Some(name).filter(|n| !n.is_empty()))
                    .set_start_record_type(kind)
                    .set_start_record_identifier(identifier)
                    .send()
            },
            |page| {
                let name = page.next_record_name().filter(|_| page.is_truncated())?;
                Some((
                    name.to_string(),
                    page.next_record_type().cloned(),
                    page.next_record_identifier().map(String::from),
                ))
            },
            |page| {
                found.extend(
                    page.resource_record_sets()
                        .iter()
                        .filter_map(failover_record),
                )
            },
        )
        .await;
    read.map(|()| found)
}

fn failover_record(set: &ResourceRecordSet) -> Option<FailoverRecord> {
    let failover = set.failover()?;
    Some(FailoverRecord {
        name: set.name().to_string(),
        record_type: set.r#type().as_str().to_string(),
        failover: failover.as_str().to_string(),
        health_check_id: set.health_check_id().map(String::from),
        evaluates_target_health: set
            .alias_target()
            .is_some_and(|a| a.evaluate_target_health()),
    })
}
