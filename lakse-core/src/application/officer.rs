//! The office's side of the desk: the queue, accepting, rejecting,
//! completing, recording collection, and the audit log. Every move takes
//! its step through [`Lakse::apply`].

use chrono::{Months, NaiveDate};

use super::access::NUMBER_SEPARATOR;
use super::notes::note_text;
use super::reading::page_limit;
use super::transition::status_of;
use super::view::{ApplicationPage, ApplicationSummary, AuditEntry, AuditPage, Completion, Page};
use super::{Action, Actor, Status, next, number};
use crate::catalog::Service;
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::Lakse;
use crate::store::{self, ApplicationRow, QueueFilter, Stored};

impl Lakse {
    /// The officer queue: applications by status (all when `status` is
    /// `None`) and service, oldest first.
    pub fn queue(
        &self,
        session: &str,
        status: Option<Status>,
        service: Option<&str>,
        page: Page,
    ) -> Result<ApplicationPage> {
        if let Some(id) = service {
            self.check_queue_service(id)?;
        }
        let filter = QueueFilter {
            statuses: status
                .map(|s| vec![s.code().to_owned()])
                .unwrap_or_default(),
            service: service.map(str::to_owned),
        };
        let (caller, rows, total) = store::read(self.live()?, |tx| {
            let caller = self.staff(tx, session, "only officers see the queue")?;
            let rows = tx.queue(&filter, page_limit(page), page.offset)?;
            Ok((caller, rows, tx.count_queue(&filter)?))
        })?;
        Ok(ApplicationPage {
            items: rows
                .iter()
                .map(|r| self.summary_of(r, caller.role))
                .collect::<Result<_>>()?,
            total,
            offset: page.offset,
            limit: page_limit(page),
        })
    }

    /// Accepts a submitted application for processing ("permohonan diterima").
    pub fn accept(&self, session: &str, number: &str, note: &str) -> Result<ApplicationSummary> {
        let note = note_text("note", note)?;
        self.decide(session, number, Action::Accept, &note, |_, _| Ok(()))
    }

    /// Rejects an application with a reason (required); the applicant may
    /// correct and resubmit it.
    pub fn reject(&self, session: &str, number: &str, reason: &str) -> Result<ApplicationSummary> {
        let reason = note_text("reason", reason)?;
        if reason.is_empty() {
            return Err(Error::required("reason"));
        }
        self.decide(session, number, Action::Reject, &reason, |_, _| Ok(()))
    }

    /// Completes an application: pickup date (from today to a year ahead) and place for
    /// services with a coupon; for a service without one (Pengaduan
    /// Masyarakat) the note is the officer's answer, so it is required, and
    /// pickup fields are neither checked nor kept.
    pub fn complete(
        &self,
        session: &str,
        number: &str,
        done: &Completion,
    ) -> Result<ApplicationSummary> {
        let note = note_text("note", &done.note)?;
        let catalog = &self.config.catalog;
        let place = done
            .pickup_place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let today = self.today();
        self.decide(session, number, Action::Complete, &note, |row, service| {
            if !service.coupon {
                // The answer is the note; pickup fields (a generic officer
                // form may send them) have no meaning here and are not kept.
                if note.is_empty() {
                    return Err(Error::required("note"));
                }
                return Ok(());
            }
            if let Some(date) = done.pickup_date {
                check_pickup_date(date, today)?;
            }
            let place = match place {
                None => catalog.default_pickup_place(),
                Some(p) if catalog.pickup_places.iter().any(|known| known == p) => p,
                Some(_) => {
                    return Err(Error::rule(
                        ErrorCode::PickupUnknownPlace,
                        "pickup_place",
                        "not one of the office's pickup places",
                    ));
                }
            };
            let date = done
                .pickup_date
                .ok_or_else(|| Error::required("pickup_date"))?;
            row.pickup_date = Some(date.format(store::DATE_FORMAT).to_string());
            row.pickup_place = Some(place.to_owned());
            Ok(())
        })
    }

    /// Records that the applicant collected the documents; a service
    /// without a coupon has nothing to collect and ends at Selesai.
    pub fn collect(&self, session: &str, number: &str) -> Result<ApplicationSummary> {
        self.decide(session, number, Action::Collect, "", |row, service| {
            if service.coupon {
                Ok(())
            } else {
                Err(Error::TransitionNotAllowed {
                    status: row.status.clone(),
                    action: Action::Collect.code().to_owned(),
                    allowed: Vec::new(),
                })
            }
        })
    }

    /// The audit log, newest first (admins only).
    pub fn audit_log(&self, session: &str, page: Page) -> Result<AuditPage> {
        let (rows, total) = store::read(self.live()?, |tx| {
            self.admin(tx, session, "only admins read the audit log")?;
            Ok((tx.audit(page_limit(page), page.offset)?, tx.count_audit()?))
        })?;
        let items = rows
            .into_iter()
            .map(|r| {
                let stored = Stored::row("audit_log", r.id);
                let (number, detail) = r
                    .detail
                    .split_once(NUMBER_SEPARATOR)
                    .map_or((None, r.detail.clone()), |(n, d)| {
                        (Some(n.to_owned()), d.to_owned())
                    });
                Ok(AuditEntry {
                    at: stored.time("at", r.at)?,
                    actor_id: r.actor_id,
                    actor: stored.code("actor_role", &r.actor_role, Actor::from_code)?,
                    what: r.what,
                    application_number: number,
                    detail,
                })
            })
            .collect::<Result<_>>()?;
        Ok(AuditPage {
            items,
            total,
            offset: page.offset,
            limit: page_limit(page),
        })
    }

    /// An officer's move: applies `change` (given the service the
    /// application was submitted under), then takes the step, all in one
    /// transaction.
    fn decide(
        &self,
        session: &str,
        number: &str,
        action: Action,
        note: &str,
        change: impl Fn(&mut ApplicationRow, &Service) -> Result<()>,
    ) -> Result<ApplicationSummary> {
        let number = number::parse("number", number)?;
        let now = self.now_ms();
        let (caller, row) = store::write(self.live()?, |tx| {
            let (caller, mut row) = self.actionable(tx, session, &number, action)?;
            // The table first: a move it refuses is refused as such.
            next(status_of(&row)?, action, caller.role)?;
            let service = self.service_of(tx, &row)?;
            change(&mut row, &service)?;
            self.apply(tx, &caller, &mut row, action, note, now)?;
            Ok((caller, row))
        })?;
        self.summary_of(&row, caller.role)
    }
}

/// How far ahead a pickup may be scheduled.
const PICKUP_WINDOW: Months = Months::new(12);

/// A pickup date lies between today and a year from today.
fn check_pickup_date(date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date < today {
        return Err(Error::rule(
            ErrorCode::PickupDateInPast,
            "pickup_date",
            "must not be in the past",
        ));
    }
    // `today` is a real office day, far from the calendar's end.
    let last = today.checked_add_months(PICKUP_WINDOW).unwrap_or(today);
    if date > last {
        return Err(Error::rule(
            ErrorCode::PickupDateTooFar,
            "pickup_date",
            "at most a year after today",
        ));
    }
    Ok(())
}
