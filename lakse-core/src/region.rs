//! Indonesian region codes (being written: the table is generated at build time).

pub use crate::error::RegionLevel;

/// One region of the embedded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The region with this code, current or retired.
pub fn lookup(code: &str) -> Option<&'static Region> {
    let _ = code;
    todo!("identity helper")
}
