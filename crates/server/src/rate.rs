//! Per-caller rate limits: a token bucket per API token (or session), refilled continuously.
//! A caller over the limit gets 429 with `Retry-After`; other callers are not slowed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Requests per minute one caller may make, with bursts up to a tenth of that.
pub const DEFAULT_PER_MINUTE: u32 = 600;

#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `per_minute` requests a minute, in bursts of at most `max(per_minute / 10, 10)`.
    pub fn new(per_minute: u32) -> RateLimiter {
        let per_minute = f64::from(per_minute.max(1));
        RateLimiter {
            per_second: per_minute / 60.0,
            burst: (per_minute / 10.0).max(10.0).min(per_minute),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, key: &str) -> Result<(), ApiError> {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), ApiError> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        let wait = Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second);
        Err(ApiError::rate_limited(wait.as_secs().max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_over_the_limit_waits_and_others_do_not() {
        let limiter = RateLimiter::new(60); // one a second, bursts of 10
        let start = Instant::now();
        for _ in 0..10 {
            limiter
                .check_at("token:a", start)
                .expect("within the burst");
        }
        let refused = limiter.check_at("token:a", start).expect_err("over");
        assert_eq!(refused.status.as_u16(), 429);
        assert_eq!(refused.retry_after, Some(1));
        limiter.check_at("token:b", start).expect("another caller");
        limiter
            .check_at("token:a", start + Duration::from_millis(1_100))
            .expect("refilled");
    }
}
