//! S3: every bucket, read in its own region. Missing configurations (no encryption rule, no
//! public access block, no policy, no lifecycle) come back as error codes; they are facts
//! about the bucket, not failures of the scan.

use aws_sdk_s3::types::{BucketVersioningStatus, Permission};
use wellscan_model::{CoverageGap, Fact, PublicAccessBlock, S3Bucket, Unknown, Versioning};

use crate::unit::{Collected, Partial, UnitCtx, time};
use crate::{error, policy};

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

#[tracing::instrument(skip_all, fields(region = "global", service = "s3"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let home = ctx.client::<aws_sdk_s3::Client>();
    let mut out = Collected::default();
    let mut buckets = Vec::new();
    let read = ctx
        .pages(
            "ListBuckets",
            home.list_buckets().into_paginator().send(),
            |page| {
                for b in page.buckets() {
                    if let Some(name) = b.name() {
                        let created = b.creation_date().and_then(time);
                        buckets.push((
                            name.to_string(),
                            b.bucket_region().map(String::from),
                            created,
                        ));
                    }
                }
            },
        )
        .await;
    out.absorb(read);
    if buckets.is_empty() {
        return out;
    }
    let located = ctx
        .fan_out(buckets, |(name, region, created)| {
            let home = home.clone();
            async move {
                let region = match region {
                    Some(r) => Partial::of(Some(r)),
                    None => location(ctx, &home, &name).await,
                };
                (name, region, created)
            }
        })
        .await;
    // Buckets listed without their region wait for GetBucketLocation before anything else.
    let mut located_by_call = 0;
    let mut work = Vec::new();
    for (name, region, created) in located {
        located_by_call = located_by_call.max(region.depth);
        out.gaps.extend(region.gaps);
        if let Some(region) = region.found {
            let c = ctx.clients.client_in::<aws_sdk_s3::Client>(&region);
            work.push((name, region, created, c));
        }
    }
    let details = ctx
        .fan_out(work, |(name, region, created, c)| async move {
            bucket(ctx, &c, name, region, created).await
        })
        .await;
    out.depth += located_by_call + 1;
    for bucket in details {
        out.gaps.extend(bucket.gaps);
        out.push(bucket.found);
    }
    out
}

/// The bucket's region. An empty constraint means us-east-1; `EU` is eu-west-1's old name.
async fn location(ctx: &UnitCtx, s3: &aws_sdk_s3::Client, name: &str) -> Partial<Option<String>> {
    match s3.get_bucket_location().bucket(name).send().await {
        Ok(answer) => {
            let region = match answer.location_constraint().map(|c| c.as_str()) {
                None | Some("") => "us-east-1".to_string(),
                Some("EU") => "eu-west-1".to_string(),
                Some(other) => other.to_string(),
            };
            Partial::called(Some(region), Vec::new())
        }
        Err(e) => {
            let mut gap = ctx.gap("GetBucketLocation", &e);
            gap.error = format!("bucket {name}: {}", gap.error);
            Partial::called(None, vec![gap])
        }
    }
}

