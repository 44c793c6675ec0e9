//! Route 53: every hosted zone (ListHostedZones), with, for public zones, whether it signs its
//! answers (GetDNSSEC) and logs its queries (ListQueryLoggingConfigs, one listing for the
//! account), the failover records of each zone (ListResourceRecordSets) and the zones' tags
//! (ListTagsForResources, ten zones a call). A global unit.

mod records;

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_route53::types::{HostedZone as SdkZone, TagResourceType};
use wellscan_model::{Fact, FailoverRecord, HostedZone, Resource, Tags};

use crate::unit::{Collected, Partial, UnitCtx};

/// How many zones one ListTagsForResources call may name.
const TAGS_PER_CALL: usize = 10;

#[tracing::instrument(skip_all, fields(service = "route53"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let route53 = ctx.client::<aws_sdk_route53::Client>();
    // The zones and the account's query logging configurations are listed side by side.
    let (listed, logged) = tokio::join!(
        ctx.list(
            "ListHostedZones",
            route53.list_hosted_zones().into_paginator().send(),
            |page| page.hosted_zones().to_vec(),
        ),
        ctx.list(
            "ListQueryLoggingConfigs",
            route53.list_query_logging_configs().into_paginator().send(),
            |page| {
                page.query_logging_configs()
                    .iter()
                    .map(|c| bare_id(c.hosted_zone_id()))
                    .collect()
            },
        ),
    );
    let mut out = Collected::of(Vec::new());
    let listed = out.absorb(listed);
    let logging_read = logged.whole();
    let logged: BTreeSet<String> = out.absorb(logged).into_iter().collect();
    let mut zones: Vec<HostedZone> = listed
        .iter()
        .map(|z| zone(ctx, z, &logged, logging_read))
        .collect();
    if zones.is_empty() {
        return out;
    }

    let client = &route53;
    let each: Vec<(String, bool)> = zones.iter().map(|z| (z.id.clone(), z.private)).collect();
    let (details, mut tagged) = tokio::join!(
        ctx.fan_out(each, |(id, private)| async move {
            details(ctx, client, id, private).await
        }),
        tags(ctx, client, zones.iter().map(|z| z.id.clone()).collect()),
    );
    // Both rounds follow the listings.
    let mut longest = tagged.depth;
    out.gaps.append(&mut tagged.gaps);
    for (zone, mut read) in zones.iter_mut().zip(details) {
        longest = longest.max(read.depth);
        out.gaps.append(&mut read.gaps);
        match read.found.dnssec {
            Some(dnssec) => zone.dnssec = dnssec,
            None => zone.unknown.mark(Fact::Dnssec),
        }
        match read.found.failover {
            Some(records) => zone.failover_records = records,
            None => zone.unknown.mark(Fact::FailoverRecords),
        }
        match tagged.found.remove(&zone.id) {
            Some(tags) => zone.tags = tags,
            None => zone.unknown.mark(Fact::Tags),
        }
    }
    out.depth += longest;
    out.found.extend(zones.into_iter().map(Resource::from));
    out
}

/// The zone as listed; DNSSEC, records and tags come later.
fn zone(ctx: &UnitCtx, z: &SdkZone, logged: &BTreeSet<String>, logging_read: bool) -> HostedZone {
    let id = bare_id(z.id());
    let private = z.config().is_some_and(|c| c.private_zone());
    let mut zone = HostedZone {
        arn: format!("arn:{}:route53:::hostedzone/{id}", ctx.partition),
        region: ctx.resource_region.clone(),
        name: z.name().to_string(),
        private,
        record_count: z
            .resource_record_set_count()
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0),
        query_logging: logged.contains(&id),
        id,
        ..Default::default()
    };
    if !private && !logging_read {
        zone.unknown.mark(Fact::QueryLogging);
    }
    zone
}

/// `Z0123` from `/hostedzone/Z0123`, as the listings give it.
fn bare_id(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_string()
}

/// What the calls about one zone read; `None` where the call failed.
struct Details {
    /// DNSSEC's serve signature; `Some(None)` for a private zone, which has none.
    dnssec: Option<Option<String>>,
    failover: Option<Vec<FailoverRecord>>,
}

/// A zone's DNSSEC status (public zones) and its failover records, side by side.
async fn details(
    ctx: &UnitCtx,
    client: &aws_sdk_route53::Client,
    id: String,
    private: bool,
) -> Partial<Details> {
    let dnssec = async {
        if private {
            return Partial::of(Some(None));
        }
        match client.get_dnssec().hosted_zone_id(&id).send().await {
            Ok(d) => Partial::called(
                Some(
                    d.status()
                        .and_then(|s| s.serve_signature())
                        .map(String::from),
                ),
                Vec::new(),
            ),
            Err(e) => Partial::called(None, vec![ctx.gap("GetDNSSEC", &e)]),
        }
    };
    let (dnssec, mut failover) = tokio::join!(dnssec, records::failover(ctx, client, &id));
    let mut out = Partial::of(());
    let dnssec = out.absorb(dnssec);
    let records = failover.take_whole();
    out.absorb(failover);
    out.map(|()| Details {
        dnssec,
        failover: records,
    })
}

/// The tags of the zones, ten a call, by zone id: every zone of a call that answered has an
/// entry (empty when it has no tags); the zones of a call that failed have none.
async fn tags(
    ctx: &UnitCtx,
    client: &aws_sdk_route53::Client,
    ids: Vec<String>,
) -> Partial<BTreeMap<String, Tags>> {
    let batches: Vec<Vec<String>> = ids.chunks(TAGS_PER_CALL).map(<[String]>::to_vec).collect();
    let answers = ctx
        .fan_out(batches, |batch| async move {
            let answer = client
                .list_tags_for_resources()
                .resource_type(TagResourceType::Hostedzone)
                .set_resource_ids(Some(batch.clone()))
                .send()
                .await;
            (batch, answer)
        })
        .await;
    let mut out = Partial::called(BTreeMap::new(), Vec::new());
    for (batch, answer) in answers {
        match answer {
            Ok(a) => {
                for id in batch {
                    out.found.insert(id, Tags::new());
                }
                for set in a.resource_tag_sets() {
                    let Some(id) = set.resource_id() else {
                        continue;
                    };
                    out.found.insert(
                        bare_id(id),
                        crate::unit::tags(
                            set.tags().iter().map(|t| {
                                (t.key().unwrap_or_default(), t.value().unwrap_or_default())
                            }),
                        ),
                    );
                }
            }
            Err(e) => out.gaps.push(ctx.gap("ListTagsForResources", &e)),
        }
    }
    out
}
