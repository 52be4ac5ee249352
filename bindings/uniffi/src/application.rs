//! Applications ("Permohonan", "Pengajuanku", "Detail Pengajuan"), their
//! statuses and the officer's desk.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

pub use lakse_core::application::{Action, Actor, Status};

use crate::convert::{record, same};
use crate::sensitive::IdNumber;

/// Where an application stands.
#[uniffi::remote(Enum)]
pub enum Status {
    /// Submitted by the applicant, waiting for an officer (shown as "Diproses").
    Diajukan,
    /// Accepted by an officer and being worked on.
    Diproses,
    /// Rejected with a reason; the applicant may correct and resubmit.
    Ditolak,
    /// Done; the documents wait at the pickup place.
    Selesai,
    /// Withdrawn by the applicant before an officer took it up.
    Dibatalkan,
    /// The applicant collected the documents.
    Diambil,
}

/// What an actor does to an application.
#[uniffi::remote(Enum)]
pub enum Action {
    /// Create the application (applicant).
    Submit,
    /// Accept it for processing (officer).
    Accept,
    /// Reject it with a reason (officer).
    Reject,
    /// Correct and resubmit a rejected application (applicant).
    Resubmit,
    /// Finish it with a pickup date, place and note (officer).
    Complete,
    /// Withdraw it before processing (applicant).
    Cancel,
    /// Record that the documents were collected (officer).
    Collect,
}

/// Who acts.
#[uniffi::remote(Enum)]
pub enum Actor {
    /// The person the application belongs to ("Pemohon").
    Applicant,
    /// A Disdukcapil officer processing applications.
    Officer,
    /// An administrator: manages accounts, reads the audit log, may act as an officer.
    Admin,
}

same!(Status, Action, Actor);

record! {
    /// What the applicant sees for a status (`status_label`).
    pub struct StatusLabel => lakse_core::application::StatusLabel {
        /// The label in "Pengajuanku" (Diajukan shows as "Diproses", as in the manual).
        label: String,
        /// The note shown when the officer left none.
        default_note: String,
    }
}

record! {
    /// One uploaded file for a document slot.
    pub struct Upload => lakse_core::document::Upload {
        /// The slot's id in the catalog (e.g. `form_f1`).
        slot: String,
        /// The name the file had on the applicant's device; metadata only, never a path.
        file_name: String,
        /// The content.
        bytes: Vec<u8>,
    }
}

record! {
    /// A new application ("Permohonan"). NIK, No KK, name and WhatsApp come
    /// from the profile. Printed with long digit runs (a NIK) masked.
    pub struct NewApplication => lakse_core::application::NewApplication {
        /// The service id (e.g. `cetak_ktp_kk`).
        #[uniffi(default)]
        service: String,
        /// The sub-type id ("Keterangan Layanan"), for services that have them.
        #[uniffi(default)]
        subtype: Option<String>,
        /// Keterangan: free text, at most 2,000 characters.
        #[uniffi(default)]
        keterangan: String,
        /// The service's extra fields (e.g. `child_nik`), by id.
        #[uniffi(default)]
        fields: HashMap<String, String>,
        /// One file per document slot.
        #[uniffi(default)]
        documents: Vec<Upload>,
        /// A key the client makes once per form: submitting again with the
        /// same key returns the first application instead of creating another.
        #[uniffi(default)]
        idempotency_key: Option<String>,
    }
}

record! {
    /// A correction of a rejected application. Printed masked.
    pub struct Resubmission => lakse_core::application::Resubmission {
        /// A new Keterangan, or none to keep it.
        #[uniffi(default)]
        keterangan: Option<String>,
        /// New extra fields (all of them), or none to keep them.
        #[uniffi(default)]
        fields: Option<HashMap<String, String>>,
        /// Replacement files; slots not named keep their document.
        #[uniffi(default)]
        documents: Vec<Upload>,
    }
}

record! {
    /// The officer's completion: pickup date, place and note.
    pub struct Completion => lakse_core::application::Completion {
        /// Tanggal Pengambilan: not before today. Required for services with a coupon.
        #[uniffi(default)]
        pickup_date: Option<chrono::NaiveDate>,
        /// Tempat Pengambilan: one of the catalog's pickup places (default: the first).
        #[uniffi(default)]
        pickup_place: Option<String>,
        /// Keterangan for the applicant.
        #[uniffi(default)]
        note: String,
    }
}

record! {
    /// Which page of a list.
    pub struct Page => lakse_core::application::Page {
        /// Rows to skip.
        #[uniffi(default = 0)]
        offset: u32,
        /// Rows to return (at most 200).
        #[uniffi(default = 20)]
        limit: u32,
    }
}

