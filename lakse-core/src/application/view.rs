//! What the desk takes and gives: the forms (new application, correction,
//! completion) and the views ("Pengajuanku" rows, "Detail Pengajuan",
//! documents, history, the audit log). Plain owned values, for every binding.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Action, Actor, Status};
use crate::document::Upload;
use crate::sensitive::{FreeText, IdNumber, MaskedFields, debug_masking_free_text, mask_free_text};

/// The longest Keterangan (and officer note) accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// The largest page a list returns.
pub const MAX_PAGE: u32 = 200;

/// A new application ("Permohonan"). The applicant's NIK, No KK, name and
/// WhatsApp come from the profile.
#[derive(
    Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct NewApplication {
    /// The service id (e.g. `cetak-ktp-kk`).
    pub service: String,
    /// The sub-type id ("Keterangan Layanan"), for services that have them.
    pub subtype: Option<String>,
    /// Keterangan: free text, at most 2,000 characters.
    pub keterangan: String,
    /// The service's extra fields (e.g. `child_nik`), by id.
    pub fields: BTreeMap<String, String>,
    /// One file per document slot.
    pub documents: Vec<Upload>,
    /// A key the client makes once per form: submitting again with the same
    /// key returns the first application instead of creating another.
    pub idempotency_key: Option<String>,
}

/// A correction of a rejected application.
#[derive(
    Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct Resubmission {
    /// A new Keterangan, or `None` to keep it.
    pub keterangan: Option<String>,
    /// New extra fields (all of them), or `None` to keep them.
    pub fields: Option<BTreeMap<String, String>>,
    /// Replacement files; slots not named keep their document.
    pub documents: Vec<Upload>,
}

/// The officer's completion: pickup date, place and note.
#[derive(
    Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct Completion {
    /// Tanggal Pengambilan: from today to a year after it. Required for services with a coupon.
    pub pickup_date: Option<NaiveDate>,
    /// Tempat Pengambilan: one of the catalog's pickup places (default: the first).
    pub pickup_place: Option<String>,
    /// Keterangan for the applicant (e.g. "sesuai jadwal pengambilan").
    pub note: String,
}

/// Which page of a list.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct Page {
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most [`MAX_PAGE`]).
    pub limit: u32,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            limit: 20,
        }
    }
}

/// One page of "Pengajuanku" or of the officer queue.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct ApplicationPage {
    /// The rows of this page.
    pub items: Vec<ApplicationSummary>,
    /// How many rows the whole list has.
    pub total: u64,
    /// Rows skipped before this page.
    pub offset: u32,
    /// The page size used (the request's, capped at [`MAX_PAGE`], at least 1).
    pub limit: u32,
}

/// One page of the audit log.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct AuditPage {
    /// The entries of this page, newest first.
    pub items: Vec<AuditEntry>,
    /// How many entries the whole log has.
    pub total: u64,
    /// Entries skipped before this page.
    pub offset: u32,
    /// The page size used.
    pub limit: u32,
}

/// One row of "Pengajuanku" or of the officer queue.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ApplicationSummary {
    /// The application number (`BTM-2026-000123-C`).
    pub number: String,
    /// Nama Pemohon.
    pub nama: String,
    /// NIK Pemohon, masked.
    pub nik_masked: String,
    /// The service id.
    pub service: String,
    /// "Jenis Layanan" as shown.
    pub service_name: String,
    /// The sub-type's name, if any.
    pub subtype_name: Option<String>,
    /// Waktu Pengajuan.
    pub submitted_at: DateTime<Utc>,
    /// Waktu Pengajuan in the office's time zone, as people are shown it
    /// (`25 Nov 2024, 14:30:53`; see [`texts::date_time`](crate::texts::date_time)).
    pub submitted_at_local: String,
    /// The status.
    pub status: Status,
    /// The status as shown ("Diproses" for a submitted application).
    pub status_label: String,
    /// Keterangan: the officer's note, or the status's default note.
    pub note: String,
    /// What the viewer may do now (e.g. `resubmit` — the pencil — for the applicant).
    pub actions: Vec<Action>,
}

