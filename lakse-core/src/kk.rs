//! No KK (Nomor Kartu Keluarga), the family card number.
//!
//! Sixteen digits: the 6-digit region code where the card was issued, the
//! issue date `DDMMYY` (no +40 rule: day `01`–`31`), and a serial (4 digits,
//! `0001`–`9999`). Validation follows the NIK's rules (see [`crate::nik`]):
//! the same separators, the same check order (characters, length, date,
//! serial, region), the same century rule (the issue date is never after
//! `today`) and the same [`Mode`]s.
//!
//! ```
//! use chrono::NaiveDate;
//! use lakse_core::kk;
//! use lakse_core::nik::Mode;
//!
//! let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let info = kk::parse("21.71.10.150320.0042", Mode::Strict, today)?;
//! assert_eq!(info.district.name(), Some("Batam Kota"));
//! assert_eq!(info.issue_date, NaiveDate::from_ymd_opt(2020, 3, 15).unwrap());
//! assert_eq!(info.serial, 42);
//! assert_eq!(format!("{:?}", info.no_kk), "NoKk(2171xxxxxxxx0042)");
//!
//! let err = kk::parse("2171105503200042", Mode::Strict, today).unwrap_err();
//! assert_eq!(err.code(), "kk.invalid_date");
//! assert_eq!(err.field(), Some("no_kk"));
//! # Ok::<(), lakse_core::Error>(())
//! ```

use crate::error::{Error, IdKind, Result};
use crate::id::{self, Digits};
use crate::nik::Mode;
use crate::region::{Place, Region, RegionPart};
use crate::sensitive::IdNumber;
use chrono::NaiveDate;

/// A No KK: 16 ASCII digits, checked.
///
/// [`Debug`](std::fmt::Debug) and [`Display`](std::fmt::Display) show it
/// masked (`2171xxxxxxxx0042`); use [`NoKk::expose`] where the full number is
/// needed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoKk(Digits);

impl NoKk {
    /// The 16 digits, unmasked. Personal data: store it, don't log it.
    pub fn expose(&self) -> &str {
        id::expose(&self.0)
    }

    /// The display form: first 4 and last 4 digits, the middle 8 as `x`.
    pub fn mask(&self) -> String {
        id::mask(&self.0)
    }
}

impl std::fmt::Display for NoKk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        id::fmt_masked(&self.0, f)
    }
}

impl std::fmt::Debug for NoKk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NoKk(")?;
        id::fmt_masked(&self.0, f)?;
        f.write_str(")")
    }
}

/// A parsed No KK as one flat record: what `parse_kk` returns in every language.
///
/// Printed (`Debug`), it shows only [`KkRecord::PRINTED`]: the number masked, and
/// not the district, the date or a retired code's successor, which with the
/// serial would give back the digits the mask hides. Every binding prints it
/// the same way.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct KkRecord {
    /// The 16 digits (masked when printed).
    pub no_kk: IdNumber,
    /// The display form, `2171xxxxxxxx0001`.
    pub masked: String,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Digits 13–16, 1–9999.
    pub serial: u16,
    /// Province code (2 digits).
    pub province_code: String,
    /// Province name, when the code is known.
    pub province_name: Option<String>,
    /// Regency code (4 digits).
    pub regency_code: String,
    /// Regency name, when the code is known.
    pub regency_name: Option<String>,
    /// District code (6 digits).
    pub district_code: String,
    /// District name, when the code is known.
    pub district_name: Option<String>,
    /// True when the region code was retired after a split (the number stays valid).
    pub retired: bool,
    /// The code of the region that took over a retired one.
    pub successor_code: Option<String>,
    /// The name of the region that took over a retired one.
    pub successor_name: Option<String>,
}

id::printed_record!(KkRecord {
    no_kk,
    masked,
    serial,
    province_code,
    province_name,
    regency_code,
    regency_name,
    retired,
});

impl From<&KkInfo> for KkRecord {
    fn from(info: &KkInfo) -> Self {
        let place = Place::of(&[info.province, info.regency, info.district]);
        KkRecord {
            no_kk: IdNumber::new(info.no_kk.expose()),
            masked: info.no_kk.mask(),
            issue_date: info.issue_date,
            serial: info.serial,
            province_code: place.province_code,
            province_name: place.province_name,
            regency_code: place.regency_code,
            regency_name: place.regency_name,
            district_code: place.district_code,
            district_name: place.district_name,
            retired: place.retired,
            successor_code: place.successor_code,
            successor_name: place.successor_name,
        }
    }
}

/// A parsed No KK.
///
/// Its `Debug` output hides the district and the issue date (the digits a
/// mask hides).
#[derive(Clone, PartialEq, Eq)]
pub struct KkInfo {
    /// The number itself.
    pub no_kk: NoKk,
    /// Digits 1–2.
    pub province: RegionPart,
    /// Digits 1–4.
    pub regency: RegionPart,
    /// Digits 1–6.
    pub district: RegionPart,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Digits 13–16, 1–9999.
    pub serial: u16,
}

impl KkInfo {
    /// True when the number carries a region code retired after a split; it
    /// is still valid.
    pub fn is_retired(&self) -> bool {
        self.regency.is_retired() || self.district.is_retired()
    }

    /// For a retired code, the current region that took over: the district's
    /// successor, or the regency's when the district has no single one.
    pub fn successor(&self) -> Option<&'static Region> {
        id::successor(&self.regency, &self.district)
    }
}

impl std::fmt::Debug for KkInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KkInfo")
            .field("no_kk", &self.no_kk)
            .field("province", &self.province.code())
            .field("regency", &self.regency.code())
            .field("serial", &self.serial)
            .finish_non_exhaustive()
    }
}

/// Parse a No KK from the input field `no_kk`. See the [module docs](self).
pub fn parse(input: &str, mode: Mode, today: NaiveDate) -> Result<KkInfo> {
    parse_as("no_kk", input, mode, today)
}

/// Parse a No KK, as of today in WIB (UTC+7).
pub fn parse_today(input: &str, mode: Mode) -> Result<KkInfo> {
    parse(input, mode, crate::clock::today_wib())
}

/// Parse a No KK from field `field` (the name errors report).
pub fn parse_as(field: &str, input: &str, mode: Mode, today: NaiveDate) -> Result<KkInfo> {
    const KIND: IdKind = IdKind::Kk;
    let d = id::digits(KIND, field, input)?;
    let day = id::pair(&d, 6);
    if !(1..=31).contains(&day) {
        return Err(Error::IdDate {
            kind: KIND,
            field: id::field_name(field),
            reason: "the day is not 01-31",
        });
    }
    let issue_date = id::date(KIND, field, day, id::pair(&d, 8), id::pair(&d, 10), today)?;
    let serial = id::serial(KIND, field, &d)?;
    let [province, regency, district] = id::regions(KIND, field, &d, mode)?;
    Ok(KkInfo {
        no_kk: NoKk(d),
        province,
        regency,
        district,
        issue_date,
        serial,
    })
}