record! {
    /// One row of "Pengajuanku" or of the officer queue.
    pub struct ApplicationSummary => lakse_core::application::ApplicationSummary {
        /// The application number (`BTM-2026-000123-C`).
        number: String,
        /// Nama Pemohon.
        nama: String,
        /// NIK Pemohon, masked.
        nik_masked: String,
        /// The service id.
        service: String,
        /// "Jenis Layanan" as shown.
        service_name: String,
        /// The sub-type's name, if any.
        subtype_name: Option<String>,
        /// Waktu Pengajuan.
        submitted_at: SystemTime,
        /// Waktu Pengajuan in the office's time zone, as the manual prints it.
        submitted_at_local: String,
        /// The status.
        status: Status,
        /// The status as shown ("Diproses" for a submitted application).
        status_label: String,
        /// Keterangan: the officer's note, or the status's default note.
        note: String,
        /// What the viewer may do now.
        actions: Vec<Action>,
    }
}

record! {
    /// One page of "Pengajuanku" or of the officer queue.
    pub struct ApplicationPage => lakse_core::application::ApplicationPage {
        /// The rows of this page.
        items: Vec<ApplicationSummary>,
        /// How many rows the whole list has.
        total: u64,
        /// Rows skipped before this page.
        offset: u32,
        /// The page size used.
        limit: u32,
    }
}

record! {
    /// One document of an application.
    pub struct DocumentInfo => lakse_core::application::DocumentInfo {
        /// The slot id.
        slot: String,
        /// The slot's name as the applicant sees it ("Form F1").
        name: String,
        /// The original file name (metadata only).
        file_name: String,
        /// Size in bytes.
        size: u64,
        /// MIME type, from the content.
        mime: String,
    }
}

record! {
    /// One recorded transition.
    pub struct HistoryEntry => lakse_core::application::HistoryEntry {
        /// When.
        at: SystemTime,
        /// Who (account id).
        actor_id: i64,
        /// In which role.
        actor: Actor,
        /// What they did.
        action: Action,
        /// The status before (none for the submission).
        from: Option<Status>,
        /// The status after.
        to: Status,
        /// The note given.
        note: String,
    }
}

record! {
    /// Pickup details of a completed application.
    pub struct Pickup => lakse_core::application::Pickup {
        /// Tanggal Pengambilan.
        date: chrono::NaiveDate,
        /// Tempat Pengambilan.
        place: String,
    }
}

record! {
    /// "Detail Pengajuan". Printed with the NIK and digit runs masked.
    pub struct ApplicationDetail => lakse_core::application::ApplicationDetail {
        /// The list row.
        summary: ApplicationSummary,
        /// No KK Pemohon, masked.
        no_kk_masked: String,
        /// Email Pemohon, masked.
        email_masked: String,
        /// WhatsApp, in +62 form.
        whatsapp: String,
        /// The sub-type id, if any.
        subtype: Option<String>,
        /// The applicant's Keterangan.
        keterangan: String,
        /// The extra fields, normalised.
        fields: HashMap<String, String>,
        /// The documents, in catalog order.
        documents: Vec<DocumentInfo>,
        /// Every transition, oldest first.
        history: Vec<HistoryEntry>,
        /// Where and when to collect, once Selesai.
        pickup: Option<Pickup>,
        /// The service's counter note (e.g. loket 14).
        counter_note: Option<String>,
        /// The full NIK, for officers only (their read is audited); none for applicants.
        nik_for_officer: Option<Arc<IdNumber>>,
    }
}

record! {
    /// A stored document's content.
    pub struct DocumentContent => lakse_core::application::DocumentContent {
        /// The original file name.
        file_name: String,
        /// MIME type.
        mime: String,
        /// The bytes.
        bytes: Vec<u8>,
    }
}

record! {
    /// One audit-log entry: who read or changed what.
    pub struct AuditEntry => lakse_core::application::AuditEntry {
        /// When.
        at: SystemTime,
        /// Who (account id).
        actor_id: i64,
        /// In which role.
        actor: Actor,
        /// What (`read_detail`, `read_document`, …).
        what: String,
        /// The application concerned, if any.
        application_number: Option<String>,
        /// Details (never personal data).
        detail: String,
    }
}

record! {
    /// One page of the audit log.
    pub struct AuditPage => lakse_core::application::AuditPage {
        /// The entries of this page, newest first.
        items: Vec<AuditEntry>,
        /// How many entries the whole log has.
        total: u64,
        /// Entries skipped before this page.
        offset: u32,
        /// The page size used.
        limit: u32,
    }
}
