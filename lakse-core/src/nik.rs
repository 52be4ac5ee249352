//! NIK (Nomor Induk Kependudukan), the personal identity number.
//!
//! Sixteen digits: province (2), regency or city (2), district (2), birth date
//! `DDMMYY` with 40 added to the day for women, and a serial (4 digits,
//! `0001`–`9999`). [`parse`] splits a NIK into these parts and validates it:
//!
//! - Only ASCII digits count. Spaces, dots and hyphens are accepted anywhere
//!   as separators (`2171 0512 9000 0001`, `21.71.05.120900.0001`,
//!   `2171-0512-9000-0001`), and whitespace around the number (a tab, a line
//!   break, a no-break space) is ignored; anything else is refused as
//!   `nik.invalid_character`, full-width and Arabic-Indic digits included
//!   (they are never converted).
//! - The day is `01`–`31` for men and `41`–`71` for women: `71` is a woman
//!   born on the 31st, valid only in a month with 31 days; `00`, `32`–`40` and
//!   `72`–`99` are never valid.
//! - The century is the latest that does not put the birth date after `today`.
//! - [`Mode::Strict`] also requires the region codes to be in the embedded
//!   table, current or retired; [`Mode::Lenient`] checks shape and date only.
//!
//! Checks run in this order and the first failure is returned: characters,
//! length, date, serial, region. Errors never contain the number.
//!
//! ```
//! use chrono::NaiveDate;
//! use lakse_core::nik::{self, Mode, Sex};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let info = nik::parse("2171 0552 0990 0001", Mode::Strict, today)?;
//! assert_eq!(info.district.code(), "217105");
//! assert_eq!(info.district.name(), Some("Bulang"));
//! assert_eq!(info.birth_date, NaiveDate::from_ymd_opt(1990, 9, 12).unwrap());
//! assert_eq!(info.sex, Sex::Female);
//! assert_eq!(info.serial, 1);
//! // Display and Debug mask the middle digits; `expose` is for storage.
//! assert_eq!(info.nik.to_string(), "2171xxxxxxxx0001");
//! assert_eq!(info.nik.expose(), "2171055209900001");
//!
//! let err = nik::parse("2171055209900000", Mode::Strict, today).unwrap_err();
//! assert_eq!(err.code(), "nik.invalid_serial");
//! assert_eq!(err.field(), Some("nik"));
//! # Ok::<(), lakse_core::Error>(())
//! ```

use crate::error::{Error, IdKind, Result};
use crate::id::{self, Digits};
use crate::region::{Place, Region, RegionPart};
use crate::sensitive::IdNumber;
use chrono::NaiveDate;

/// How strictly to validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Region codes from the table (current or retired) and real dates.
    Strict,
    /// Shape and date only.
    Lenient,
}

/// Sex as encoded in a NIK.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Laki-laki.
    Male,
    /// Perempuan (day + 40).
    Female,
}

impl Sex {
    /// Stable machine code: `male` or `female`.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// The sex for a machine code.
    pub fn from_code(code: &str) -> Option<Sex> {
        [Sex::Male, Sex::Female]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// A NIK: 16 ASCII digits, checked.
///
/// [`Debug`](std::fmt::Debug) and [`Display`](std::fmt::Display) show it
/// masked (`2171xxxxxxxx0001`) so that logging one cannot leak it; use
/// [`Nik::expose`] where the full number is needed (storage, the coupon).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik(Digits);

impl Nik {
    /// The 16 digits, unmasked. Personal data: store it, don't log it.
    pub fn expose(&self) -> &str {
        id::expose(&self.0)
    }

    /// The display form: first 4 and last 4 digits, the middle 8 as `x`.
    pub fn mask(&self) -> String {
        id::mask(&self.0)
    }
}

impl std::fmt::Display for Nik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        id::fmt_masked(&self.0, f)
    }
}

impl std::fmt::Debug for Nik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Nik(")?;
        id::fmt_masked(&self.0, f)?;
        f.write_str(")")
    }
}

/// A parsed NIK.
///
/// Its `Debug` output hides the district and the birth date (they are the
/// digits a mask hides).
#[derive(Clone, PartialEq, Eq)]
pub struct NikInfo {
    /// The number itself.
    pub nik: Nik,
    /// Digits 1–2.
    pub province: RegionPart,
    /// Digits 1–4.
    pub regency: RegionPart,
    /// Digits 1–6.
    pub district: RegionPart,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// Digits 13–16, 1–9999.
    pub serial: u16,
}

impl NikInfo {
    /// True when the NIK carries a region code retired after a split; such a
    /// NIK is still valid.
    pub fn is_retired(&self) -> bool {
        self.regency.is_retired() || self.district.is_retired()
    }

    /// For a retired code, the current region that took over: the district's
    /// successor, or the regency's when the district has no single one.
    pub fn successor(&self) -> Option<&'static Region> {
        id::successor(&self.regency, &self.district)
    }
}

impl std::fmt::Debug for NikInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NikInfo")
            .field("nik", &self.nik)
            .field("province", &self.province.code())
            .field("regency", &self.regency.code())
            .field("sex", &self.sex)
            .field("serial", &self.serial)
            .finish_non_exhaustive()
    }
}