/// One document of an application.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DocumentInfo {
    /// The slot id.
    pub slot: String,
    /// The slot's name as the applicant sees it ("Form F1").
    pub name: String,
    /// The original file name (metadata only).
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type, from the content.
    pub mime: String,
}

/// One recorded transition.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (account id).
    pub actor_id: i64,
    /// In which role.
    pub actor: Actor,
    /// What they did.
    pub action: Action,
    /// The status before (`None` for the submission).
    pub from: Option<Status>,
    /// The status after.
    pub to: Status,
    /// The note given.
    pub note: String,
}

/// Pickup details of a completed application.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Pickup {
    /// Tanggal Pengambilan.
    pub date: NaiveDate,
    /// Tempat Pengambilan.
    pub place: String,
}

/// "Detail Pengajuan".
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ApplicationDetail {
    /// The list row.
    pub summary: ApplicationSummary,
    /// No KK Pemohon, masked.
    pub no_kk_masked: String,
    /// Email Pemohon, masked.
    pub email_masked: String,
    /// WhatsApp, in +62 form.
    pub whatsapp: String,
    /// The sub-type id, if any.
    pub subtype: Option<String>,
    /// The applicant's Keterangan.
    pub keterangan: String,
    /// The extra fields, normalised.
    pub fields: BTreeMap<String, String>,
    /// The documents, in catalog order.
    pub documents: Vec<DocumentInfo>,
    /// Every transition, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Where and when to collect, once Selesai.
    pub pickup: Option<Pickup>,
    /// The service's counter note (e.g. loket 14).
    pub counter_note: Option<String>,
    /// The full NIK, for officers only (their read is audited); `None` for applicants.
    pub nik_for_officer: Option<IdNumber>,
}

impl std::fmt::Debug for ApplicationDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationDetail")
            .field("summary", &self.summary)
            .field("no_kk_masked", &self.no_kk_masked)
            .field("email_masked", &self.email_masked)
            .field("whatsapp", &self.whatsapp)
            .field("subtype", &self.subtype)
            .field("keterangan", &mask_free_text(&self.keterangan))
            .field("fields", &MaskedFields(&self.fields))
            .field("documents", &self.documents)
            .field("history", &self.history)
            .field("pickup", &self.pickup)
            .field("counter_note", &self.counter_note)
            .field("nik_for_officer", &self.nik_for_officer)
            .finish()
    }
}

impl std::fmt::Debug for NewApplication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewApplication")
            .field("service", &self.service)
            .field("subtype", &self.subtype)
            .field("keterangan", &mask_free_text(&self.keterangan))
            .field("fields", &MaskedFields(&self.fields))
            .field("documents", &self.documents)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl std::fmt::Debug for Resubmission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resubmission")
            .field(
                "keterangan",
                &self.keterangan.as_deref().map(mask_free_text),
            )
            .field("fields", &self.fields.as_ref().map(MaskedFields))
            .field("documents", &self.documents)
            .finish()
    }
}

/// A stored document's content.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DocumentContent {
    /// The original file name.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// The bytes.
    #[serde(with = "crate::sensitive::base64_bytes")]
    #[schemars(with = "crate::sensitive::Bytes")]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for DocumentContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentContent")
            .field("file_name", &FreeText(&self.file_name))
            .field("mime", &self.mime)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One audit-log entry: who read or changed what.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (account id).
    pub actor_id: i64,
    /// In which role.
    pub actor: Actor,
    /// What (`read_detail`, `read_document`, …).
    pub what: String,
    /// The application concerned, if any.
    pub application_number: Option<String>,
    /// Details (never personal data).
    pub detail: String,
}

debug_masking_free_text!(Completion { pickup_date, pickup_place } free_text { note });
debug_masking_free_text!(ApplicationSummary {
    number,
    nama,
    nik_masked,
    service,
    service_name,
    subtype_name,
    submitted_at,
    submitted_at_local,
    status,
    status_label,
    actions,
} free_text { note });
debug_masking_free_text!(DocumentInfo { slot, name, size, mime } free_text { file_name });
debug_masking_free_text!(HistoryEntry { at, actor_id, actor, action, from, to } free_text { note });
debug_masking_free_text!(AuditEntry { at, actor_id, actor, what, application_number } free_text { detail });
