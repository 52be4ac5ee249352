//! The service desk: applications through the [`Lakse`] handle — submit,
//! "Pengajuanku", detail, documents, resubmit, cancel, and the officer's
//! queue and decisions. Every status change goes through [`super::next`], is
//! recorded in the history and enqueues its notification in the same
//! transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{Action, Actor, Status, initial, next, number};
use crate::account::Caller;
use crate::catalog::{DocumentSlot, Service};
use crate::document::{self, Upload};
use crate::email;
use crate::error::{Error, Result};
use crate::lakse::{Lakse, from_millis};
use crate::outbox::{self, Kind};
use crate::store::{
    self, ApplicationRow, AuditRow, BlobRow, DocumentRow, HistoryRow, QueueFilter, Tx,
};

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
    /// Tanggal Pengambilan: not before today. Required for services with a coupon.
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

/// A checked file, ready to store.
struct CheckedUpload {
    slot: String,
    file_name: String,
    kind: crate::catalog::FileType,
    bytes: Vec<u8>,
}

/// The applicant's Keterangan: at most [`MAX_NOTE_CHARS`], lines of printable text.
fn keterangan_text(field: &str, input: &str) -> Result<String> {
    let t = input.trim().replace("\r\n", "\n");
    check_length(field, &t)?;
    for line in t.split('\n') {
        crate::coupon::check_printable(field, line)?;
    }
    Ok(t)
}

/// An officer's note or reason: at most [`MAX_NOTE_CHARS`], one line of
/// printable text (it is printed on the pickup coupon and in e-mails).
fn note_text(field: &str, input: &str) -> Result<String> {
    let t = input.trim();
    check_length(field, t)?;
    crate::coupon::check_printable(field, t)?;
    Ok(t.to_owned())
}

fn check_length(field: &str, text: &str) -> Result<()> {
    let n = text.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: MAX_NOTE_CHARS,
            found: n,
        });
    }
    Ok(())
}

fn page_limit(page: Page) -> u32 {
    page.limit.clamp(1, MAX_PAGE)
}

/// Checks uploads against the slots that apply: known slot, once each, plain
/// name, not empty, within size, right type by content.
fn check_uploads(slots: &[&DocumentSlot], uploads: &[Upload]) -> Result<Vec<CheckedUpload>> {
    let mut checked: Vec<CheckedUpload> = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let field = format!("documents.{}", upload.slot);
        let slot = slots.iter().find(|s| s.id == upload.slot).ok_or_else(|| {
            Error::DocumentUnknownSlot {
                field: field.clone(),
            }
        })?;
        if checked.iter().any(|c| c.slot == upload.slot) {
            return Err(Error::invalid(field, "one file per document"));
        }
        let file_name = document::clean_file_name(&field, &upload.file_name)?;
        let kind = document::check(&field, &upload.bytes, &slot.rule.types, slot.rule.max_bytes)?;
        checked.push(CheckedUpload {
            slot: upload.slot.clone(),
            file_name,
            kind,
            bytes: upload.bytes.clone(),
        });
    }
    Ok(checked)
}

/// Every required slot filled (by `present`), and the total within the limit.
fn check_complete(slots: &[&DocumentSlot], present: &[(&str, u64)], max_total: u64) -> Result<()> {
    if let Some(missing) = slots
        .iter()
        .find(|s| s.required && !present.iter().any(|(slot, _)| *slot == s.id))
    {
        return Err(Error::DocumentMissing {
            field: format!("documents.{}", missing.id),
        });
    }
    let total: u64 = present.iter().map(|(_, size)| size).sum();
    if total > max_total {
        return Err(Error::ApplicationTooLarge {
            max: max_total,
            size: total,
        });
    }
    Ok(())
}

/// The document rows for stored uploads (`blobs[i]` holds `uploads[i]`).
fn document_rows(uploads: &[CheckedUpload], blobs: &[BlobRow]) -> Vec<DocumentRow> {
    uploads
        .iter()
        .zip(blobs)
        .map(|(u, b)| DocumentRow {
            slot: u.slot.clone(),
            sha256: b.sha256.clone(),
            file_name: u.file_name.clone(),
            size: b.size,
            mime: b.mime.clone(),
        })
        .collect()
}

fn status_of(row: &ApplicationRow) -> Result<Status> {
    Status::from_code(&row.status).ok_or_else(|| Error::Storage {
        message: format!("application {} has unknown status", row.number),
    })
}

