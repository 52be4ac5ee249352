//! Indonesian region codes (Kemendagri): province (2 digits), regency or city
//! (4) and district, kecamatan (6), as carried by every NIK and No KK.
//!
//! The table is compiled in: `build.rs` turns `data/regions/*.csv` into sorted
//! static arrays and direct indexes, and [`lookup`] is a load or two and a
//! short search, with no file I/O, parsing or allocation at run time. Besides
//! the current codes it holds the codes retired when Papua was split (2022–2023): NIKs issued before the
//! split keep them, so they stay valid, marked [`Region::retired`] with their
//! [`Region::successor`].
//!
//! ```
//! use lakse_core::region::{lookup, RegionLevel};
//!
//! let batam = lookup("2171").expect("Kota Batam");
//! assert_eq!(batam.name, "Kota Batam");
//! assert_eq!(batam.level, RegionLevel::Regency);
//!
//! // Merauke moved from Papua (91) to Papua Selatan (93).
//! let merauke = lookup("9101").expect("retired code");
//! assert!(merauke.retired);
//! assert_eq!(merauke.successor, Some("9301"));
//! ```

pub use crate::error::RegionLevel;

include!(concat!(env!("OUT_DIR"), "/regions.rs"));

/// One region of the embedded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    /// 2, 4 or 6 digits.
    pub code: &'static str,
    /// Name as in the source table.
    pub name: &'static str,
    /// Province, regency or district.
    pub level: RegionLevel,
    /// For a retired code, the current code of the same place (if any single one).
    pub successor: Option<&'static str>,
    /// True for codes that left the table after a region split.
    pub retired: bool,
}

impl Region {
    /// The current region that took over this retired one, if there is a single one.
    pub fn successor_region(&self) -> Option<&'static Region> {
        self.successor.and_then(lookup)
    }
}

/// The region with this code, current or retired.
///
/// The level follows from the length: 2 digits for a province, 4 for a
/// regency or city, 6 for a district. Anything else is `None`.
pub fn lookup(code: &str) -> Option<&'static Region> {
    let level = match code.len() {
        2 => RegionLevel::Province,
        4 => RegionLevel::Regency,
        6 => RegionLevel::District,
        _ => return None,
    };
    let mut key = 0;
    for b in code.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        key = key * 10 + u32::from(b - b'0');
    }
    find(level, key)
}

/// The region fields of an identity number, which follow from its first six
/// digits alone: what [`NikRecord`](crate::nik::NikRecord) and
/// [`KkRecord`](crate::kk::KkRecord) carry, flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
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
    /// True when the regency or district code was retired after a split.
    pub retired: bool,
    /// The code of the current region that took over a retired one.
    pub successor_code: Option<String>,
    /// The name of the current region that took over a retired one.
    pub successor_name: Option<String>,
}

impl Place {
    pub(crate) fn of([province, regency, district]: &[RegionPart; 3]) -> Place {
        let successor = crate::id::successor(regency, district);
        Place {
            province_code: province.code().to_owned(),
            province_name: province.name().map(str::to_owned),
            regency_code: regency.code().to_owned(),
            regency_name: regency.name().map(str::to_owned),
            district_code: district.code().to_owned(),
            district_name: district.name().map(str::to_owned),
            retired: regency.is_retired() || district.is_retired(),
            successor_code: successor.map(|r| r.code.to_owned()),
            successor_name: successor.map(|r| r.name.to_owned()),
        }
    }
}

/// The region fields of a 6-digit district code, known to the table or not
/// (names are then `None`); `None` when `district` is not 6 ASCII digits.
///
/// ```
/// let bulang = lakse_core::region::place("217105").expect("6 digits");
/// assert_eq!(bulang.regency_name.as_deref(), Some("Kota Batam"));
/// assert!(!bulang.retired);
/// ```
pub fn place(district: &str) -> Option<Place> {
    let digits: &[u8; 6] = district.as_bytes().try_into().ok()?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut id = [b'0'; 16];
    id[..6].copy_from_slice(digits);
    Some(Place::of(&RegionPart::all_of(&id)))
}

/// Every region of one level, current and retired, sorted by code.
///
/// ```
/// use lakse_core::region::{all, RegionLevel};
///
/// let batam: Vec<_> = all(RegionLevel::District)
///     .iter()
///     .filter(|d| d.code.starts_with("2171"))
///     .collect();
/// assert_eq!(batam.len(), 12);
/// ```
pub fn all(level: RegionLevel) -> &'static [Region] {
    match level {
        RegionLevel::Province => &PROVINCE,
        RegionLevel::Regency => &REGENCY,
        RegionLevel::District => &DISTRICT,
    }
}

