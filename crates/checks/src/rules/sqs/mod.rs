pub mod queue_public;
pub mod queue_unencrypted;
pub mod queue_without_dlq;

#[cfg(test)]
pub(crate) fn queue(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::SqsQueue),
) -> wellscan_model::Resource {
    let mut q = wellscan_model::SqsQueue {
        id: id.into(),
        arn: format!("arn:aws:sqs:us-east-1:111122223333:{id}"),
        encrypted: true,
        dead_letter_queue: Some("arn:aws:sqs:us-east-1:111122223333:dlq".into()),
        ..Default::default()
    };
    f(&mut q);
    q.into()
}