fn mask16(digits: &str) -> String {
    crate::id::mask_text(digits)
}

impl Lakse {
    /// Submits an application ("Ajukan"). Checks, in order: the service
    /// (known, enabled, not redirected), the sub-type, the extra fields, the
    /// Keterangan, each file against its slot, the required slots, the total
    /// size (25 MB by default), a complete profile, and one open application
    /// per NIK per service. Nothing is written unless all pass.
    ///
    /// With an `idempotency_key` seen before for this account, returns that
    /// application and creates nothing.
    pub fn submit(&self, session: &str, app: &NewApplication) -> Result<ApplicationSummary> {
        let store = self.live()?;
        let catalog = &self.config.catalog;
        let service = catalog.service_to_apply(app.service.trim())?;
        let slots = service.slots_for(app.subtype.as_deref())?;
        let subtype = service
            .subtype(app.subtype.as_deref())?
            .map(|s| s.id.clone());
        let today = self.today();
        let fields = service.validate_fields(&app.fields, today)?;
        let keterangan = keterangan_text("keterangan", &app.keterangan)?;
        let uploads = check_uploads(&slots, &app.documents)?;
        let present: Vec<(&str, u64)> = uploads
            .iter()
            .map(|u| (u.slot.as_str(), u.bytes.len() as u64))
            .collect();
        check_complete(&slots, &present, catalog.application_max_bytes)?;
        let key = app
            .idempotency_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty());
        if let Some(k) = key
            && k.chars().count() > 100
        {
            return Err(Error::TooLong {
                field: "idempotency_key".into(),
                max: 100,
                found: k.chars().count(),
            });
        }
        let fields_json = serde_json::to_string(&fields).map_err(|e| Error::Storage {
            message: e.to_string(),
        })?;

        // Refuse what the database alone can tell before writing any file.
        let earlier = store::read(store, |tx| {
            let caller = self.applicant(tx, session)?;
            if let Some(k) = key
                && let Some(row) = tx.application_by_idempotency_key(caller.id, k)?
            {
                return Ok(Some(row));
            }
            let profile = self.complete_profile(tx, caller.id)?;
            if let Some(number) = tx.open_application(&profile.nik, &service.id)? {
                return Err(Error::ApplicationOpen { number });
            }
            Ok(None)
        })?;
        if let Some(row) = earlier {
            return self.summary_of(&row, Actor::Applicant);
        }

        let blobs = uploads
            .iter()
            .map(|u| self.documents.put(&u.bytes, u.kind))
            .collect::<Result<Vec<_>>>()?;
        let now = self.now_ms();
        let year = self.now().with_timezone(&self.config.utc_offset).year();
        let row = store::write(store, |tx| {
            let caller = self.applicant(tx, session)?;
            if let Some(k) = key
                && let Some(row) = tx.application_by_idempotency_key(caller.id, k)?
            {
                return Ok(row);
            }
            let profile = self.complete_profile(tx, caller.id)?;
            let status = initial(caller.role)?;
            let sequence = tx.next_sequence(year)?;
            let mut row = ApplicationRow {
                id: 0,
                number: number::format(&self.config.number_prefix, year, sequence),
                account_id: caller.id,
                service: service.id.clone(),
                subtype: subtype.clone(),
                nik: profile.nik.clone(),
                no_kk: profile.no_kk.clone(),
                nama: profile.nama.clone(),
                whatsapp: profile.whatsapp.clone(),
                keterangan: keterangan.clone(),
                fields: fields_json.clone(),
                status: status.code().to_owned(),
                note: String::new(),
                submitted_at: now,
                updated_at: now,
                pickup_date: None,
                pickup_place: None,
                idempotency_key: key.map(str::to_owned),
            };
            row.id = tx.insert_application(&row)?;
            let docs = document_rows(&uploads, &blobs);
            for b in &blobs {
                tx.insert_blob(b, now)?;
            }
            tx.put_documents(row.id, &docs)?;
            tx.insert_history(
                row.id,
                &HistoryRow {
                    at: now,
                    actor_id: caller.id,
                    actor_role: caller.role.code().to_owned(),
                    action: Action::Submit.code().to_owned(),
                    from_status: None,
                    to_status: status.code().to_owned(),
                    note: String::new(),
                },
            )?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }

    /// "Pengajuanku": the caller's applications, newest first, and how many there are.
    pub fn my_applications(
        &self,
        session: &str,
        page: Page,
    ) -> Result<(Vec<ApplicationSummary>, u64)> {
        let (rows, total) = store::read(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            Ok((
                tx.applications_of(caller.id, page_limit(page), page.offset)?,
                tx.count_applications_of(caller.id)?,
            ))
        })?;
        let items = rows
            .iter()
            .map(|r| self.summary_of(r, Actor::Applicant))
            .collect::<Result<_>>()?;
        Ok((items, total))
    }

