//! Time, injectable: tests and simulations move a [`ManualClock`]; production
//! uses [`SystemClock`]. Dates people see are in the office's time zone,
//! Western Indonesia Time ([`WIB`]) by default.
//!
//! Everything that depends on the date takes `today` or a clock (so tests and
//! other offices can choose it); the `*_today` convenience functions read the
//! system clock in WIB.

use std::sync::Mutex;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// WIB, UTC+7 (Batam and the rest of western Indonesia; no daylight saving).
// `east_opt` only fails beyond ±24 h, so this is checked at compile time.
pub const WIB: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Today's date in WIB, from the system clock.
pub fn today_wib() -> NaiveDate {
    Utc::now().with_timezone(&WIB).date_naive()
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
