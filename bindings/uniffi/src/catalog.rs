//! The service catalog: services, their document slots and extra fields.

use lakse_core::catalog::{FieldKind as CoreFieldKind, FileType};
use lakse_core::error::RegionLevel;

use crate::convert::{Conv, record, same};

/// A file type an upload slot accepts (checked by content, never by name).
#[uniffi::remote(Enum)]
pub enum FileType {
    /// JPEG image.
    Jpg,
    /// PNG image.
    Png,
    /// PDF document.
    Pdf,
}

same!(FileType);

record! {
    /// The office the catalog belongs to, as printed on the pickup coupon.
    pub struct Office => lakse_core::catalog::Office {
        /// E.g. "DINAS KEPENDUDUKAN DAN CATATAN SIPIL".
        name: String,
        /// E.g. "KOTA BATAM".
        city: String,
    }
}

record! {
    /// Where a redirected service sends applicants instead (Akte Kelahiran → IKD).
    pub struct Redirect => lakse_core::catalog::Redirect {
        /// The message shown.
        message: String,
        /// The app's name.
        app: String,
        /// Where to get the app, e.g. "Play Store", "App Store".
        stores: Vec<String>,
        /// Where to activate it.
        locations: Vec<String>,
    }
}

record! {
    /// Accepted types and size limit of one upload.
    pub struct FileRule => lakse_core::catalog::FileRule {
        /// Accepted types, at least one.
        types: Vec<FileType>,
        /// Largest accepted file, in bytes.
        max_bytes: u64,
    }
}

record! {
    /// A sub-type of a service ("Keterangan Layanan"), e.g. KTP Rusak.
    pub struct Subtype => lakse_core::catalog::Subtype {
        /// Machine id, e.g. `ktp_rusak`.
        id: String,
        /// As the applicant sees it, e.g. "KTP Rusak".
        name: String,
    }
}

record! {
    /// One document upload a service asks for.
    pub struct DocumentSlot => lakse_core::catalog::DocumentSlot {
        /// Machine id, unique in its service, e.g. `form_f1`.
        id: String,
        /// As the applicant sees it, e.g. "Form F1".
        name: String,
        /// Whether the application cannot be submitted without it.
        required: bool,
        /// Accepted types and size limit.
        rule: FileRule,
        /// The sub-types it applies to; empty means all.
        when: Vec<String>,
        /// A hint shown under the upload, if any.
        note: Option<String>,
        /// The label of the blank-form download link, e.g. "Download Form F1".
        form_label: Option<String>,
    }
}

/// How an extra field's value is checked.
#[derive(Clone, PartialEq, uniffi::Enum)]
pub enum FieldKind {
    /// Free text, trimmed, at most `max_len` characters.
    Text {
        /// Longest accepted text, in characters.
        max_len: u64,
    },
    /// A NIK, validated strictly.
    Nik {
        /// When set, the person must be younger than this many full years on the application day.
        younger_than_years: Option<u32>,
    },
    /// A current region code (digits, dots allowed as separators).
    Region {
        /// The levels accepted.
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

impl Conv<FieldKind> for CoreFieldKind {
    fn conv(self) -> FieldKind {
        match self {
            CoreFieldKind::Text { max_len } => FieldKind::Text {
                max_len: max_len.conv(),
            },
            CoreFieldKind::Nik { younger_than_years } => FieldKind::Nik { younger_than_years },
            CoreFieldKind::Region { levels } => FieldKind::Region { levels },
            CoreFieldKind::Date {
                not_future,
                not_before_birth_of,
            } => FieldKind::Date {
                not_future,
                not_before_birth_of,
            },
            CoreFieldKind::Count { min, max } => FieldKind::Count { min, max },
        }
    }
}

impl Conv<CoreFieldKind> for FieldKind {
    fn conv(self) -> CoreFieldKind {
        match self {
            FieldKind::Text { max_len } => CoreFieldKind::Text {
                max_len: max_len.conv(),
            },
            FieldKind::Nik { younger_than_years } => CoreFieldKind::Nik { younger_than_years },
            FieldKind::Region { levels } => CoreFieldKind::Region { levels },
            FieldKind::Date {
                not_future,
                not_before_birth_of,
            } => CoreFieldKind::Date {
                not_future,
                not_before_birth_of,
            },
            FieldKind::Count { min, max } => CoreFieldKind::Count { min, max },
        }
    }
}

record! {
    /// A value beyond the common application data that a service asks for.
    pub struct ExtraField => lakse_core::catalog::ExtraField {
        /// Machine id, unique in its service; errors name it as `fields.<id>`.
        id: String,
        /// As the applicant sees it, e.g. "NIK Anak".
        label: String,
        /// Whether it must be filled in.
        required: bool,
        /// How the value is checked.
        rule: FieldKind,
        /// A hint shown with the input, if any.
        note: Option<String>,
    }
}

record! {
    /// A service of the catalog, e.g. "Pencetakan KIA".
    pub struct Service => lakse_core::catalog::Service {
        /// Machine id, unique in the catalog, e.g. `kia`.
        id: String,
        /// As the applicant sees it.
        name: String,
        /// False when the office has switched it off: the dashboard hides it.
        enabled: bool,
        /// Whether a completed application gets a pickup coupon.
        coupon: bool,
        /// Whether the form's Keterangan must be filled (a complaint is its Keterangan).
        keterangan_required: bool,
        /// The note shown when applying, e.g. which counter to bring originals to.
        counter_note: Option<String>,
        /// Its sub-types; empty when it has none.
        subtypes: Vec<Subtype>,
        /// The documents it asks for, in display order.
        documents: Vec<DocumentSlot>,
        /// The extra fields it asks for, in display order.
        fields: Vec<ExtraField>,
        /// Set when the service is applied for elsewhere.
        redirect: Option<Redirect>,
    }
}
