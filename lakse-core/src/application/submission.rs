//! The applicant's moves: submit ("Ajukan"), correct and resubmit a
//! rejected application (the pencil), and cancel. Each checks the form
//! before touching storage, and takes its step through [`Lakse::apply`].

use std::collections::BTreeMap;

use chrono::Datelike;

use super::documents::{CheckedUpload, attach_documents, check_complete, check_uploads};
use super::notes::keterangan_text;
use super::transition::status_of;
use super::view::{ApplicationSummary, NewApplication, Resubmission};
use super::{Action, Actor, next, number};
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::Lakse;
use crate::profile::nik_claimed;
use crate::store::{self, ApplicationRow, Tx};

/// The longest idempotency key accepted, in characters.
const MAX_IDEMPOTENCY_KEY_CHARS: usize = 100;

impl Lakse {
    /// Submits an application ("Ajukan"). Checks, in order: the service
    /// (known, enabled, not redirected), the sub-type, the extra fields, the
    /// Keterangan, each file against its slot, the required slots, the total
    /// size (25 MB by default), a complete profile, and one open application
    /// per NIK per service. Nothing is written unless all pass.
    ///
    /// With an `idempotency_key` seen before for this account, returns that
    /// application and creates nothing when the form is the same (same
    /// service, sub-type, Keterangan, fields and files, in any order), and
    /// refuses it with `application.idempotency_conflict` when it is not.
    pub fn submit(&self, session: &str, app: &NewApplication) -> Result<ApplicationSummary> {
        let store = self.live()?;
        let catalog = &self.config.catalog;
        let service = self.service_to_apply(app.service.trim())?;
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
        let key = idempotency_key(app.idempotency_key.as_deref())?;
        let fields_json = serde_json::to_string(&fields).map_err(Error::internal)?;
        let form = form_sha256(
            &service.id,
            subtype.as_deref(),
            &keterangan,
            &fields,
            &uploads,
        )?;

        // Refuse what the database alone can tell before writing any file.
        let earlier = store::read(store, |tx| {
            let caller = self.applicant(tx, session)?;
            if let Some(k) = key
                && let Some(row) = tx.application_by_idempotency_key(caller.id, k)?
            {
                return same_form(row, &form).map(Some);
            }
            let profile = self.complete_profile(tx, caller.id)?;
            if tx
                .open_application(&profile.nik, &service.id, caller.id)?
                .is_some()
            {
                return Err(Error::ApplicationOpen);
            }
            Ok(None)
        })?;
        if let Some(row) = earlier {
            return self.summary_of(&row, Actor::Applicant);
        }

        let files = self.stage_uploads(&uploads)?;
        let now = self.now_ms();
        let year = self.now().with_timezone(&self.config.utc_offset).year();
        let row = store::write(store, |tx| {
            let caller = self.applicant(tx, session)?;
            if let Some(k) = key
                && let Some(row) = tx.application_by_idempotency_key(caller.id, k)?
            {
                return same_form(row, &form);
            }
            let profile = self.complete_profile(tx, caller.id)?;
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
                status: String::new(),
                note: String::new(),
                submitted_at: now,
                updated_at: now,
                pickup_date: None,
                pickup_place: None,
                idempotency_key: key.map(str::to_owned),
                service_sha256: Some(self.keep_definition(tx, service, now)?),
                form_sha256: key.map(|_| form.clone()),
            };
            self.apply(tx, &caller, &mut row, Action::Submit, "", now)?;
            attach_documents(tx, row.id, &uploads, &files, now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
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
        let (row, service) = store::read(store, |tx| {
            let (caller, row) = self.actionable(tx, session, &number, Action::Resubmit)?;
            check_nik_holder(tx, caller.id, &row)?;
            let service = self.service_of(tx, &row)?;
            Ok((row, service))
        })?;
        next(status_of(&row)?, Action::Resubmit, Actor::Applicant)?;
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
        let present = present_after(&slots, &uploads, &existing);
        check_complete(&slots, &present, self.config.catalog.application_max_bytes)?;
        let files = self.stage_uploads(&uploads)?;
        let now = self.now_ms();
        let row = store::write(store, |tx| {
            let (caller, mut row) = self.actionable(tx, session, &number, Action::Resubmit)?;
            check_nik_holder(tx, caller.id, &row)?;
            if let Some(f) = &fields {
                row.fields = f.clone();
            }
            if let Some(k) = &keterangan {
                row.keterangan = k.clone();
            }
            self.apply(tx, &caller, &mut row, Action::Resubmit, "", now)?;
            attach_documents(tx, row.id, &uploads, &files, now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }

    /// Withdraws a submitted application.
    pub fn cancel(&self, session: &str, number: &str) -> Result<ApplicationSummary> {
        let number = number::parse("number", number)?;
        let now = self.now_ms();
        let row = store::write(self.live()?, |tx| {
            let (caller, mut row) = self.actionable(tx, session, &number, Action::Cancel)?;
            self.apply(tx, &caller, &mut row, Action::Cancel, "", now)?;
            Ok(row)
        })?;
        self.summary_of(&row, Actor::Applicant)
    }
}

/// Refuses going on with an application whose NIK another account's
/// profile holds now (an officer released it from the applicant's).
fn check_nik_holder(tx: &mut dyn Tx, account_id: i64, row: &ApplicationRow) -> Result<()> {
    match tx.nik_holder(&row.nik)? {
        Some(holder) if holder != account_id => Err(nik_claimed()),
        _ => Ok(()),
    }
}

/// The idempotency key of a form, trimmed; `None` when absent or blank.
fn idempotency_key(key: Option<&str>) -> Result<Option<&str>> {
    let key = key.map(str::trim).filter(|k| !k.is_empty());
    if let Some(k) = key {
        let found = k.chars().count();
        if found > MAX_IDEMPOTENCY_KEY_CHARS {
            return Err(Error::TooLong {
                field: "idempotency_key".into(),
                max: MAX_IDEMPOTENCY_KEY_CHARS,
                found,
            });
        }
    }
    Ok(key)
}

/// The SHA-256 of a checked form's canonical content: what an idempotency
/// key stands for. Documents count by slot, file name and content hash, in
/// slot order.
fn form_sha256(
    service: &str,
    subtype: Option<&str>,
    keterangan: &str,
    fields: &BTreeMap<String, String>,
    uploads: &[CheckedUpload],
) -> Result<String> {
    let mut documents: Vec<[&str; 3]> = uploads
        .iter()
        .map(|u| [u.slot.as_str(), u.file_name.as_str(), u.sha256.as_str()])
        .collect();
    documents.sort_unstable();
    /// Fields in a fixed order, whatever serde_json's map features.
    #[derive(serde::Serialize)]
    struct Canonical<'a> {
        service: &'a str,
        subtype: Option<&'a str>,
        keterangan: &'a str,
        fields: &'a BTreeMap<String, String>,
        documents: Vec<[&'a str; 3]>,
    }
    let canonical = Canonical {
        service,
        subtype,
        keterangan,
        fields,
        documents,
    };
    let json = serde_json::to_string(&canonical).map_err(Error::internal)?;
    Ok(crate::document::sha256_hex(json.as_bytes()))
}

/// The application an idempotency key was first used for, if the form is
/// the same; a key from before forms were hashed counts as the same.
fn same_form(row: ApplicationRow, form: &str) -> Result<ApplicationRow> {
    match &row.form_sha256 {
        Some(first) if first != form => Err(Error::rule(
            ErrorCode::ApplicationIdempotencyConflict,
            "idempotency_key",
            "used before with a different form",
        )),
        _ => Ok(row),
    }
}

/// Each slot's size once the replacements in `uploads` are made.
fn present_after<'a>(
    slots: &[&'a crate::catalog::DocumentSlot],
    uploads: &[CheckedUpload],
    existing: &[crate::store::DocumentRow],
) -> Vec<(&'a str, u64)> {
    slots
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
        .collect()
}
