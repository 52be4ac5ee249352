//! NIK parsing (being written).

use crate::error::Result;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Laki-laki.
    Male,
    /// Perempuan (day + 40).
    Female,
}

/// A parsed NIK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NikInfo {
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
}

/// Parse a NIK from field `field`.
pub fn parse_as(field: &str, input: &str, mode: Mode, today: NaiveDate) -> Result<NikInfo> {
    let _ = (field, input, mode, today);
    todo!("identity helper")
}
