//! NIK and No KK as parsed records (`parse_nik`, `parse_kk`, `parse_niks`).

pub use lakse_core::error::RegionLevel;
pub use lakse_core::nik::Sex;

use std::sync::Arc;

use crate::convert::{record, same};
use crate::error::ErrorInfo;
use crate::sensitive::IdNumber;

/// Sex as encoded in a NIK.
#[uniffi::remote(Enum)]
pub enum Sex {
    /// Laki-laki.
    Male,
    /// Perempuan (day + 40).
    Female,
}

/// A level of an Indonesian region code.
#[uniffi::remote(Enum)]
pub enum RegionLevel {
    /// Two digits: provinsi.
    Province,
    /// Four digits: kabupaten/kota.
    Regency,
    /// Six digits: kecamatan.
    District,
}

same!(Sex, RegionLevel);

record! {
    /// A parsed NIK (the NIK prints masked).
    pub struct NikRecord => lakse_core::nik::NikRecord {
        /// The 16 digits (masked when printed).
        nik: Arc<IdNumber>,
        /// The display form, `2171xxxxxxxx0001`.
        masked: String,
        /// Birth date.
        birth_date: chrono::NaiveDate,
        /// Sex.
        sex: Sex,
        /// Digits 13–16, 1–9999.
        serial: u16,
        /// Province code (2 digits).
        province_code: String,
        /// Province name, when the code is known.
        province_name: Option<String>,
        /// Regency code (4 digits).
        regency_code: String,
        /// Regency name, when the code is known.
        regency_name: Option<String>,
        /// District code (6 digits).
        district_code: String,
        /// District name, when the code is known.
        district_name: Option<String>,
        /// True when the region code was retired after a split (the NIK stays valid).
        retired: bool,
        /// The code of the region that took over a retired one.
        successor_code: Option<String>,
        /// The name of the region that took over a retired one.
        successor_name: Option<String>,
    }
}

record! {
    /// A parsed No KK (the number prints masked).
    pub struct KkRecord => lakse_core::kk::KkRecord {
        /// The 16 digits (masked when printed).
        no_kk: Arc<IdNumber>,
        /// The display form, `2171xxxxxxxx0001`.
        masked: String,
        /// Issue date.
        issue_date: chrono::NaiveDate,
        /// Digits 13–16, 1–9999.
        serial: u16,
        /// Province code (2 digits).
        province_code: String,
        /// Province name, when the code is known.
        province_name: Option<String>,
        /// Regency code (4 digits).
        regency_code: String,
        /// Regency name, when the code is known.
        regency_name: Option<String>,
        /// District code (6 digits).
        district_code: String,
        /// District name, when the code is known.
        district_name: Option<String>,
        /// True when the region code was retired after a split.
        retired: bool,
        /// The code of the region that took over a retired one.
        successor_code: Option<String>,
        /// The name of the region that took over a retired one.
        successor_name: Option<String>,
    }
}

record! {
    /// One item of a batch parse: the record, or the error for that item.
    pub struct NikOutcome => lakse_core::api::NikOutcome {
        /// The parsed NIK, when valid.
        ok: Option<NikRecord>,
        /// Why it is not, otherwise.
        error: Option<ErrorInfo>,
    }
}
