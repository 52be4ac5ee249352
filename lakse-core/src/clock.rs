//! Today's date where the service desk is: Western Indonesia Time (WIB, UTC+7).
//!
//! Everything that depends on the date takes `today` as an argument (so tests
//! and other offices can choose it); the `*_today` convenience functions read it
//! from here.

use chrono::{FixedOffset, NaiveDate, Utc};

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
