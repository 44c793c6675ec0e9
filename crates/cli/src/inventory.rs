//! `wellscan inventory`: discovery only, written to a file that `scan --inventory` replays.

use crate::term::say;
use anyhow::anyhow;

use crate::args::InventoryArgs;
use crate::{Exit, Failure, display, scan};

pub async fn run(args: InventoryArgs) -> Result<Exit, Failure> {
    let regions = scan::regions(&args.live.regions)?;
    crate::out::inventory_file(&args.out, args.force)?;
    let source = scan::live_source(&args.live, None).await?;

    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let watcher = (!args.quiet).then(|| tokio::spawn(display::progress(rx)));
    let result = wellscan_orchestrator::acquire(&source, regions.as_deref(), &tx).await;
    drop(tx);
    if let Some(watcher) = watcher {
        let _ = watcher.await;
    }
    let inventory = result.map_err(|e| {
        if e.is_usage() {
            Failure::Usage(e.into())
        } else {
            Failure::Run(e.into())
        }
    })?;

    let rendered =
        wellscan_report::render_inventory(&inventory).map_err(|e| Failure::Run(e.into()))?;
    wellscan_report::write_private_file(&args.out, &rendered.bytes)
        .map_err(|e| Failure::Run(anyhow!("cannot write {}: {e}", args.out.display())))?;
    if !args.quiet {
        say!(
            "{} in {} written to {}",
            wellscan_model::count(inventory.resources.len(), "resource", "resources"),
            wellscan_model::count(inventory.regions.len(), "region", "regions"),
            crate::out::absolute(&args.out).display()
        );
        display::gaps(&inventory.coverage_gaps);
    }
    Ok(Exit::Done)
}
