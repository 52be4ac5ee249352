//! What NIK and No KK share: their shape (16 ASCII digits, spaces, dots and
//! hyphens allowed as separators, surrounding whitespace ignored), the region
//! code, the DDMMYY date with its century rule, the serial, and masking.
//!
//! Checks run in a fixed order, pinned by `tests/vectors/`: characters, then
//! length, then date, then serial, then region (strict mode only). The first
//! failing check decides the error.
//!
//! The helpers are `#[inline]`: each runs once per parse, and inlining them
//! into `nik::parse_as` and `kk::parse_as` took a quarter off the benchmark
//! (`benches/nik.rs`).

use std::borrow::Cow;

use crate::error::{Error, IdKind, Result};
use crate::nik::Mode;
use crate::region::RegionPart;
use chrono::{Datelike, NaiveDate};

/// 16 ASCII digits, already checked.
pub(crate) type Digits = [u8; 16];

/// Keeps the digits of `input`, skipping spaces, dots and hyphens, as
/// people write the number (`2171 0512 0990 0001`, `21.71.05`,
/// `2171-0512-…`).
///
/// Whitespace around the number (a tab, a line break or a no-break space
/// copied along with it) is ignored. Any other character inside (a letter, a
/// tab, a full-width or Arabic-Indic digit) is refused before the length is
/// looked at; its position counts from the start of `input`.
#[inline]
pub(crate) fn digits(kind: IdKind, field: &str, input: &str) -> Result<Digits> {
    // Fast path: the plain 16 digits most inputs are.
    if let Ok(plain) = <Digits>::try_from(input.as_bytes())
        && plain.iter().all(u8::is_ascii_digit)
    {
        return Ok(plain);
    }
    let number = input.trim();
    let skipped = input[..input.len() - input.trim_start().len()]
        .chars()
        .count();
    let mut out = [b'0'; 16];
    let mut count = 0;
    for (i, b) in number.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {
                // Extra digits are only counted, for the length error.
                if let Some(slot) = out.get_mut(count) {
                    *slot = b;
                }
                count += 1;
            }
            b' ' | b'.' | b'-' => {}
            _ => {
                // Every byte of `number` before `i` is ASCII, so `i` is a char
                // boundary and the character's position follows the `skipped`
                // leading whitespace.
                let found = number[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                return Err(Error::IdCharacter {
                    kind,
                    field: field_name(field),
                    found,
                    position: skipped + i + 1,
                });
            }
        }
    }
    if count != 16 {
        return Err(Error::IdLength {
            kind,
            field: field_name(field),
            digits: count,
        });
    }
    Ok(out)
}

/// The printed form of a parsed number's flat record (`NikRecord`,
/// `KkRecord`): its `Debug`, and `PRINTED`, the fields it shows, which every
/// binding's printed form (`repr`, `util.inspect`, `toString`) shows too.
/// The district, the date and a retired code's successor are left out: with
/// the serial they would give back the digits the mask hides.
macro_rules! printed_record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $ty {
            /// The fields a printed record shows, in every language, in this
            /// order; the others (district, date, successor) would give the
            /// masked digits back.
            pub const PRINTED: &'static [&'static str] = &[$(stringify!($field)),*];
        }

        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use printed_record;

/// The field an error names: the usual ones without allocating (a refused
/// NIK in a spreadsheet loop is common), others copied.
pub(crate) fn field_name(field: &str) -> Cow<'static, str> {
    match field {
        "nik" => Cow::Borrowed("nik"),
        "no_kk" => Cow::Borrowed("no_kk"),
        other => Cow::Owned(other.to_owned()),
    }
}

/// The two-digit number at `at`.
#[inline]
pub(crate) fn pair(d: &Digits, at: usize) -> u32 {
    u32::from(d[at] - b'0') * 10 + u32::from(d[at + 1] - b'0')
}

