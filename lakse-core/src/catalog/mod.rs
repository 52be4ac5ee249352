//! The service catalog ("Pilih Jenis Layanan"): the services an office offers,
//! their sub-types, the documents each asks for, the extra fields some need,
//! and the office-wide rules (profile photo, application size, pickup places).
//!
//! The catalog is data: Batam's ships embedded (`data/catalog/batam.toml`) as
//! [`Catalog::batam`], and an office loads its own with
//! [`Catalog::from_toml_str`], [`Catalog::from_json_str`] or
//! [`Catalog::from_path`]. Every file is checked on load; a refusal names the
//! field path (`services[2].documents[0].max_mb`) and, where it can be found,
//! the line.
//!
//! ```
//! use lakse_core::catalog::Catalog;
//!
//! let catalog = Catalog::batam();
//! let names: Vec<&str> = catalog.services.iter().map(|s| s.name.as_str()).collect();
//! assert_eq!(names[0], "Cetak KTP/KK (RUSAK DAN HILANG)");
//! assert_eq!(names.len(), 9);
//!
//! let cetak = catalog.service_to_apply("cetak_ktp_kk")?;
//! let slots: Vec<&str> = cetak
//!     .slots_for(Some("ktp_rusak"))?
//!     .iter()
//!     .map(|slot| slot.name.as_str())
//!     .collect();
//! assert_eq!(slots, ["KK", "KTP Rusak", "Form F1", "Form F2", "Swafoto dengan formulir"]);
//!
//! // Akte Kelahiran is applied for in the IKD app instead.
//! let refused = catalog.service_to_apply("akte_kelahiran").unwrap_err();
//! assert_eq!(refused.code(), "catalog.redirected");
//! # Ok::<(), lakse_core::Error>(())
//! ```

mod fields;
mod load;

use crate::error::{Error, ErrorCode, RegionLevel, Result};
use std::sync::LazyLock;

/// One megabyte as the catalog counts it (the manual's "Max size: 10MB").
pub const MB: u64 = 1024 * 1024;

/// The Batam catalog, as shipped.
const BATAM_TOML: &str = include_str!("../../data/catalog/batam.toml");

/// Where a redirected service sends applicants instead (Akte Kelahiran → IKD).
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// The message shown, e.g. "Layanan Akte Kelahiran dialihkan ke Aplikasi Identitas Kependudukan Digital".
    pub message: String,
    /// The app's name.
    pub app: String,
    /// Where to get the app, e.g. "Play Store", "App Store".
    #[serde(default)]
    pub stores: Vec<String>,
    /// Where to activate it.
    pub locations: Vec<String>,
}

/// A file type an upload slot accepts. Uploads are checked by content
/// ([`FileType::detect`]), never by their name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    /// JPEG image.
    Jpg,
    /// PNG image.
    Png,
    /// PDF document.
    Pdf,
}

impl FileType {
    /// Every file type lakse knows.
    pub const ALL: [FileType; 3] = [FileType::Jpg, FileType::Png, FileType::Pdf];

    /// The name used in catalog files and shown to applicants (`jpg`, `png`, `pdf`).
    pub fn code(self) -> &'static str {
        match self {
            FileType::Jpg => "jpg",
            FileType::Png => "png",
            FileType::Pdf => "pdf",
        }
    }

    /// The type for a catalog name (exactly `jpg`, `png` or `pdf`).
    pub fn from_code(code: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The MIME type, e.g. `image/jpeg`.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Pdf => "application/pdf",
        }
    }

    /// The type of `content`, judged by its magic bytes (the `infer` crate),
    /// never by a file name; `None` for anything but jpg, png and pdf.
    pub fn detect(content: &[u8]) -> Option<FileType> {
        let mime = infer::get(content)?.mime_type();
        FileType::ALL.into_iter().find(|t| t.mime() == mime)
    }
}

impl std::fmt::Display for FileType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Accepted types and size limit of one upload.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct FileRule {
    /// Accepted types, at least one.
    pub types: Vec<FileType>,
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
}

impl FileRule {
    /// Whether a file of this type and size passes the rule.
    pub fn accepts(&self, file_type: FileType, size: u64) -> bool {
        self.types.contains(&file_type) && size <= self.max_bytes
    }
}

/// The office the catalog belongs to, as printed on the pickup coupon.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// E.g. "DINAS KEPENDUDUKAN DAN CATATAN SIPIL".
    pub name: String,
    /// E.g. "KOTA BATAM".
    pub city: String,
}

