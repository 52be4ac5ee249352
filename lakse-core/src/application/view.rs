//! What the desk takes and gives: the forms (new application, correction,
//! completion) and the views ("Pengajuanku" rows, "Detail Pengajuan",
//! documents, history, the audit log). Plain owned values, for every binding.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Action, Actor, Status};
use crate::document::Upload;

/// The longest Keterangan (and officer note) accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// The largest page a list returns.
pub const MAX_PAGE: u32 = 200;

/// A new application ("Permohonan"). The applicant's NIK, No KK, name and
/// WhatsApp come from the profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resubmission {
    /// A new Keterangan, or `None` to keep it.
    pub keterangan: Option<String>,
    /// New extra fields (all of them), or `None` to keep them.
    pub fields: Option<BTreeMap<String, String>>,
    /// Replacement files; slots not named keep their document.
    pub documents: Vec<Upload>,
}

/// The officer's completion: pickup date, place and note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Tanggal Pengambilan: from today to a year after it. Required for services with a coupon.
    pub pickup_date: Option<NaiveDate>,
    /// Tempat Pengambilan: one of the catalog's pickup places (default: the first).
    pub pickup_place: Option<String>,
    /// Keterangan for the applicant (e.g. "sesuai jadwal pengambilan").
    pub note: String,
}

/// Which page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// One row of "Pengajuanku" or of the officer queue.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Waktu Pengajuan in the office's time zone, as the manual prints it
    /// (`25 Nov 2024, 02:30:53 PM`).
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pickup {
    /// Tanggal Pengambilan.
    pub date: NaiveDate,
    /// Tempat Pengambilan.
    pub place: String,
}

/// "Detail Pengajuan".
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub nik_for_officer: Option<String>,
}

/// A stored document's content.
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentContent {
    /// The original file name.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for DocumentContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentContent")
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One audit-log entry: who read or changed what.
#[derive(Debug, Clone, PartialEq, Eq)]
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