    /// "Detail Pengajuan". The owner sees their own; officers and admins see
    /// any (and the read is audited). Anyone else gets `application.not_found`.
    pub fn application(&self, session: &str, number: &str) -> Result<ApplicationDetail> {
        let store = self.live()?;
        let (caller, row, docs, history, owner) = store::read(store, |tx| {
            let (caller, row) = self.visible(tx, session, number)?;
            let docs = tx.documents(row.id)?;
            let history = tx.history(row.id)?;
            let owner = tx.account_by_id(row.account_id)?;
            Ok((caller, row, docs, history, owner))
        })?;
        if caller.role.is_staff() {
            let now = self.now_ms();
            store::write(store, |tx| {
                self.audit(tx, &caller, "read_detail", &row, "", now)
            })?;
        }
        let viewer = if caller.id == row.account_id {
            Actor::Applicant
        } else {
            caller.role
        };
        let service = self.config.catalog.service(&row.service)?;
        let email = owner
            .and_then(|a| email::parse(&a.email).ok())
            .map(|e| e.masked())
            .unwrap_or_default();
        let documents = service
            .documents
            .iter()
            .filter_map(|slot| {
                docs.iter()
                    .find(|d| d.slot == slot.id)
                    .map(|d| DocumentInfo {
                        slot: d.slot.clone(),
                        name: slot.name.clone(),
                        file_name: d.file_name.clone(),
                        size: d.size,
                        mime: d.mime.clone(),
                    })
            })
            .collect();
        let history = history
            .into_iter()
            .filter_map(|h| {
                Some(HistoryEntry {
                    at: from_millis(h.at),
                    actor_id: h.actor_id,
                    actor: Actor::from_code(&h.actor_role)?,
                    action: Action::from_code(&h.action)?,
                    from: h.from_status.as_deref().and_then(Status::from_code),
                    to: Status::from_code(&h.to_status)?,
                    note: h.note,
                })
            })
            .collect();
        let pickup = match (&row.pickup_date, &row.pickup_place) {
            (Some(date), Some(place)) => {
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .ok()
                    .map(|date| Pickup {
                        date,
                        place: place.clone(),
                    })
            }
            _ => None,
        };
        Ok(ApplicationDetail {
            summary: self.summary_of(&row, viewer)?,
            no_kk_masked: mask16(&row.no_kk),
            email_masked: email,
            whatsapp: row.whatsapp.clone(),
            subtype: row.subtype.clone(),
            keterangan: row.keterangan.clone(),
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
            documents,
            history,
            pickup,
            counter_note: service.counter_note.clone(),
            nik_for_officer: caller.role.is_staff().then(|| row.nik.clone()),
        })
    }

    /// A document's content ("Lihat"), for the owner or staff (audited).
    pub fn document(&self, session: &str, number: &str, slot: &str) -> Result<DocumentContent> {
        let now = self.now_ms();
        let doc = store::write(self.live()?, |tx| {
            let (caller, row) = self.visible(tx, session, number)?;
            let doc = tx
                .documents(row.id)?
                .into_iter()
                .find(|d| d.slot == slot)
                .ok_or_else(|| Error::DocumentUnknownSlot {
                    field: format!("documents.{slot}"),
                })?;
            if caller.role.is_staff() {
                self.audit(tx, &caller, "read_document", &row, &doc.slot, now)?;
            }
            Ok(doc)
        })?;
        Ok(DocumentContent {
            bytes: self.documents.get(&doc.sha256)?,
            file_name: doc.file_name,
            mime: doc.mime,
        })
    }