/// A sub-type of a service ("Keterangan Layanan"), e.g. KTP Rusak.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Subtype {
    /// Machine id, e.g. `ktp_rusak`.
    pub id: String,
    /// As the applicant sees it, e.g. "KTP Rusak".
    pub name: String,
}

/// One document upload a service asks for.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct DocumentSlot {
    /// Machine id, unique in its service, e.g. `form_f1`.
    pub id: String,
    /// As the applicant sees it, e.g. "Form F1".
    pub name: String,
    /// Whether the application cannot be submitted without it.
    pub required: bool,
    /// Accepted types and size limit.
    pub rule: FileRule,
    /// The sub-types it applies to; empty means all.
    pub when: Vec<String>,
    /// A hint shown under the upload, if any.
    pub note: Option<String>,
    /// The label of the blank-form download link, e.g. "Download Form F1".
    pub form_label: Option<String>,
}

impl DocumentSlot {
    /// Whether the slot applies to an application of this sub-type.
    pub fn applies_to(&self, subtype: Option<&str>) -> bool {
        self.when.is_empty() || subtype.is_some_and(|s| self.when.iter().any(|w| w == s))
    }
}

/// How an extra field's value is checked. Catalog files write it as
/// `rule = { kind = "nik", younger_than_years = 17 }`.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldKind {
    /// Free text, trimmed, at most `max_len` characters.
    Text {
        /// Longest accepted text, in characters.
        max_len: usize,
    },
    /// A NIK, validated strictly.
    Nik {
        /// When set, the person must be younger than this many full years on
        /// the application day (from the NIK's birth date): 17 for KIA.
        younger_than_years: Option<u32>,
    },
    /// A current region code (digits, dots allowed as separators).
    Region {
        /// The levels accepted, e.g. regency (4 digits) and district (6 digits).
        levels: Vec<RegionLevel>,
    },
    /// A date, `YYYY-MM-DD`.
    Date {
        /// Refuse dates after the application day.
        not_future: bool,
        /// Refuse dates before the birth date of the NIK in this field of the same service.
        not_before_birth_of: Option<String>,
    },
    /// A whole number in `min..=max`.
    Count {
        /// Smallest accepted number.
        min: u32,
        /// Largest accepted number.
        max: u32,
    },
}

/// A value beyond the common application data that a service asks for.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ExtraField {
    /// Machine id, unique in its service; errors name it as `fields.<id>`.
    pub id: String,
    /// As the applicant sees it, e.g. "NIK Anak".
    pub label: String,
    /// Whether it must be filled in.
    pub required: bool,
    /// How the value is checked.
    pub rule: FieldKind,
    /// A hint shown with the input, if any.
    #[serde(default)]
    pub note: Option<String>,
}

/// A service of the catalog, e.g. "Pencetakan KIA".
///
/// Serialised as JSON, it is the definition an application keeps from the
/// day it was submitted (see `application`): a later catalog may change or
/// drop the service without stranding it.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Service {
    /// Machine id, unique in the catalog, e.g. `kia`.
    pub id: String,
    /// As the applicant sees it, e.g. "Pencetakan KIA".
    pub name: String,
    /// False when the office has switched it off: the dashboard hides it.
    pub enabled: bool,
    /// Whether a completed application gets a pickup coupon (not for complaints).
    pub coupon: bool,
    /// Whether the form's Keterangan must be filled (a complaint is its
    /// Keterangan); it is always at most 2,000 characters.
    pub keterangan_required: bool,
    /// The note shown when applying, e.g. which counter to bring originals to.
    pub counter_note: Option<String>,
    /// Its sub-types; empty when it has none.
    pub subtypes: Vec<Subtype>,
    /// The documents it asks for, in display order.
    pub documents: Vec<DocumentSlot>,
    /// The extra fields it asks for, in display order.
    pub fields: Vec<ExtraField>,
    /// Set when the service is applied for elsewhere.
    pub redirect: Option<Redirect>,
}

impl Service {
    /// Whether applicants are sent elsewhere for it.
    pub fn is_redirected(&self) -> bool {
        self.redirect.is_some()
    }