/// Every per-bucket read at once, in the bucket's region.
async fn bucket(
    ctx: &UnitCtx,
    s3: &aws_sdk_s3::Client,
    name: String,
    region: String,
    created_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Partial<S3Bucket> {
    let (encryption, versioning, block, bucket_policy, status, acl, logging, lifecycle, tagging) = tokio::join!(
        s3.get_bucket_encryption().bucket(&name).send(),
        s3.get_bucket_versioning().bucket(&name).send(),
        s3.get_public_access_block().bucket(&name).send(),
        s3.get_bucket_policy().bucket(&name).send(),
        s3.get_bucket_policy_status().bucket(&name).send(),
        s3.get_bucket_acl().bucket(&name).send(),
        s3.get_bucket_logging().bucket(&name).send(),
        s3.get_bucket_lifecycle_configuration().bucket(&name).send(),
        s3.get_bucket_tagging().bucket(&name).send(),
    );
    let mut gaps = Vec::new();
    let mut unknown = Unknown::default();
    let mut failed = |op: &str, facts: &[Fact], e: String| {
        facts.iter().for_each(|f| unknown.mark(*f));
        gaps.push(CoverageGap {
            region: region.clone(),
            service: "s3".into(),
            operation: op.into(),
            error: format!("bucket {name}: {e}"),
        })
    };
    let mut b = S3Bucket {
        arn: format!("arn:{}:s3:::{name}", ctx.partition),
        id: name.clone(),
        region: region.clone(),
        created_at,
        ..Default::default()
    };
    match encryption {
        Ok(e) => {
            b.default_encryption = e
                .server_side_encryption_configuration()
                .and_then(|c| c.rules().first())
                .and_then(|r| r.apply_server_side_encryption_by_default())
                .map(|d| d.sse_algorithm().as_str().to_string())
        }
        Err(e) if error::code(&e) == Some("ServerSideEncryptionConfigurationNotFoundError") => {}
        Err(e) => failed(
            "GetBucketEncryption",
            &[Fact::DefaultEncryption],
            error::describe(&e),
        ),
    }
    match versioning {
        Ok(v) => {
            b.versioning = match v.status() {
                Some(BucketVersioningStatus::Enabled) => Versioning::Enabled,
                Some(BucketVersioningStatus::Suspended) => Versioning::Suspended,
                _ => Versioning::Disabled,
            }
        }
        Err(e) => failed(
            "GetBucketVersioning",
            &[Fact::Versioning],
            error::describe(&e),
        ),
    }
    match block {
        Ok(p) => {
            b.public_access_block =
                p.public_access_block_configuration()
                    .map(|c| PublicAccessBlock {
                        block_public_acls: c.block_public_acls().unwrap_or(false),
                        ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                        block_public_policy: c.block_public_policy().unwrap_or(false),
                        restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                    })
        }
        Err(e) if error::code(&e) == Some("NoSuchPublicAccessBlockConfiguration") => {}
        Err(e) => failed(
            "GetPublicAccessBlock",
            &[Fact::PublicAccessBlock],
            error::describe(&e),
        ),
    }
    match bucket_policy {
        Ok(p) => {
            let doc = p.policy().map(policy::parse).unwrap_or_default();
            b.policy_public = policy::allows_everyone(&doc);
            b.tls_only_policy = policy::denies_insecure_transport(&doc);
        }
        Err(e) if error::code(&e) == Some("NoSuchBucketPolicy") => {}
        Err(e) => failed(
            "GetBucketPolicy",
            &[Fact::PolicyPublic, Fact::TlsOnlyPolicy],
            error::describe(&e),
        ),
    }
    // AWS's own verdict, where the service gives one, overrides the document reading.
    let verdict = match &status {
        Ok(s) => s.policy_status().and_then(|p| p.is_public()),
        Err(_) => None,
    };
    match acl {
        Ok(a) => {
            b.acl_public = a.grants().iter().any(|g| {
                let uri = g.grantee().and_then(|g| g.uri()).unwrap_or_default();
                (uri == ALL_USERS || uri == AUTHENTICATED_USERS)
                    && g.permission() != Some(&Permission::ReadAcp)
            })
        }
        Err(e) => failed("GetBucketAcl", &[Fact::AclPublic], error::describe(&e)),
    }
    match logging {
        Ok(l) => b.access_logging = l.logging_enabled().is_some(),
        Err(e) => failed(
            "GetBucketLogging",
            &[Fact::AccessLogging],
            error::describe(&e),
        ),
    }
    match lifecycle {
        Ok(l) => {
            b.lifecycle_rules = l.rules().len() as u32;
            b.aborts_incomplete_uploads = l.rules().iter().any(|r| {
                r.status() == &aws_sdk_s3::types::ExpirationStatus::Enabled
                    && r.abort_incomplete_multipart_upload().is_some()
            });
        }
        Err(e) if error::code(&e) == Some("NoSuchLifecycleConfiguration") => {}
        Err(e) => failed(
            "GetBucketLifecycleConfiguration",
            &[Fact::LifecycleRules],
            error::describe(&e),
        ),
    }
    match tagging {
        Ok(t) => {
            b.tags = crate::unit::tags(
                t.tag_set()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string())),
            )
        }
        Err(e) if error::code(&e) == Some("NoSuchTagSet") => {}
        Err(e) => failed("GetBucketTagging", &[Fact::Tags], error::describe(&e)),
    }
    if let Some(public) = verdict {
        b.policy_public = public;
        unknown.unmark(Fact::PolicyPublic);
    }
    b.unknown = unknown;
    Partial::called(b, gaps)
}
