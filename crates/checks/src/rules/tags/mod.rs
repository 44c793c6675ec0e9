pub mod data_unclassified;
pub mod missing_required;
pub mod no_cost_allocation;

/// Whether `resource` has a tag whose key is one of `keys`, compared without case or separators
/// (`cost-center`, `CostCenter` and `COST_CENTER` are one key); `keys` are given lower-case and
/// without separators.
pub(crate) fn has_any(resource: &wellscan_model::Resource, keys: &[&str]) -> bool {
    resource.tags().keys().any(|k| {
        let key: String = k
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        keys.contains(&key.as_str())
    })
}
