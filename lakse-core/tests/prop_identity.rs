//! Property tests for NIK and No KK parsing.

use chrono::{Datelike, NaiveDate, TimeDelta};
use lakse_core::nik::{Mode, Sex};
use lakse_core::region::{self, RegionLevel};
use lakse_core::{kk, nik};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// Inputs near the accepted shape, where the interesting branches are.
fn near_shape() -> impl Strategy<Value = String> {
    "[0-9 .\u{ff10}-\u{ff19}\u{0660}-\u{0669}a-zA-Z\\-]{0,24}"
}

/// A district (current or retired), a date within the last 99 years, a sex and a serial.
fn parts() -> impl Strategy<Value = (&'static region::Region, NaiveDate, Sex, u16)> {
    let districts = region::all(RegionLevel::District);
    (
        0..districts.len(),
        0i64..36_000,
        prop_oneof![Just(Sex::Male), Just(Sex::Female)],
        1u16..=9999,
    )
        .prop_map(move |(i, days_ago, sex, serial)| {
            let date = today() - TimeDelta::days(days_ago);
            (&districts[i], date, sex, serial)
        })
}

fn build(district: &str, date: NaiveDate, day_offset: u32, serial: u16) -> String {
    format!(
        "{district}{:02}{:02}{:02}{serial:04}",
        date.day() + day_offset,
        date.month(),
        date.year() % 100
    )
}

proptest! {
    #[test]
    fn parse_never_panics(input in any::<String>()) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let _ = nik::parse(&input, mode, today());
            let _ = kk::parse(&input, mode, today());
        }
    }

    #[test]
    fn parse_never_panics_near_shape(input in near_shape()) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let _ = nik::parse(&input, mode, today());
            let _ = kk::parse(&input, mode, today());
        }
    }

    #[test]
    fn nik_round_trips((district, date, sex, serial) in parts()) {
        let offset = if sex == Sex::Female { 40 } else { 0 };
        let input = build(district.code, date, offset, serial);
        let info = nik::parse(&input, Mode::Strict, today()).expect("valid NIK");
        prop_assert_eq!(info.district.region, Some(district));
        prop_assert_eq!(info.regency.code(), &district.code[..4]);
        prop_assert_eq!(info.province.code(), &district.code[..2]);
        prop_assert_eq!(info.birth_date, date);
        prop_assert_eq!(info.sex, sex);
        prop_assert_eq!(info.serial, serial);
        prop_assert_eq!(info.is_retired(), district.retired);
        prop_assert_eq!(info.nik.expose(), input.as_str());
    }

    #[test]
    fn kk_round_trips((district, date, _sex, serial) in parts()) {
        let input = build(district.code, date, 0, serial);
        let info = kk::parse(&input, Mode::Strict, today()).expect("valid No KK");
        prop_assert_eq!(info.district.region, Some(district));
        prop_assert_eq!(info.issue_date, date);
        prop_assert_eq!(info.serial, serial);
        prop_assert_eq!(info.no_kk.expose(), input.as_str());
    }

    #[test]
    fn masking_hides_digits_5_to_12((district, date, sex, serial) in parts()) {
        let offset = if sex == Sex::Female { 40 } else { 0 };
        let input = build(district.code, date, offset, serial);
        let info = nik::parse(&input, Mode::Lenient, today()).expect("valid NIK");
        let middle = &input[4..12];
        let masked = info.nik.mask();
        prop_assert_eq!(&masked[..4], &input[..4]);
        prop_assert_eq!(&masked[4..12], "xxxxxxxx");
        prop_assert_eq!(&masked[12..], &input[12..]);
        for shown in [masked, info.nik.to_string(), format!("{:?}", info.nik), format!("{info:?}")] {
            prop_assert!(!shown.contains(middle), "{} shows {}", shown, middle);
        }
        let kk = kk::parse(&build(district.code, date, 0, serial), Mode::Lenient, today())
            .expect("valid No KK");
        let kk_middle = &kk.no_kk.expose()[4..12];
        for shown in [kk.no_kk.mask(), format!("{:?}", kk.no_kk), format!("{kk:?}")] {
            prop_assert!(!shown.contains(kk_middle), "{} shows {}", shown, kk_middle);
        }
    }
}
