//! `--s3`: the S3 publisher, built from the caller's credentials (the standard chain or
//! `--profile`), talking to the bucket's own region.

use std::time::Duration;

use anyhow::anyhow;
use wellscan_report::{MAX_LINK_EXPIRY, S3Destination, S3Publisher};

use crate::Failure;
use crate::args::UploadArgs;

/// The publisher `--s3` asks for, if any. The URL and expiry are checked before any scanning.
pub async fn publisher(
    args: &UploadArgs,
    caller: &crate::aws::Caller,
) -> Result<Option<S3Publisher>, Failure> {
    // Clap refuses --kms-key-id and --link-expiry without --s3.
    let Some(url) = &args.s3 else {
        return Ok(None);
    };
    let destination = S3Destination::parse(url).map_err(Failure::usage)?;
    let expiry = link_expiry(&args.link_expiry).map_err(Failure::usage)?;
    let session = caller.session().await?;
    let client = session.s3_for_bucket(&destination.bucket).await;
    Ok(Some(S3Publisher::new(
        client,
        destination,
        args.kms_key_id.clone(),
        expiry,
    )))
}

/// `900s`, `15m`, `2h` or `7d`, the unit always written; at most seven days.
pub fn link_expiry(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let Some((number, unit)) = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, _)| text.split_at(i))
    else {
        return Err(anyhow!(
            "--link-expiry `{text}`: give a unit (s, m, h or d), e.g. {text}s or 15m"
        ));
    };
    let n: u64 = number.parse().map_err(|_| {
        anyhow!("--link-expiry `{text}`: write a number with s, m, h or d, e.g. 15m")
    })?;
    let seconds = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => {
            return Err(anyhow!(
                "--link-expiry `{text}`: the unit is one of s, m, h, d"
            ));
        }
    };
    let expiry = Duration::from_secs(seconds);
    if expiry.is_zero() || expiry > MAX_LINK_EXPIRY {
        return Err(anyhow!(
            "--link-expiry `{text}`: a link lives between 1 s and 7 days"
        ));
    }
    Ok(expiry)
}

/// An object of S3 (`BUCKET/KEY`) as text, with the caller's credentials.
pub async fn read_s3(address: &str, caller: &crate::aws::Caller) -> Result<String, String> {
    let (bucket, key) = address
        .split_once('/')
        .ok_or_else(|| format!("s3://{address} names no object"))?;
    let session = caller.session().await.map_err(|e| e.message())?;
    let object = session
        .s3_for_bucket(bucket)
        .await
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .map_err(|e| wellscan_model::error_chain(&e))?;
    let bytes = object
        .body
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .into_bytes();
    String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_expiry_reads_units_and_refuses_the_impossible() {
        assert_eq!(link_expiry("15m").ok(), Some(Duration::from_secs(900)));
        assert_eq!(link_expiry("900s").ok(), Some(Duration::from_secs(900)));
        assert_eq!(link_expiry("7d").ok(), Some(MAX_LINK_EXPIRY));
        for bad in ["0s", "8d", "15 minutes", "m", "-5m", "15"] {
            assert!(link_expiry(bad).is_err(), "{bad}");
        }
    }
}
