pub mod http_subscription;
pub mod topic_public;
pub mod topic_unencrypted;
pub mod topic_without_subscriptions;

#[cfg(test)]
pub(crate) fn topic(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::SnsTopic),
) -> wellscan_model::Resource {
    let mut t = wellscan_model::SnsTopic {
        id: id.into(),
        arn: format!("arn:aws:sns:us-east-1:111122223333:{id}"),
        kms_key_id: Some("alias/aws/sns".into()),
        subscriptions: 1,
        ..Default::default()
    };
    f(&mut t);
    t.into()
}
