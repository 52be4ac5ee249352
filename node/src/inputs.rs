//! JavaScript arguments as the core's input records. Absent optional values
//! take the core's defaults; dates are read as their UTC calendar day
//! (`new Date('2026-01-15')`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use lakse_core as lc;
use lakse_core::error::ErrorCode;
use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

use crate::enums::SmtpSecurity;

/// The calendar day of a `Date`, in UTC.
pub fn day(date: DateTime<Utc>) -> NaiveDate {
    date.date_naive()
}

/// How `Lakse.open` opens a handle. Only `dataDir` is required.
#[napi(object, object_to_js = false)]
pub struct OpenOptions {
    /// The data folder (`lakse.db`, `documents/`, `office.key`); created if missing.
    pub data_dir: String,
    /// Prefix of application numbers: 2 to 8 capital letters (default `BTM`).
    pub number_prefix: Option<String>,
    /// Lifetime of a confirmation link, in seconds (default 5,400).
    pub confirmation_ttl_seconds: Option<i64>,
    /// Lifetime of a password-reset link, in seconds (default 3,600).
    pub reset_ttl_seconds: Option<i64>,
    /// Lifetime of a session, in seconds (default 43,200).
    pub session_ttl_seconds: Option<i64>,
    /// How e-mails leave (default: `.eml` files in `<dataDir>/mail`).
    pub delivery: Option<DeliveryOptions>,
    /// The service catalog (default: Batam's, built in).
    pub catalog: Option<CatalogSource>,
    /// The office's Ed25519 seed in base64url (43 characters); default: `office.key` in the data folder.
    pub office_key: Option<String>,
    /// Where links in e-mails point (default `https://oten.batam.go.id`).
    pub base_url: Option<String>,
}

/// How notification e-mails leave.
#[napi(
    discriminant = "kind",
    discriminant_case = "snake_case",
    object_to_js = false
)]
pub enum DeliveryOptions {
    /// Not sent: messages wait in the outbox for another process.
    None,
    /// Written as `.eml` files into `path` (relative paths are inside the data folder).
    Folder {
        /// The folder.
        path: String,
    },
    /// Sent to an SMTP server.
    Smtp {
        /// Host name or IP address.
        host: String,
        /// Port (587 STARTTLS, 465 TLS, 25 plain).
        port: u32,
        /// How the connection is protected.
        security: SmtpSecurity,
        /// Login name, if the server wants one.
        username: Option<String>,
        /// Login password.
        password: Option<String>,
        /// How long one network operation may take, in seconds (1 to 600).
        timeout_seconds: u32,
    },
}

/// Where the service catalog comes from.
#[napi(
    discriminant = "kind",
    discriminant_case = "snake_case",
    object_to_js = false
)]
pub enum CatalogSource {
    /// Batam's catalog, built in.
    Batam,
    /// A catalog in TOML text.
    Toml {
        /// The text.
        text: String,
    },
    /// A catalog file (`.toml` or `.json`).
    Path {
        /// The file.
        path: String,
    },
}

impl OpenOptions {
    /// The core's options; a port beyond 65535 is refused here, as the core's type cannot hold it.
    pub fn into_core(self) -> lc::Result<lc::OpenOptions> {
        let defaults = lc::OpenOptions::new(self.data_dir);
        Ok(lc::OpenOptions {
            number_prefix: self.number_prefix.unwrap_or(defaults.number_prefix.clone()),
            confirmation_ttl_seconds: self
                .confirmation_ttl_seconds
                .unwrap_or(defaults.confirmation_ttl_seconds),
            reset_ttl_seconds: self.reset_ttl_seconds.unwrap_or(defaults.reset_ttl_seconds),
            session_ttl_seconds: self
                .session_ttl_seconds
                .unwrap_or(defaults.session_ttl_seconds),
            delivery: match self.delivery {
                Some(d) => d.into_core()?,
                None => defaults.delivery.clone(),
            },
            catalog: self.catalog.map_or(defaults.catalog.clone(), |c| c.into()),
            office_key: self.office_key.map(lc::sensitive::Secret::new),
            base_url: self.base_url,
            ..defaults
        })
    }
}

impl DeliveryOptions {
    fn into_core(self) -> lc::Result<lc::options::DeliveryOptions> {
        use lc::options::DeliveryOptions as D;
        Ok(match self {
            DeliveryOptions::None => D::None,
            DeliveryOptions::Folder { path } => D::Folder { path },
            DeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password,
                timeout_seconds,
            } => D::Smtp {
                host,
                port: u16::try_from(port).map_err(|_| {
                    lc::Error::rule(ErrorCode::OptionsInvalid, "port", "must be 0 to 65535")
                })?,
                security: security.into(),
                username,
                password: password.map(lc::sensitive::Secret::new),
                timeout_seconds,
            },
        })
    }
}

impl From<CatalogSource> for lc::options::CatalogSource {
    fn from(c: CatalogSource) -> Self {
        use lc::options::CatalogSource as C;
        match c {
            CatalogSource::Batam => C::Batam,
            CatalogSource::Toml { text } => C::Toml { text },
            CatalogSource::Path { path } => C::Path { path },
        }
    }
}