    /// Checks the sub-type of an application: required (and known) when the
    /// service has sub-types, absent otherwise. Refusals are
    /// [`Error::UnknownSubtype`] on field `subtype`.
    pub fn subtype(&self, subtype: Option<&str>) -> Result<Option<&Subtype>> {
        let refuse = |given: &str| Error::UnknownSubtype {
            field: "subtype".to_owned(),
            service: self.id.clone(),
            subtype: given.to_owned(),
        };
        match subtype.map(str::trim).filter(|s| !s.is_empty()) {
            None if self.subtypes.is_empty() => Ok(None),
            None => Err(refuse("")),
            Some(given) => self
                .subtypes
                .iter()
                .find(|s| s.id == given)
                .map(Some)
                .ok_or_else(|| refuse(given)),
        }
    }

    /// The document slots that apply to an application of this sub-type,
    /// after checking the sub-type as [`Service::subtype`] does.
    pub fn slots_for(&self, subtype: Option<&str>) -> Result<Vec<&DocumentSlot>> {
        let id = self.subtype(subtype)?.map(|s| s.id.as_str());
        Ok(self.documents.iter().filter(|d| d.applies_to(id)).collect())
    }
}

/// A whole catalog: the office, its rules and its services.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Catalog {
    /// The office, as printed on the coupon.
    pub office: Office,
    /// The profile photo rule (Batam: jpg or png, 2 MB).
    pub profile_photo: FileRule,
    /// The largest total size of one application's documents, in bytes.
    pub application_max_bytes: u64,
    /// Where documents are collected; the first is the default. Never empty.
    pub pickup_places: Vec<String>,
    /// Every service, in dashboard order.
    pub services: Vec<Service>,
}

static BATAM: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::from_toml_str(BATAM_TOML).expect("the embedded Batam catalog is valid (tested)")
});

impl Default for Catalog {
    fn default() -> Self {
        Catalog::batam()
    }
}

impl Catalog {
    /// The Batam catalog that ships with lakse (the default).
    pub fn batam() -> Catalog {
        BATAM.clone()
    }

    /// The text of the embedded Batam catalog, a starting point for an office's own.
    pub fn batam_toml() -> &'static str {
        BATAM_TOML
    }

    /// Loads and checks a catalog written in TOML.
    pub fn from_toml_str(text: &str) -> Result<Catalog> {
        load::from_toml(text)
    }

    /// Loads and checks a catalog written in JSON (same shape as the TOML).
    pub fn from_json_str(text: &str) -> Result<Catalog> {
        load::from_json(text)
    }

    /// Loads a catalog file, TOML or JSON by its extension (`.toml`, `.json`).
    /// A file that cannot be read, or is neither `.toml` nor `.json`, is refused
    /// as `catalog.unreadable` on field `catalog`.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Catalog> {
        let path = path.as_ref();
        let unreadable =
            |reason: String| Error::rule(ErrorCode::CatalogUnreadable, "catalog", reason);
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let text = std::fs::read_to_string(path)
            .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
        match extension.as_deref() {
            Some("toml") => Catalog::from_toml_str(&text),
            Some("json") => Catalog::from_json_str(&text),
            _ => Err(unreadable(format!(
                "{}: a catalog file ends in .toml or .json",
                path.display()
            ))),
        }
    }

    /// The enabled services, in order: what the dashboard lists (a redirected
    /// service is listed; choosing it shows the redirect).
    pub fn listed(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.enabled)
    }

    /// The service with this id, enabled or not (for showing existing
    /// applications). Refused with [`Error::UnknownService`] on field `service`.
    pub fn service(&self, id: &str) -> Result<&Service> {
        self.services
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::UnknownService {
                field: "service".to_owned(),
                service: id.to_owned(),
            })
    }

    /// The service with this id, for a new application: refused with
    /// [`Error::UnknownService`], [`Error::ServiceDisabled`], or
    /// [`Error::ServiceRedirected`] carrying where to go instead.
    pub fn service_to_apply(&self, id: &str) -> Result<&Service> {
        let service = self.service(id)?;
        if !service.enabled {
            return Err(Error::ServiceDisabled {
                service: service.id.clone(),
            });
        }
        if let Some(redirect) = &service.redirect {
            return Err(Error::ServiceRedirected {
                service: service.id.clone(),
                message: redirect.message.clone(),
                app: redirect.app.clone(),
                stores: redirect.stores.clone(),
                locations: redirect.locations.clone(),
            });
        }
        Ok(service)
    }

    /// The pickup place used when the officer picks none.
    pub fn default_pickup_place(&self) -> &str {
        // Loading refuses an empty list, so the first place always exists.
        self.pickup_places.first().map_or("", String::as_str)
    }
}
