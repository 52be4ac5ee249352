//! Reading applications: "Pengajuanku", "Detail Pengajuan", and the list
//! row both sides (and the officer queue) show.

use super::transition::status_of;
use super::view::{
    ApplicationDetail, ApplicationPage, ApplicationSummary, DocumentInfo, HistoryEntry, MAX_PAGE,
    Page, Pickup,
};
use super::{Action, Actor, Status};
use crate::email;
use crate::error::{Error, Result};
use crate::id::mask_text;
use crate::lakse::Lakse;
use crate::sensitive::IdNumber;
use crate::store::{self, ApplicationRow, Stored};

/// How many rows a page asks for, within 1..=[`MAX_PAGE`].
pub(super) fn page_limit(page: Page) -> u32 {
    page.limit.clamp(1, MAX_PAGE)
}

impl Lakse {
    /// "Pengajuanku": the caller's applications, newest first, and how many there are.
    pub fn my_applications(&self, session: &str, page: Page) -> Result<ApplicationPage> {
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
        Ok(ApplicationPage {
            items,
            total,
            offset: page.offset,
            limit: page_limit(page),
        })
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
        let stored = Stored::row("applications", row.id);
        let owner = owner.ok_or_else(|| stored.corrupt("account_id"))?;
        let email = email::parse(&owner.email)
            .map_err(|_| Stored::row("accounts", owner.id).corrupt("email"))?
            .masked();
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
            .map(|h| {
                let entry = Stored::row("history", h.id);
                Ok(HistoryEntry {
                    at: entry.time("at", h.at)?,
                    actor_id: h.actor_id,
                    actor: entry.code("actor_role", &h.actor_role, Actor::from_code)?,
                    action: entry.code("action", &h.action, Action::from_code)?,
                    from: h
                        .from_status
                        .map(|s| entry.code("from_status", &s, Status::from_code))
                        .transpose()?,
                    to: entry.code("to_status", &h.to_status, Status::from_code)?,
                    note: h.note,
                })
            })
            .collect::<Result<_>>()?;
        let pickup = match (&row.pickup_date, &row.pickup_place) {
            (Some(date), Some(place)) => Some(Pickup {
                date: stored.date("pickup_date", date)?,
                place: place.clone(),
            }),
            _ => None,
        };
        Ok(ApplicationDetail {
            summary: self.summary_of(&row, viewer)?,
            no_kk_masked: mask_text(&row.no_kk),
            email_masked: email,
            whatsapp: row.whatsapp.clone(),
            subtype: row.subtype.clone(),
            keterangan: row.keterangan.clone(),
            fields: stored.json("fields", &row.fields)?,
            documents,
            history,
            pickup,
            counter_note: service.counter_note.clone(),
            nik_for_officer: caller
                .role
                .is_staff()
                .then(|| IdNumber::new(row.nik.clone())),
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
        let submitted_at =
            Stored::row("applications", row.id).time("submitted_at", row.submitted_at)?;
        Ok(ApplicationSummary {
            number: row.number.clone(),
            nama: row.nama.clone(),
            nik_masked: mask_text(&row.nik),
            service: row.service.clone(),
            service_name: service.map_or_else(|| row.service.clone(), |s| s.name.clone()),
            subtype_name,
            submitted_at,
            submitted_at_local: self.local_time(submitted_at),
            status,
            status_label: status.label().to_owned(),
            note: if row.note.is_empty() {
                status.default_note().to_owned()
            } else {
                row.note.clone()
            },
            // A service without a coupon ends at Selesai: nothing to collect.
            actions: super::allowed(status, viewer)
                .into_iter()
                .filter(|a| *a != Action::Collect || service.is_none_or(|s| s.coupon))
                .collect(),
        })
    }
}
