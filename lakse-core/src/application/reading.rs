//! Reading applications: "Pengajuanku", "Detail Pengajuan", and the list
//! row both sides (and the officer queue) show.

use chrono::NaiveDate;

use super::transition::status_of;
use super::view::{
    ApplicationDetail, ApplicationSummary, DocumentInfo, HistoryEntry, MAX_PAGE, Page, Pickup,
};
use super::{Action, Actor, Status};
use crate::email;
use crate::error::{Error, Result};
use crate::id::mask_text;
use crate::lakse::{Lakse, from_millis};
use crate::store::{self, ApplicationRow};

/// How many rows a page asks for, within 1..=[`MAX_PAGE`].
pub(super) fn page_limit(page: Page) -> u32 {
    page.limit.clamp(1, MAX_PAGE)
}

impl Lakse {
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
        let (caller, row, service, docs, history, owner) = store::read(store, |tx| {
            let (caller, row) = self.visible(tx, session, number)?;
            let service = self.service_of(tx, &row)?;
            let docs = tx.documents(row.id)?;
            let history = tx.history(row.id)?;
            let owner = tx.account_by_id(row.account_id)?;
            Ok((caller, row, service, docs, history, owner))
        })?;
        if caller.role.is_staff() {
            let now = self.now_ms();
            store::write(store, |tx| {
                self.audit_read(tx, &caller, "read_detail", &row, "", now)
            })?;
        }
        let viewer = if caller.id == row.account_id {
            Actor::Applicant
        } else {
            caller.role
        };
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
            no_kk_masked: mask_text(&row.no_kk),
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

    /// The list row of `row` as `viewer` sees it (the actions are theirs).
    /// Names come from the service the application was submitted under.
    pub(super) fn summary_of(
        &self,
        row: &ApplicationRow,
        viewer: Actor,
    ) -> Result<ApplicationSummary> {
        let status = status_of(row)?;
        let service = match self.service_of_row(row) {
            Ok(service) => Some(service),
            // From before definitions were kept, of a service since dropped: its id.
            Err(Error::UnknownService { .. }) => None,
            Err(e) => return Err(e),
        };
        let service = service.as_deref();
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
            nik_masked: mask_text(&row.nik),
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
