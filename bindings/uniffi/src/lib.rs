//! UniFFI bindings of lakse-core for Kotlin and Swift.
//!
//! A boring layer: records, enums and one error type that mirror the core's,
//! the [`Lakse`] handle and the pure functions of `lakse_core::api`, each
//! converting its arguments, calling the core and converting the result.
//! No rule, check or SQL lives here.
//!
//! Types across the boundary:
//!
//! | core | Kotlin | Swift |
//! | --- | --- | --- |
//! | `NaiveDate` (a calendar date) | `java.time.LocalDate` (`CalendarDate`) | `String`, `YYYY-MM-DD` (`CalendarDate`) |
//! | `DateTime<Utc>` (an instant) | `java.time.Instant` | `Date` |
//! | `Vec<u8>` / `Bytes` | `ByteArray` | `Data` |
//! | `BTreeMap<String, String>` | `Map<String, String>` | `[String: String]` |
//! | `IdNumber`, `Secret`, `EmailAddress` | objects of those names | objects of those names |
//! | `u16`, `u32`, `u64` | `UShort`, `UInt`, `ULong` | `UInt16`, `UInt32`, `UInt64` |
//!
//! NIK, No KK, tokens, passwords and e-mail addresses in records are
//! `IdNumber`, `Secret` and `EmailAddress` objects that print masked
//! (`toString` in Kotlin, `description` in Swift) and give the value back
//! through `expose()`; records with free text that may hold a NIK (Keterangan,
//! form fields, e-mail data) print as the core's `Debug`, masked.
//!
//! Handle methods touch the database, files or the network: they are
//! `async` (Kotlin `suspend`, Swift `async`) and run the blocking core call
//! on the `blocking` crate's thread pool. Pure functions stay synchronous.

uniffi::setup_scaffolding!("lakse");

mod account;
mod application;
mod catalog;
mod convert;
mod coupon;
mod error;
mod handle;
mod identity;
mod options;
mod outbox;
mod profile;
mod pure;
mod sensitive;

pub use error::{ErrorInfo, LakseError};
pub use handle::Lakse;
pub use sensitive::{EmailAddress, IdNumber, Secret};

/// A calendar date: `java.time.LocalDate` in Kotlin (see `uniffi.toml`),
/// the text `YYYY-MM-DD` in Swift.
pub type CalendarDate = chrono::NaiveDate;

uniffi::custom_type!(CalendarDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| uniffi::deps::anyhow::anyhow!("not a date YYYY-MM-DD: {e}")),
});
