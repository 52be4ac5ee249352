#![no_main]

use chrono::{NaiveDate, TimeDelta};
use lakse_core::nik::{self, Mode};
use libfuzzer_sys::fuzz_target;

// `days` moves `today` over 1900..2617 so the century rule is exercised too.
fuzz_target!(|input: (u16, &str)| {
    let (days, text) = input;
    let today = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
        + TimeDelta::days(i64::from(days) * 4);
    for mode in [Mode::Strict, Mode::Lenient] {
        match nik::parse(text, mode, today) {
            Ok(info) => {
                let digits = info.nik.expose();
                let masked = info.nik.mask();
                assert_eq!(&masked[4..12], "xxxxxxxx");
                assert!(!format!("{info:?}").contains(&digits[4..12]));
                assert!(info.birth_date <= today);
                assert!((1..=9999).contains(&info.serial));
                assert_eq!(nik::parse(digits, mode, today), Ok(info));
            }
            Err(e) => assert!(e.code().starts_with("nik."), "{}", e.code()),
        }
    }
});
