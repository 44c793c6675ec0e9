//! `wellscan publish-dashboard`: the static site `wellscan_server::dashboard` renders, written
//! to a folder or uploaded under an S3 prefix.

use wellscan_orchestrator::aws::Access;
use wellscan_report::{S3Destination, S3Publisher};

use crate::args::DashboardArgs;
use crate::term::{say, warn_line};
use crate::{Exit, Failure};

pub async fn publish(args: DashboardArgs) -> Result<Exit, Failure> {
    let destination = args
        .s3
        .as_deref()
        .map(|url| S3Destination::parse(url).map_err(Failure::usage))
        .transpose()?;
    let Some(store) = crate::history::open_to_read(&args.store).await? else {
        return Err(Failure::usage(
            "no scans recorded yet: run `wellscan scan` first",
        ));
    };
    // A report uploaded under the site's own bucket and prefix is linked; others are named.
    let link = |address: &str| -> Option<String> {
        let d = destination.as_ref()?;
        let root = match d.prefix.as_str() {
            "" => format!("s3://{}/", d.bucket),
            prefix => format!("s3://{}/{prefix}/", d.bucket),
        };
        address.strip_prefix(&root).map(String::from)
    };
    let files = wellscan_server::dashboard::render(store.as_ref(), args.scans, &link)
        .await
        .map_err(|e| Failure::Run(e.into()))?;
    if let Some(out) = &args.out {
        let out = crate::out::absolute(out);
        for file in &files {
            let path = out.join(&file.file_name);
            wellscan_report::write_private_file(&path, &file.bytes).map_err(|e| {
                Failure::Run(anyhow::anyhow!("cannot write {}: {e}", path.display()))
            })?;
        }
        warn_line!(
            "wellscan: the dashboard ({} pages) is in {}",
            files.len() - 1,
            out.join("index.html").display()
        );
    }
    if let Some(destination) = destination {
        let caller = crate::aws::Caller::new(Access {
            profile: args.caller.profile.clone(),
            endpoint_url: args.caller.endpoint_url.clone(),
        });
        let session = caller.session().await?;
        let client = session.s3_for_bucket(&destination.bucket).await;
        let publisher = S3Publisher::new(
            client,
            destination,
            args.kms_key_id.clone(),
            wellscan_report::MAX_LINK_EXPIRY,
        );
        let mut index = String::new();
        for file in &files {
            let url = publisher
                .put_page(&file.file_name, file)
                .await
                .map_err(|e| Failure::Run(e.into()))?;
            if file.file_name == "index.html" {
                index = url;
            }
        }
        warn_line!("wellscan: uploaded the dashboard ({} files)", files.len());
        say!("{index}");
    }
    Ok(Exit::Done)
}
