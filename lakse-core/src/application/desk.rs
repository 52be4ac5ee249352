//! The applicant's side of the desk, through the [`Lakse`] handle: submit,
//! "Pengajuanku", detail, documents, resubmit, cancel; and the access rules
//! both sides share (own application, visible application, audited reads).
//! Every status change goes through [`super::next`] and is recorded in the
//! history in the same transaction.

use chrono::{Datelike, NaiveDate};

use super::view::{
    ApplicationDetail, ApplicationSummary, DocumentContent, DocumentInfo, HistoryEntry,
    MAX_NOTE_CHARS, MAX_PAGE, NewApplication, Page, Pickup, Resubmission,
};
use super::{Action, Actor, Status, initial, next, number};
use crate::account::Caller;
use crate::catalog::{DocumentSlot, Service};
use crate::document::{self, Upload};
use crate::email;
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::{Lakse, from_millis};
use crate::text::{self, Rule};
use std::collections::BTreeMap;

use crate::outbox::{self, Kind};
use crate::store::{self, ApplicationRow, AuditRow, BlobRow, DocumentRow, HistoryRow, Tx};

/// A checked file, ready to store.
struct CheckedUpload {
    slot: String,
    file_name: String,
    kind: crate::catalog::FileType,
    bytes: Vec<u8>,
}

/// The applicant's Keterangan: at most [`MAX_NOTE_CHARS`], lines of printable text.
fn keterangan_text(field: &str, input: &str) -> Result<String> {
    text::clean(field, input, Rule::multi_line(MAX_NOTE_CHARS).printed())
}

/// An officer's note or reason: at most [`MAX_NOTE_CHARS`], one line of
/// printable text (it is printed on the pickup coupon and in e-mails).
pub(super) fn note_text(field: &str, input: &str) -> Result<String> {
    text::clean(field, input, Rule::one_line(MAX_NOTE_CHARS).printed())
}

pub(super) fn page_limit(page: Page) -> u32 {
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
            return Err(Error::rule(
                ErrorCode::DocumentDuplicate,
                field,
                "one file per document",
            ));
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

/// Records stored uploads (`blobs[i]` holds `uploads[i]`) as the
/// application's documents, replacing those of the same slots.
fn attach_documents(
    tx: &mut dyn Tx,
    application_id: i64,
    uploads: &[CheckedUpload],
    blobs: &[BlobRow],
    now: i64,
) -> Result<()> {
    for b in blobs {
        tx.insert_blob(b, now)?;
    }
    let docs: Vec<DocumentRow> = uploads
        .iter()
        .zip(blobs)
        .map(|(u, b)| DocumentRow {
            slot: u.slot.clone(),
            sha256: b.sha256.clone(),
            file_name: u.file_name.clone(),
            size: b.size,
            mime: b.mime.clone(),
        })
        .collect();
    tx.put_documents(application_id, &docs)
}

pub(super) fn status_of(row: &ApplicationRow) -> Result<Status> {
    Status::from_code(&row.status).ok_or_else(|| Error::Storage {
        message: format!("application {} has unknown status", row.number),
    })
}

pub(super) fn mask16(digits: &str) -> String {
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
        if service.keterangan_required && keterangan.is_empty() {
            return Err(Error::required("keterangan"));
        }
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
        let fields_json = serde_json::to_string(&fields).map_err(Error::internal)?;

        // Refuse what the database alone can tell before writing any file.
        let earlier = store::read(store, |tx| {
            let caller = self.applicant(tx, session)?;
            if let Some(k) = key
                && let Some(row) = tx.application_by_idempotency_key(caller.id, k)?
            {
                return Ok(Some(row));
            }
            let profile = self.complete_profile(tx, caller.id)?;
            if tx.open_application(&profile.nik, &service.id)?.is_some() {
                return Err(Error::ApplicationOpen);
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
            attach_documents(tx, row.id, &uploads, &blobs, now)?;
            self.record(tx, &caller, &row, Action::Submit, None, status, "", now)?;
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
                serde_json::to_string(&service.validate_fields(values, self.today())?)
                    .map_err(Error::internal)?,
            ),
            None => None,
        };
        let keterangan = change
            .keterangan
            .as_deref()
            .map(|k| keterangan_text("keterangan", k))
            .transpose()?;
        if service.keterangan_required && keterangan.as_deref() == Some("") {
            return Err(Error::required("keterangan"));
        }
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
            attach_documents(tx, row.id, &uploads, &blobs, now)?;
            self.record(tx, &caller, &row, Action::Resubmit, Some(from), to, "", now)?;
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
            self.record(tx, &caller, &row, Action::Cancel, Some(from), to, "", now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }

    /// Writes the history row and, for actions that notify, the outbox row.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        row: &ApplicationRow,
        action: Action,
        from: Option<Status>,
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
                from_status: from.map(|s| s.code().to_owned()),
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

    pub(crate) fn audit(
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
            return Err(super::actor_not_permitted(caller.role, action));
        }
        match tx.application_by_number(number)? {
            Some(row) if row.account_id == caller.id => Ok((caller, row)),
            _ => Err(Error::ApplicationNotFound),
        }
    }

    /// An application the caller may read: their own, or any for staff.
    pub(crate) fn visible(
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

    pub(super) fn summary_of(
        &self,
        row: &ApplicationRow,
        viewer: Actor,
    ) -> Result<ApplicationSummary> {
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
