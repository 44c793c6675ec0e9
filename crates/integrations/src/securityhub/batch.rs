//! Findings grouped into the batches `BatchImportFindings` takes: at most 100 findings and
//! 6 MB a call, each finding at most 240 KB.

use serde_json::Value;

pub const MAX_FINDINGS: usize = 100;
pub const MAX_BATCH_BYTES: usize = 6 * 1024 * 1024;
pub const MAX_FINDING_BYTES: usize = 240 * 1024;
/// The request's own bytes around its findings: `{"Findings":[` … `]}` and the commas.
const ENVELOPE: usize = 16;

/// `records` in batches, in order, and the ids of those too large to send at all.
pub fn split(records: Vec<Value>) -> (Vec<Vec<Value>>, Vec<String>) {
    let mut batches: Vec<Vec<Value>> = Vec::new();
    let mut too_large = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = ENVELOPE;
    for record in records {
        let size = serde_json::to_vec(&record).map_or(usize::MAX, |b| b.len());
        if size > MAX_FINDING_BYTES {
            too_large.push(
                record
                    .get("Id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            );
            continue;
        }
        if current.len() == MAX_FINDINGS || bytes + size + 1 > MAX_BATCH_BYTES {
            batches.push(std::mem::take(&mut current));
            bytes = ENVELOPE;
        }
        bytes += size + 1;
        current.push(record);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    (batches, too_large)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record(id: usize, description_bytes: usize) -> Value {
        json!({"Id": format!("f-{id}"), "Description": "x".repeat(description_bytes)})
    }

    #[test]
    fn batches_hold_at_most_a_hundred_findings_in_order() {
        let (batches, too_large) = split((0..250).map(|i| record(i, 10)).collect());
        let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [100, 100, 50]);
        assert_eq!(batches[2][49]["Id"], "f-249");
        assert!(too_large.is_empty());
    }

    #[test]
    fn batches_stay_under_six_megabytes_and_an_oversized_finding_is_named_not_sent() {
        // 200 KB each: 30 fit in 6 MB, well before the hundred.
        let mut records: Vec<Value> = (0..70).map(|i| record(i, 200 * 1024)).collect();
        records.insert(5, record(999, 300 * 1024));
        let (batches, too_large) = split(records);
        assert_eq!(too_large, ["f-999"]);
        for batch in &batches {
            let bytes = serde_json::to_vec(&json!({"Findings": batch})).expect("json");
            assert!(bytes.len() <= MAX_BATCH_BYTES, "{} bytes", bytes.len());
        }
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 70);
        assert_eq!(batches.len(), 3);
    }

    #[test]
    fn nothing_to_send_is_no_batch() {
        assert_eq!(split(Vec::new()), (Vec::<Vec<Value>>::new(), Vec::new()));
    }
}
