use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tracing::Instrument;
use wellscan_model::{Inventory, region};

use crate::aws::Session;
use crate::{Progress, ScanError};

/// The recorded demo account, embedded in the binary.
pub const DEMO_INVENTORY: &str = include_str!("../../../fixtures/demo/inventory.json");

/// Where the inventory comes from.
#[derive(Debug, Clone)]
pub enum InventorySource {
    /// The recorded demo account.
    Demo,
    /// A recorded inventory file (`wellscan inventory` writes them).
    File(PathBuf),
    /// The live account the configuration reaches.
    Live(Box<LiveSource>),
}

/// Calls in flight at once during discovery, by default.
pub const DEFAULT_DISCOVERY_CONCURRENCY: usize = wellscan_scanner::DEFAULT_CONCURRENCY;

/// What a live scan needs: the session reaching the account, and how hard to press it.
#[derive(Debug, Clone)]
pub struct LiveSource {
    pub session: Session,
    /// Calls in flight at once, over every region and service.
    pub concurrency: usize,
    /// When discovery stops; what is unfinished then becomes coverage gaps.
    pub deadline: Option<Duration>,
}

impl LiveSource {
    /// The account `session` reaches, with the default bounds.
    pub fn new(session: Session) -> LiveSource {
        LiveSource {
            session,
            concurrency: DEFAULT_DISCOVERY_CONCURRENCY,
            deadline: None,
        }
    }
}

/// Gets the inventory from `source`, keeping only `regions` when given. A live scan reports
/// its discovery progress on `progress`.
pub async fn acquire(
    source: &InventorySource,
    regions: Option<&[String]>,
    progress: &UnboundedSender<Progress>,
) -> Result<Inventory, ScanError> {
    let mut recorded = match source {
        InventorySource::Demo => demo_inventory()?,
        InventorySource::File(path) => read_inventory_file(path)?,
        InventorySource::Live(live) => return discover(live, regions, progress).await,
    };
    if let Some(regions) = regions {
        select_regions(&mut recorded, regions)?;
    }
    Ok(recorded)
}

async fn discover(
    live: &LiveSource,
    regions: Option<&[String]>,
    progress: &UnboundedSender<Progress>,
) -> Result<Inventory, ScanError> {
    let options = wellscan_scanner::Options {
        regions: regions.map(<[String]>::to_vec),
        concurrency: live.concurrency,
        deadline: live.deadline,
        ..wellscan_scanner::Options::default()
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<wellscan_model::Discovery>();
    let forward = progress.clone();
    let forwarder = tokio::spawn(async move {
        while let Some(event) = rx.recv().await {
            let _ = forward.send(Progress::Discovery(event));
        }
    });
    // Boxed: discovery is a deep future, and every caller's would otherwise hold it inline.
    let result = Box::pin(
        wellscan_scanner::scan(live.session.sdk(), &options, &tx)
            .instrument(tracing::info_span!("discovery")),
    )
    .await;
    drop(tx);
    // The forwarder ends with the channel; it cannot fail in a way that matters to the scan.
    let _ = forwarder.await;
    Ok(result?.inventory)
}

/// The demo account, parsed.
pub fn demo_inventory() -> Result<Inventory, ScanError> {
    let mut inventory =
        Inventory::from_json(DEMO_INVENTORY).map_err(|source| ScanError::BadInventory {
            path: PathBuf::from("<embedded demo>"),
            source,
        })?;
    wellscan_scanner::redact::inventory(&mut inventory);
    Ok(inventory)
}

/// Reads a recorded inventory file.
pub fn read_inventory_file(path: &std::path::Path) -> Result<Inventory, ScanError> {
    let text = read_input_file(path).map_err(|source| ScanError::ReadInventory {
        path: path.to_path_buf(),
        source,
    })?;
    let mut inventory = Inventory::from_json(&text).map_err(|source| ScanError::BadInventory {
        path: path.to_path_buf(),
        source,
    })?;
    // A file may come from anywhere: it gets the redaction a live scan gets.
    wellscan_scanner::redact::inventory(&mut inventory);
    Ok(inventory)
}

/// The most wellscan reads from any one input file (inventory, prices, configuration).
pub const INPUT_FILE_MAX: u64 = 256 * 1024 * 1024;

/// A text file the user handed in, refused when it is larger than [`INPUT_FILE_MAX`].
pub fn read_input_file(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB, the most wellscan reads from one file",
                INPUT_FILE_MAX / (1024 * 1024)
            ),
        )
    };
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > INPUT_FILE_MAX {
        return Err(too_large());
    }
    // A pipe or device has no length: it is cut off at the cap instead.
    let mut text = String::new();
    file.take(INPUT_FILE_MAX + 1).read_to_string(&mut text)?;
    if text.len() as u64 > INPUT_FILE_MAX {
        return Err(too_large());
    }
    Ok(text)
}

/// Keeps only `regions` of a recorded inventory; every name must be a real region that the
/// inventory recorded.
pub fn select_regions(inventory: &mut Inventory, regions: &[String]) -> Result<(), ScanError> {
    for r in regions {
        region::check(r, &inventory.regions)?;
        if !inventory.regions.contains(r) {
            return Err(ScanError::RegionNotRecorded {
                region: r.clone(),
                recorded: inventory.regions.join(", "),
            });
        }
    }
    inventory.retain_regions(regions);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use wellscan_model::{REDACTED, ResourceKind};

    use super::*;

    #[test]
    fn the_demo_account_is_a_realistic_account() {
        let demo = demo_inventory().expect("the embedded demo parses");
        assert!(demo.regions.len() >= 4, "{:?}", demo.regions);
        assert!(
            demo.resources.len() >= 300,
            "{} resources",
            demo.resources.len()
        );
        let kinds: BTreeSet<ResourceKind> = demo.resources.iter().map(|r| r.kind()).collect();
        for kind in ResourceKind::ALL {
            assert!(kinds.contains(kind), "the demo has no {}", kind.title());
        }
        for region in &demo.regions {
            assert!(
                demo.resources.iter().any(|r| r.region() == region),
                "nothing in {region}"
            );
        }
        let non_latin = demo
            .resources
            .iter()
            .filter_map(|r| r.name_tag())
            .any(|name| name.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)));
        assert!(non_latin, "a resource is named in Japanese");
        let tags = || demo.resources.iter().flat_map(|r| r.tags().values());
        assert!(
            tags().any(|v| v
                .to_lowercase()
                .contains("ignore all previous instructions")),
            "an instructing tag"
        );
        assert!(tags().any(|v| v == REDACTED), "a redacted tag value");
    }

    #[test]
    fn region_selection_checks_names_against_aws_and_the_recording() {
        let mut demo = demo_inventory().expect("demo");
        let unknown = select_regions(&mut demo, &["mars-1".to_string()]);
        assert!(matches!(unknown, Err(ScanError::UnknownRegion(_))));
        let unrecorded = select_regions(&mut demo, &["sa-east-1".to_string()]);
        assert!(matches!(
            unrecorded,
            Err(ScanError::RegionNotRecorded { .. })
        ));
        select_regions(&mut demo, &["eu-west-1".to_string()]).expect("recorded region");
        assert!(
            demo.resources
                .iter()
                .all(|r| r.region() == "eu-west-1" || r.region() == "global")
        );
    }
}
