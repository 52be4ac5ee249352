//! The one step every move takes — submit, resubmit, cancel, accept, reject,
//! complete, collect: ask the transition table, write the application with
//! its new status, record the history row and queue the applicant's e-mail,
//! all in the caller's transaction.

use std::collections::BTreeMap;

use super::{Action, Status, initial, next};
use crate::account::Caller;
use crate::error::{Error, Result};
use crate::lakse::Lakse;
use crate::outbox::{self, Kind};
use crate::store::{ApplicationRow, HistoryRow, Millis, Stored, Tx};

/// The stored status of `row`.
pub(super) fn status_of(row: &ApplicationRow) -> Result<Status> {
    Stored::row("applications", row.id).code("status", &row.status, Status::from_code)
}

impl Lakse {
    /// Takes `action` on `row` as `caller`, with the officer's `note` (empty
    /// for the applicant's moves). [`Action::Submit`] inserts the new row
    /// (setting its id); every other action updates it.
    ///
    /// Refused, writing nothing, when the table does not allow the move.
    pub(super) fn apply(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        row: &mut ApplicationRow,
        action: Action,
        note: &str,
        now: Millis,
    ) -> Result<Status> {
        let from = match action {
            Action::Submit => None,
            _ => Some(status_of(row)?),
        };
        let to = match from {
            None => initial(caller.role)?,
            Some(from) => next(from, action, caller.role)?,
        };
        row.status = to.code().to_owned();
        row.note = note.to_owned();
        row.updated_at = now;
        if from.is_none() {
            row.id = tx.insert_application(row)?;
        } else {
            tx.update_application(row)?;
        }
        tx.insert_history(
            row.id,
            &HistoryRow {
                id: 0,
                at: now,
                actor_id: caller.id,
                actor_role: caller.role.code().to_owned(),
                action: action.code().to_owned(),
                from_status: from.map(|s| s.code().to_owned()),
                to_status: to.code().to_owned(),
                note: note.to_owned(),
            },
        )?;
        self.notify(tx, row, action, note, now)?;
        Ok(to)
    }

    /// Queues the applicant's e-mail for the actions that send one.
    fn notify(
        &self,
        tx: &mut dyn Tx,
        row: &ApplicationRow,
        action: Action,
        note: &str,
        now: Millis,
    ) -> Result<()> {
        let kind = match action {
            Action::Accept => Kind::Accepted,
            Action::Reject => Kind::Rejected,
            Action::Complete => Kind::Completed,
            _ => return Ok(()),
        };
        let service = self.service_of(tx, row)?;
        let owner = tx
            .account_by_id(row.account_id)?
            .ok_or(Error::ApplicationNotFound)?;
        let mut data = BTreeMap::from([
            ("number", row.number.clone()),
            ("nama", row.nama.clone()),
            ("nik_masked", crate::id::mask_text(&row.nik)),
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
}