/// The DDMMYY date at digits 7–12, once the caller has taken off the +40 of a
/// woman's NIK.
///
/// The century is the latest that gives a real date not after `today`: with
/// today 2026-11-25, `251126` is 2026-11-25 and `261126` is 1926-11-26. Only
/// this century and the previous one are tried, so `290200` read in 2100 is
/// 29 February 2000 (2100 is not a leap year), and `290201` is never a date.
#[inline]
pub(crate) fn date(
    kind: IdKind,
    field: &str,
    day: u32,
    month: u32,
    yy: u32,
    today: NaiveDate,
) -> Result<NaiveDate> {
    let refuse = |reason: &'static str| Error::IdDate {
        kind,
        field: field_name(field),
        reason,
    };
    if !(1..=12).contains(&month) {
        return Err(refuse("the month is not 01-12"));
    }
    let century = today.year().div_euclid(100);
    // `yy` is two digits, so the cast is lossless.
    let yy = yy as i32;
    // Compared as (year, month, day) before any date is built: most holders
    // were born last century, and building the future date first is wasted.
    let not_after_today = (today.year(), today.month(), today.day());
    [century, century - 1]
        .into_iter()
        .map(|c| c * 100 + yy)
        .filter(|&year| (year, month, day) <= not_after_today)
        .find_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or_else(|| refuse("no such day in that month and year"))
}

/// The last four digits; 0000 is never issued.
#[inline]
pub(crate) fn serial(kind: IdKind, field: &str, d: &Digits) -> Result<u16> {
    let serial = d[12..]
        .iter()
        .fold(0u16, |s, b| s * 10 + u16::from(b - b'0'));
    if serial == 0 {
        return Err(Error::IdSerial {
            kind,
            field: field_name(field),
        });
    }
    Ok(serial)
}

/// Province, regency and district of the number; in strict mode each must be
/// in the table (current or retired), checked from the province down.
#[inline]
pub(crate) fn regions(
    kind: IdKind,
    field: &str,
    d: &Digits,
    mode: Mode,
) -> Result<[RegionPart; 3]> {
    let parts = RegionPart::all_of(d);
    if mode == Mode::Strict
        && let Some(unknown) = parts.iter().find(|p| p.region.is_none())
    {
        return Err(Error::UnknownRegion {
            kind,
            field: field_name(field),
            level: unknown.level,
            code: unknown.code().to_owned(),
        });
    }
    Ok(parts)
}

/// The most specific current region that took over a retired code: the
/// district's successor, else the regency's.
pub(crate) fn successor(
    regency: &RegionPart,
    district: &RegionPart,
) -> Option<&'static crate::region::Region> {
    district.successor().or_else(|| regency.successor())
}

/// Writes the display form: the first 4 digits (province and regency, not
/// personal), 8 `x`, the last 4 (serial).
pub(crate) fn fmt_masked(d: &Digits, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    f.write_str(std::str::from_utf8(&masked(d)).expect("ASCII"))
}

/// The display form as a `String` (one allocation, no formatting).
pub(crate) fn mask(d: &Digits) -> String {
    String::from_utf8(masked(d).to_vec()).expect("ASCII")
}

/// The display form's bytes: ASCII digits and `x` only.
fn masked(d: &Digits) -> Digits {
    let mut shown = *d;
    shown[4..12].fill(b'x');
    shown
}

/// The raw digits, for storage.
pub(crate) fn expose(d: &Digits) -> &str {
    // Only built by `digits`, which keeps ASCII digits alone.
    std::str::from_utf8(d).expect("ASCII digits")
}

/// Masks a stored 16-digit number for display (`2171xxxxxxxx0001`); anything
/// else is masked whole, so a malformed value never shows either.
pub(crate) fn mask_text(stored: &str) -> String {
    let b = stored.as_bytes();
    if b.len() == 16 && b.iter().all(u8::is_ascii_digit) {
        format!("{}xxxxxxxx{}", &stored[..4], &stored[12..])
    } else {
        "x".repeat(stored.chars().count().min(16))
    }
}