/// A parsed NIK as one flat record: what `parse_nik` returns in every language.
///
/// Printed (`Debug`), it shows only [`NikRecord::PRINTED`]: the number masked, and
/// not the district, the date or a retired code's successor, which with the
/// serial would give back the digits the mask hides. Every binding prints it
/// the same way.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NikRecord {
    /// The 16 digits (masked when printed).
    pub nik: IdNumber,
    /// The display form, `2171xxxxxxxx0001`.
    pub masked: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// Digits 13–16, 1–9999.
    pub serial: u16,
    /// Province code (2 digits) and name.
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
    /// True when the region code was retired after a split (the NIK stays valid).
    pub retired: bool,
    /// The code of the region that took over a retired one.
    pub successor_code: Option<String>,
    /// The name of the region that took over a retired one.
    pub successor_name: Option<String>,
}

id::printed_record!(NikRecord {
    nik,
    masked,
    sex,
    serial,
    province_code,
    province_name,
    regency_code,
    regency_name,
    retired,
});

impl From<&NikInfo> for NikRecord {
    fn from(info: &NikInfo) -> Self {
        let place = Place::of(&[info.province, info.regency, info.district]);
        NikRecord {
            nik: IdNumber::new(info.nik.expose()),
            masked: info.nik.mask(),
            birth_date: info.birth_date,
            sex: info.sex,
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

/// Parse a NIK from the input field `nik`. See the [module docs](self).
pub fn parse(input: &str, mode: Mode, today: NaiveDate) -> Result<NikInfo> {
    parse_as("nik", input, mode, today)
}

/// The 16 digits of a NIK written with or without separators (spaces, dots,
/// hyphens), checking its shape only: not its date, serial or region.
///
/// ```
/// let nik = lakse_core::nik::digits("2171 0552 0990 0001")?;
/// assert_eq!(nik.expose(), "2171055209900001");
/// assert!(lakse_core::nik::digits("2171").is_err());
/// # Ok::<(), lakse_core::Error>(())
/// ```
pub fn digits(input: &str) -> Result<Nik> {
    id::digits(IdKind::Nik, "nik", input).map(Nik)
}

/// Parse a NIK, as of today in WIB (UTC+7).
pub fn parse_today(input: &str, mode: Mode) -> Result<NikInfo> {
    parse(input, mode, crate::clock::today_wib())
}

/// Parse a NIK from field `field` (the name errors report).
pub fn parse_as(field: &str, input: &str, mode: Mode, today: NaiveDate) -> Result<NikInfo> {
    const KIND: IdKind = IdKind::Nik;
    let d = id::digits(KIND, field, input)?;
    let (day, sex) = match id::pair(&d, 6) {
        day @ 1..=31 => (day, Sex::Male),
        day @ 41..=71 => (day - 40, Sex::Female),
        _ => {
            return Err(Error::IdDate {
                kind: KIND,
                field: id::field_name(field),
                reason: "the day is not 01-31 (men) or 41-71 (women)",
            });
        }
    };
    let birth_date = id::date(KIND, field, day, id::pair(&d, 8), id::pair(&d, 10), today)?;
    let serial = id::serial(KIND, field, &d)?;
    let [province, regency, district] = id::regions(KIND, field, &d, mode)?;
    Ok(NikInfo {
        nik: Nik(d),
        province,
        regency,
        district,
        birth_date,
        sex,
        serial,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    #[test]
    fn debug_hides_the_middle_digits() {
        let info = parse("2171055209900001", Mode::Strict, today()).expect("valid");
        let debug = format!("{info:?} {:?} {}", info.nik, info.nik);
        assert!(!debug.contains("520990"), "{debug}");
        assert!(!debug.contains("1990"), "{debug}");
        assert!(!debug.contains("217105"), "{debug}");
    }

    #[test]
    fn a_printed_record_cannot_be_put_back_together() {
        // 910101 Merauke was retired; its successor 930101 would name it.
        for (text, masked, date) in [
            ("2171055209900001", "2171xxxxxxxx0001", "1990-09-12"),
            ("9101011209900001", "9101xxxxxxxx0001", "1990-09-12"),
        ] {
            let info = parse(text, Mode::Strict, today()).expect("valid");
            let record = NikRecord::from(&info);
            let printed = format!("{record:?}");
            assert!(printed.contains(masked), "{printed}");
            for hidden in [&text[..6], date, "930101", "Merauke"] {
                assert!(!printed.contains(hidden), "{hidden} in {printed}");
            }
            assert!(printed.contains("regency_name") && printed.ends_with(".. }"));
        }
    }

    #[test]
    fn leap_day_of_a_centurial_year_goes_back_a_century() {
        let in_2100 = NaiveDate::from_ymd_opt(2100, 3, 1).expect("date");
        let info = parse("2171052902000001", Mode::Strict, in_2100).expect("2000-02-29");
        assert_eq!(
            info.birth_date,
            NaiveDate::from_ymd_opt(2000, 2, 29).expect("date")
        );
    }

    #[test]
    fn errors_do_not_echo_the_number() {
        for input in [
            "2171059913900001",
            "2171051209900000",
            "0071051209900001",
            "21710512099000011",
        ] {
            let err = parse(input, Mode::Strict, today()).expect_err(input);
            let text = err.to_string();
            assert!(
                !text.contains("120990") && !text.contains("991390"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_refused_character_is_placed_in_the_input_as_typed() {
        // Two no-break spaces (two bytes each) before the number are skipped
        // but still counted: the `x` is the 7th character.
        let err = parse("\u{a0}\u{a0}2171x051209900001", Mode::Strict, today()).unwrap_err();
        match err {
            Error::IdCharacter {
                found, position, ..
            } => assert_eq!((found, position), ('x', 7)),
            other => panic!("{other:?}"),
        }
    }
}