/// The region with this numeric code at this level.
///
/// Provinces and regencies are one load from a direct index; a district is a
/// search by its last two digits among its regency's districts (a few dozen at
/// most). [`RegionPart::all_of`] does the same for all three levels of a NIK
/// or No KK, looking the regency up once.
pub(crate) fn find(level: RegionLevel, key: u32) -> Option<&'static Region> {
    match level {
        RegionLevel::Province => PROVINCE.get(position(&PROVINCE_INDEX, key)?),
        RegionLevel::Regency => REGENCY.get(position(&REGENCY_INDEX, key)?),
        RegionLevel::District => district_in(position(&REGENCY_INDEX, key / 100)?, key),
    }
}

/// The district `key` among the districts of the regency at `regency` in the sorted array.
#[inline]
fn district_in(regency: usize, key: u32) -> Option<&'static Region> {
    let &(start, end) = DISTRICT_RANGE.get(regency)?;
    let (start, end) = (usize::from(start), usize::from(end));
    // `key % 100` is below 100, so the cast is lossless.
    let suffix = (key % 100) as u8;
    let i = DISTRICT_SUFFIX
        .get(start..end)?
        .binary_search(&suffix)
        .ok()?;
    DISTRICT.get(start + i)
}

/// The array position a direct index holds for `key` (stored as position + 1, 0 for none).
fn position<T: Copy + Into<usize>>(index: &[T], key: u32) -> Option<usize> {
    let slot: usize = (*index.get(usize::try_from(key).ok()?)?).into();
    slot.checked_sub(1)
}

/// The part of a NIK or No KK that names one region level: its code, and the
/// table entry when the code is known.
///
/// In [`Strict`](crate::nik::Mode::Strict) mode `region` is always `Some`; in
/// [`Lenient`](crate::nik::Mode::Lenient) mode it is `None` for a code the
/// table does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionPart {
    digits: [u8; 6],
    /// The table entry, when the code is in the table (current or retired).
    pub region: Option<&'static Region>,
    /// Which level this part is.
    pub level: RegionLevel,
}

impl RegionPart {
    /// Reads province, regency and district from the first 6 of the 16 ASCII
    /// digits of an identity number, looking the regency up once for both.
    #[inline]
    pub(crate) fn all_of(id: &[u8; 16]) -> [RegionPart; 3] {
        let mut digits = [b'0'; 6];
        digits.copy_from_slice(&id[..6]);
        let key = digits.iter().fold(0, |k, d| k * 10 + u32::from(d - b'0'));
        let regency = position(&REGENCY_INDEX, key / 100);
        let part = |level, region| RegionPart {
            digits,
            region,
            level,
        };
        [
            part(
                RegionLevel::Province,
                find(RegionLevel::Province, key / 10_000),
            ),
            part(RegionLevel::Regency, regency.and_then(|r| REGENCY.get(r))),
            part(
                RegionLevel::District,
                regency.and_then(|r| district_in(r, key)),
            ),
        ]
    }

    /// The code as written in the number: 2, 4 or 6 digits.
    pub fn code(&self) -> &str {
        // Only built from validated ASCII digits, so this cannot fail.
        std::str::from_utf8(&self.digits[..level_len(self.level)]).expect("ASCII digits")
    }

    /// The region's name, when the code is known.
    pub fn name(&self) -> Option<&'static str> {
        self.region.map(|r| r.name)
    }

    /// True when the code is a retired one (still valid on older numbers).
    pub fn is_retired(&self) -> bool {
        self.region.is_some_and(|r| r.retired)
    }

    /// For a retired code, the current region of the same place (if there is a single one).
    pub fn successor(&self) -> Option<&'static Region> {
        self.region.and_then(Region::successor_region)
    }
}

fn level_len(level: RegionLevel) -> usize {
    match level {
        RegionLevel::Province => 2,
        RegionLevel::Regency => 4,
        RegionLevel::District => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_sorted() {
        assert_eq!(all(RegionLevel::Province).len(), 38);
        assert_eq!(all(RegionLevel::Regency).len(), 514 + 26);
        assert_eq!(all(RegionLevel::District).len(), 7285 + 594);
        for level in [
            RegionLevel::Province,
            RegionLevel::Regency,
            RegionLevel::District,
        ] {
            assert!(all(level).windows(2).all(|w| w[0].code < w[1].code));
            for region in all(level) {
                assert_eq!(lookup(region.code), Some(region));
            }
        }
    }

    #[test]
    fn lookup_by_length() {
        assert_eq!(lookup("21").map(|r| r.name), Some("Kepulauan Riau"));
        assert_eq!(lookup("217112").map(|r| r.name), Some("Batu Aji"));
        assert_eq!(lookup("910201").and_then(|r| r.successor), Some("950101"));
        for bad in [
            "", "2", "217", "21710", "2171011", "00", "0000", "2a", "２１",
        ] {
            assert_eq!(lookup(bad), None, "{bad:?}");
        }
    }
}