/// The profile form ("Data Diri"); absent fields are empty.
#[napi(object, object_to_js = false)]
pub struct ProfileInput {
    /// Nama Lengkap.
    pub nama: Option<String>,
    /// NIK, 16 digits (always a string).
    pub nik: Option<String>,
    /// No KK, 16 digits (always a string).
    pub no_kk: Option<String>,
    /// WhatsApp number.
    pub whatsapp: Option<String>,
    /// Phone number.
    pub hp: Option<String>,
    /// `male` or `female` (as typed; the core checks it).
    pub sex: Option<String>,
    /// Tempat Lahir.
    pub birth_place: Option<String>,
}

impl From<ProfileInput> for lc::profile::ProfileInput {
    fn from(p: ProfileInput) -> Self {
        lc::profile::ProfileInput {
            nama: p.nama.unwrap_or_default(),
            nik: p.nik.unwrap_or_default(),
            no_kk: p.no_kk.unwrap_or_default(),
            whatsapp: p.whatsapp.unwrap_or_default(),
            hp: p.hp.unwrap_or_default(),
            sex: p.sex.unwrap_or_default(),
            birth_place: p.birth_place.unwrap_or_default(),
        }
    }
}

/// One uploaded file for a document slot.
#[napi(object, object_to_js = false)]
pub struct Upload {
    /// The slot id.
    pub slot: String,
    /// The file's name (metadata only; the type is read from the content).
    pub file_name: String,
    /// The file.
    pub bytes: Buffer,
}

impl From<Upload> for lc::document::Upload {
    fn from(u: Upload) -> Self {
        lc::document::Upload {
            slot: u.slot,
            file_name: u.file_name,
            bytes: u.bytes.to_vec(),
        }
    }
}

fn uploads(items: Option<Vec<Upload>>) -> Vec<lc::document::Upload> {
    items
        .unwrap_or_default()
        .into_iter()
        .map(lc::document::Upload::from)
        .collect()
}

/// A new application ("Permohonan"); NIK, No KK, name and WhatsApp come from the profile.
#[napi(object, object_to_js = false)]
pub struct NewApplication {
    /// The service id (e.g. `cetak_ktp_kk`).
    pub service: String,
    /// The sub-type id, for services that have them.
    pub subtype: Option<String>,
    /// Keterangan: free text.
    pub keterangan: Option<String>,
    /// The service's extra fields, by id.
    pub fields: Option<HashMap<String, String>>,
    /// One file per document slot.
    pub documents: Option<Vec<Upload>>,
    /// A key made once per form: submitting again with it returns the first application.
    pub idempotency_key: Option<String>,
}

impl From<NewApplication> for lc::application::NewApplication {
    fn from(a: NewApplication) -> Self {
        lc::application::NewApplication {
            service: a.service,
            subtype: a.subtype,
            keterangan: a.keterangan.unwrap_or_default(),
            fields: a.fields.unwrap_or_default().into_iter().collect(),
            documents: uploads(a.documents),
            idempotency_key: a.idempotency_key,
        }
    }
}

/// A correction of a rejected application; absent parts stay as they were.
#[napi(object, object_to_js = false)]
pub struct Resubmission {
    /// The new Keterangan.
    pub keterangan: Option<String>,
    /// The new extra fields.
    pub fields: Option<HashMap<String, String>>,
    /// Replacement files, by slot.
    pub documents: Option<Vec<Upload>>,
}

impl From<Resubmission> for lc::application::Resubmission {
    fn from(r: Resubmission) -> Self {
        lc::application::Resubmission {
            keterangan: r.keterangan,
            fields: r.fields.map(|f| f.into_iter().collect()),
            documents: uploads(r.documents),
        }
    }
}

/// The officer's completion: pickup date, place and note.
#[napi(object, object_to_js = false)]
pub struct Completion {
    /// Tanggal Pengambilan (its UTC calendar day): not before today.
    pub pickup_date: Option<DateTime<Utc>>,
    /// Tempat Pengambilan (default: the catalog's first).
    pub pickup_place: Option<String>,
    /// Keterangan for the applicant.
    pub note: Option<String>,
}

impl From<Completion> for lc::application::Completion {
    fn from(c: Completion) -> Self {
        lc::application::Completion {
            pickup_date: c.pickup_date.map(day),
            pickup_place: c.pickup_place,
            note: c.note.unwrap_or_default(),
        }
    }
}

/// Which page of a list (default: the first 20).
#[napi(object, object_to_js = false)]
pub struct Page {
    /// Rows to skip.
    pub offset: Option<i64>,
    /// Page size (capped by the core).
    pub limit: Option<i64>,
}

/// A JavaScript number as a count: napi-rs would wrap a negative one
/// around to 4 billion; refuse it as the argument it is.
pub fn count(field: &str, n: i64) -> lc::Result<u32> {
    u32::try_from(n).map_err(|_| {
        lc::Error::rule(
            ErrorCode::ApiInvalidArguments,
            field,
            "not a count from 0 to 4294967295",
        )
    })
}

/// The core's page, defaults filled in.
pub fn page(p: Option<Page>) -> lc::Result<lc::application::Page> {
    let defaults = lc::application::Page::default();
    let Some(p) = p else {
        return Ok(defaults);
    };
    Ok(lc::application::Page {
        offset: p
            .offset
            .map_or(Ok(defaults.offset), |n| count("offset", n))?,
        limit: p.limit.map_or(Ok(defaults.limit), |n| count("limit", n))?,
    })
}
