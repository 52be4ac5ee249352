//! Time, injectable: tests and simulations move a [`ManualClock`]; production
//! uses [`SystemClock`]. Dates people see are in the office's time zone,
//! Western Indonesia Time ([`WIB`]) by default.
//!
//! Everything that depends on the date takes `today` or a clock (so tests and
//! other offices can choose it); the `*_today` convenience functions read the
//! system clock in WIB.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// WIB, UTC+7 (Batam and the rest of western Indonesia; no daylight saving).
// `east_opt` only fails beyond ±24 h, so this is checked at compile time.
pub const WIB: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Today's date in WIB, from the system clock.
pub fn today_wib() -> NaiveDate {
    // From the seconds, not through a `DateTime`: building and shifting one
    // costs twice the clock read, and a bulk check of NIKs without `today`
    // asks for the date once per number.
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => wib_date(since.as_secs()),
        Err(_) => Utc::now().with_timezone(&WIB).date_naive(),
    }
}

/// The date in WIB at `unix_secs` seconds after 1970-01-01T00:00Z.
fn wib_date(unix_secs: u64) -> NaiveDate {
    // 1970-01-01 is day 719,163 counted from 0001-01-01 as day 1.
    const UNIX_EPOCH_FROM_CE: i64 = 719_163;
    let local = i64::try_from(unix_secs)
        .unwrap_or(i64::MAX)
        .saturating_add(i64::from(WIB.local_minus_utc()));
    i32::try_from(local.div_euclid(86_400).saturating_add(UNIX_EPOCH_FROM_CE))
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

/// Where lakse reads the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to.
///
/// ```
/// use lakse_core::clock::{Clock, ManualClock};
/// use chrono::{Duration, TimeZone, Utc};
///
/// let clock = ManualClock::new(Utc.with_ymd_and_hms(2023, 9, 25, 6, 15, 24).unwrap());
/// clock.advance(Duration::minutes(90));
/// assert_eq!(clock.now(), Utc.with_ymd_and_hms(2023, 9, 25, 7, 45, 24).unwrap());
/// ```
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        ManualClock(Mutex::new(at))
    }

    /// Sets the time.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    /// Moves the time forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wib_date_agrees_with_chrono() {
        let mut secs = 0u64;
        // Every 7 hours and 13 seconds from 1970 to past 2100, so each hour
        // of the day and both sides of midnight WIB are met.
        while secs < 4_200_000_000 {
            let chrono = DateTime::from_timestamp(i64::try_from(secs).expect("small"), 0)
                .expect("in range")
                .with_timezone(&WIB)
                .date_naive();
            assert_eq!(wib_date(secs), chrono, "at {secs}");
            secs += 7 * 3600 + 13;
        }
        // 16:59:59 UTC is 23:59:59 WIB; a second later it is the next day.
        let evening = 1_764_003_599; // 2025-11-24T16:59:59Z
        assert_eq!(wib_date(evening).to_string(), "2025-11-24");
        assert_eq!(wib_date(evening + 1).to_string(), "2025-11-25");
    }

    #[test]
    fn today_wib_reads_the_system_clock() {
        let before = Utc::now().with_timezone(&WIB).date_naive();
        let today = today_wib();
        let after = Utc::now().with_timezone(&WIB).date_naive();
        assert!(
            before <= today && today <= after,
            "{before} {today} {after}"
        );
    }
}
