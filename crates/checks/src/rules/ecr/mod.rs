pub mod no_lifecycle_policy;
pub mod scan_on_push_off;
pub mod tags_mutable;

#[cfg(test)]
pub(crate) fn repo(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::EcrRepository),
) -> wellscan_model::Resource {
    let mut r = wellscan_model::EcrRepository {
        id: id.into(),
        scan_on_push: true,
        tags_immutable: true,
        lifecycle_policy: true,
        encryption: "AES256".into(),
        ..Default::default()
    };
    f(&mut r);
    r.into()
}