    /// Corrects and resubmits a rejected application (the pencil button). The
    /// history is kept; replaced documents are checked like new ones.
    pub fn resubmit(
        &self,
        session: &str,
        number: &str,
        change: &Resubmission,
    ) -> Result<ApplicationSummary> {
        let store = self.live()?;
        let number = number::parse("number", number)?;
        let (_, row) = store::read(store, |tx| self.own(tx, session, &number, Action::Resubmit))?;
        next(status_of(&row)?, Action::Resubmit, Actor::Applicant)?;
        let service = self.config.catalog.service(&row.service)?;
        let slots = service.slots_for(row.subtype.as_deref())?;
        let fields = match &change.fields {
            Some(values) => Some(
                serde_json::to_string(&service.validate_fields(values, self.today())?).map_err(
                    |e| Error::Storage {
                        message: e.to_string(),
                    },
                )?,
            ),
            None => None,
        };
        let keterangan = change
            .keterangan
            .as_deref()
            .map(|k| keterangan_text("keterangan", k))
            .transpose()?;
        let uploads = check_uploads(&slots, &change.documents)?;
        let existing = store::read(store, |tx| tx.documents(row.id))?;
        let present: Vec<(&str, u64)> = slots
            .iter()
            .filter_map(|s| {
                uploads
                    .iter()
                    .find(|u| u.slot == s.id)
                    .map(|u| (s.id.as_str(), u.bytes.len() as u64))
                    .or_else(|| {
                        existing
                            .iter()
                            .find(|d| d.slot == s.id)
                            .map(|d| (s.id.as_str(), d.size))
                    })
            })
            .collect();
        check_complete(&slots, &present, self.config.catalog.application_max_bytes)?;
        let blobs = uploads
            .iter()
            .map(|u| self.documents.put(&u.bytes, u.kind))
            .collect::<Result<Vec<_>>>()?;
        let now = self.now_ms();
        let row = store::write(store, |tx| {
            let (caller, mut row) = self.own(tx, session, &number, Action::Resubmit)?;
            let from = status_of(&row)?;
            let to = next(from, Action::Resubmit, caller.role)?;
            if let Some(f) = &fields {
                row.fields = f.clone();
            }
            if let Some(k) = &keterangan {
                row.keterangan = k.clone();
            }
            row.status = to.code().to_owned();
            row.note = String::new();
            row.updated_at = now;
            tx.update_application(&row)?;
            for b in &blobs {
                tx.insert_blob(b, now)?;
            }
            let docs = document_rows(&uploads, &blobs);
            tx.put_documents(row.id, &docs)?;
            self.record(tx, &caller, &row, Action::Resubmit, from, to, "", now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }

    /// Withdraws a submitted application.
    pub fn cancel(&self, session: &str, number: &str) -> Result<ApplicationSummary> {
        let number = number::parse("number", number)?;
        let now = self.now_ms();
        let row = store::write(self.live()?, |tx| {
            let (caller, mut row) = self.own(tx, session, &number, Action::Cancel)?;
            let from = status_of(&row)?;
            let to = next(from, Action::Cancel, caller.role)?;
            row.status = to.code().to_owned();
            row.note = String::new();
            row.updated_at = now;
            tx.update_application(&row)?;
            self.record(tx, &caller, &row, Action::Cancel, from, to, "", now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }

    /// The officer queue: applications by status (all when `status` is
    /// `None`) and service, oldest first.
    pub fn queue(
        &self,
        session: &str,
        status: Option<Status>,
        service: Option<&str>,
        page: Page,
    ) -> Result<Vec<ApplicationSummary>> {
        if let Some(id) = service {
            self.config.catalog.service(id)?;
        }
        let filter = QueueFilter {
            statuses: status
                .map(|s| vec![s.code().to_owned()])
                .unwrap_or_default(),
            service: service.map(str::to_owned),
        };
        let (caller, rows) = store::read(self.live()?, |tx| {
            let caller = self.staff(tx, session)?;
            Ok((caller, tx.queue(&filter, page_limit(page), page.offset)?))
        })?;
        rows.iter()
            .map(|r| self.summary_of(r, caller.role))
            .collect()
    }

    /// Accepts a submitted application for processing ("permohonan diterima").
    pub fn accept(&self, session: &str, number: &str, note: &str) -> Result<ApplicationSummary> {
        let note = note_text("note", note)?;
        self.decide(session, number, Action::Accept, &note, |_| Ok(()))
    }

    /// Rejects an application with a reason (required); the applicant may
    /// correct and resubmit it.
    pub fn reject(&self, session: &str, number: &str, reason: &str) -> Result<ApplicationSummary> {
        let reason = note_text("reason", reason)?;
        if reason.is_empty() {
            return Err(Error::required("reason"));
        }
        self.decide(session, number, Action::Reject, &reason, |_| Ok(()))
    }

    /// Completes an application: pickup date (not in the past) and place for
    /// services with a coupon, and a note (the answer, for a complaint).
    pub fn complete(
        &self,
        session: &str,
        number: &str,
        done: &Completion,
    ) -> Result<ApplicationSummary> {
        let note = note_text("note", &done.note)?;
        let today = self.today();
        if let Some(date) = done.pickup_date
            && date < today
        {
            return Err(Error::invalid("pickup_date", "must not be in the past"));
        }
        let catalog = &self.config.catalog;
        let place = match done
            .pickup_place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => catalog.default_pickup_place().to_owned(),
            Some(p) if catalog.pickup_places.iter().any(|known| known == p) => p.to_owned(),
            Some(_) => {
                return Err(Error::invalid(
                    "pickup_place",
                    "not one of the office's pickup places",
                ));
            }
        };
        self.decide(session, number, Action::Complete, &note, |row| {
            let coupon = catalog
                .service(&row.service)
                .map(|s| s.coupon)
                .unwrap_or(true);
            if coupon {
                let date = done
                    .pickup_date
                    .ok_or_else(|| Error::required("pickup_date"))?;
                row.pickup_date = Some(date.format("%Y-%m-%d").to_string());
                row.pickup_place = Some(place.clone());
            }
            Ok(())
        })
    }

    /// Records that the applicant collected the documents.
    pub fn collect(&self, session: &str, number: &str) -> Result<ApplicationSummary> {
        self.decide(session, number, Action::Collect, "", |_| Ok(()))
    }

    /// The audit log, newest first (admins only).
    pub fn audit_log(&self, session: &str, page: Page) -> Result<Vec<AuditEntry>> {
        let rows = store::read(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            if caller.role != Actor::Admin {
                return Err(Error::Forbidden {
                    what: "only admins read the audit log".into(),
                });
            }
            tx.audit(page_limit(page), page.offset)
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let (number, detail) = r
                    .detail
                    .split_once('\u{1f}')
                    .map_or((None, r.detail.clone()), |(n, d)| {
                        (Some(n.to_owned()), d.to_owned())
                    });
                Some(AuditEntry {
                    at: from_millis(r.at),
                    actor_id: r.actor_id,
                    actor: Actor::from_code(&r.actor_role)?,
                    what: r.what,
                    application_number: number,
                    detail,
                })
            })
            .collect())
    }

    /// An officer's move: checks the table, applies `change`, records the
    /// history and enqueues the notification, all in one transaction.
    fn decide(
        &self,
        session: &str,
        number: &str,
        action: Action,
        note: &str,
        change: impl Fn(&mut ApplicationRow) -> Result<()>,
    ) -> Result<ApplicationSummary> {
        let number = number::parse("number", number)?;
        let now = self.now_ms();
        let (caller, row) = store::write(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            if !action.permits(caller.role) {
                return Err(Error::ActorNotPermitted {
                    actor: caller.role,
                    action,
                });
            }
            let mut row = tx
                .application_by_number(&number)?
                .ok_or(Error::ApplicationNotFound)?;
            let from = status_of(&row)?;
            let to = next(from, action, caller.role)?;
            change(&mut row)?;
            row.status = to.code().to_owned();
            row.note = note.to_owned();
            row.updated_at = now;
            tx.update_application(&row)?;
            self.record(tx, &caller, &row, action, from, to, note, now)?;
            Ok((caller, row))
        })?;
        self.summary_of(&row, caller.role)
    }

    /// Writes the history row and, for actions that notify, the outbox row.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        row: &ApplicationRow,
        action: Action,
        from: Status,
        to: Status,
        note: &str,
        now: i64,
    ) -> Result<()> {
        tx.insert_history(
            row.id,
            &HistoryRow {
                at: now,
                actor_id: caller.id,
                actor_role: caller.role.code().to_owned(),
                action: action.code().to_owned(),
                from_status: Some(from.code().to_owned()),
                to_status: to.code().to_owned(),
                note: note.to_owned(),
            },
        )?;
        let kind = match action {
            Action::Accept => Kind::Accepted,
            Action::Reject => Kind::Rejected,
            Action::Complete => Kind::Completed,
            _ => return Ok(()),
        };
        let owner = tx
            .account_by_id(row.account_id)?
            .ok_or(Error::ApplicationNotFound)?;
        let service = self.config.catalog.service(&row.service)?;
        let mut data = BTreeMap::from([
            ("number", row.number.clone()),
            ("nama", row.nama.clone()),
            ("nik_masked", mask16(&row.nik)),
            ("service", service.name.clone()),
            ("note", note.to_owned()),
        ]);
        if let (Some(date), Some(place)) = (&row.pickup_date, &row.pickup_place) {
            data.insert("pickup_date", date.clone());
            data.insert("pickup_place", place.clone());
        }
        outbox::enqueue(tx, kind, &owner.email, &data, now)?;
        Ok(())
    }

    fn audit(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        what: &str,
        row: &ApplicationRow,
        detail: &str,
        now: i64,
    ) -> Result<()> {
        tx.insert_audit(&AuditRow {
            at: now,
            actor_id: caller.id,
            actor_role: caller.role.code().to_owned(),
            what: what.to_owned(),
            application_id: Some(row.id),
            // The number travels in the detail so reading the log needs no join.
            detail: format!("{}\u{1f}{detail}", row.number),
        })
    }

    /// The caller, who must be an applicant.
    fn applicant(&self, tx: &mut dyn Tx, session: &str) -> Result<Caller> {
        let caller = self.authenticate(tx, session)?;
        initial(caller.role)?;
        Ok(caller)
    }

    /// The caller, who must be staff.
    fn staff(&self, tx: &mut dyn Tx, session: &str) -> Result<Caller> {
        let caller = self.authenticate(tx, session)?;
        if !caller.role.is_staff() {
            return Err(Error::Forbidden {
                what: "only officers see the queue".into(),
            });
        }
        Ok(caller)
    }

    /// The caller's own application, for an applicant's `action`; another's is "not found".
    fn own(
        &self,
        tx: &mut dyn Tx,
        session: &str,
        number: &str,
        action: Action,
    ) -> Result<(Caller, ApplicationRow)> {
        let caller = self.authenticate(tx, session)?;
        if !action.permits(caller.role) {
            return Err(Error::ActorNotPermitted {
                actor: caller.role,
                action,
            });
        }
        match tx.application_by_number(number)? {
            Some(row) if row.account_id == caller.id => Ok((caller, row)),
            _ => Err(Error::ApplicationNotFound),
        }
    }

    /// An application the caller may read: their own, or any for staff.
    fn visible(
        &self,
        tx: &mut dyn Tx,
        session: &str,
        number: &str,
    ) -> Result<(Caller, ApplicationRow)> {
        let caller = self.authenticate(tx, session)?;
        let number = number::parse("number", number).map_err(|_| Error::ApplicationNotFound)?;
        match tx.application_by_number(&number)? {
            Some(row) if caller.role.is_staff() || row.account_id == caller.id => Ok((caller, row)),
            _ => Err(Error::ApplicationNotFound),
        }
    }

    fn summary_of(&self, row: &ApplicationRow, viewer: Actor) -> Result<ApplicationSummary> {
        let status = status_of(row)?;
        let service: Option<&Service> = self.config.catalog.service(&row.service).ok();
        let subtype_name = service.and_then(|s| {
            row.subtype
                .as_deref()
                .and_then(|id| s.subtypes.iter().find(|t| t.id == id))
                .map(|t| t.name.clone())
        });
        let submitted_at = from_millis(row.submitted_at);
        Ok(ApplicationSummary {
            number: row.number.clone(),
            nama: row.nama.clone(),
            nik_masked: mask16(&row.nik),
            service: row.service.clone(),
            service_name: service.map_or_else(|| row.service.clone(), |s| s.name.clone()),
            subtype_name,
            submitted_at,
            submitted_at_local: submitted_at
                .with_timezone(&self.config.utc_offset)
                .format("%d %b %Y, %I:%M:%S %p")
                .to_string(),
            status,
            status_label: status.label().to_owned(),
            note: if row.note.is_empty() {
                status.default_note().to_owned()
            } else {
                row.note.clone()
            },
            actions: super::allowed(status, viewer),
        })
    }
}
