pub mod backup_off;
pub mod no_lifecycle;
pub mod unencrypted;

#[cfg(test)]
pub(crate) fn fs(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::EfsFileSystem),
) -> wellscan_model::Resource {
    let mut fs = wellscan_model::EfsFileSystem {
        id: id.into(),
        region: "us-east-1".into(),
        encrypted: true,
        automatic_backups: true,
        lifecycle_to_ia: true,
        size_bytes: 50_000_000_000,
        ..Default::default()
    };
    f(&mut fs);
    fs.into()
}
