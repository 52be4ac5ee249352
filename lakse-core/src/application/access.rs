//! Who may read or act on what, in one place.
//!
//! - Applicants read and act on their own applications only; another's is
//!   `application.not_found`, exactly like a number that does not exist.
//! - Officers and admins read every application and take the office's
//!   actions on any; each of their reads is written to the audit log.
//! - Which actions a role ever takes is [`Action::permits`]; which a status
//!   allows is [`super::next`].
//! - Only admins read the audit log.

use super::{Action, Actor, initial, number};
use crate::account::Caller;
use crate::error::{Error, Result};
use crate::lakse::Lakse;
use crate::store::{ApplicationRow, AuditRow, Millis, Tx};

impl Lakse {
    /// The caller, who must be one who submits applications (an applicant).
    pub(super) fn applicant(&self, tx: &mut dyn Tx, session: &str) -> Result<Caller> {
        let caller = self.authenticate(tx, session)?;
        initial(caller.role)?;
        Ok(caller)
    }

    /// The caller, who must be staff (officer or admin); `what` says what was refused.
    pub(crate) fn staff(&self, tx: &mut dyn Tx, session: &str, what: &str) -> Result<Caller> {
        let caller = self.authenticate(tx, session)?;
        if !caller.role.is_staff() {
            return Err(Error::Forbidden { what: what.into() });
        }
        Ok(caller)
    }

    /// The caller, who must be an admin; `what` says what was refused.
    pub(super) fn admin(&self, tx: &mut dyn Tx, session: &str, what: &str) -> Result<Caller> {
        let caller = self.authenticate(tx, session)?;
        if caller.role != Actor::Admin {
            return Err(Error::Forbidden { what: what.into() });
        }
        Ok(caller)
    }

    /// An application the caller may read: their own, or any for staff.
    /// A malformed number answers like an unknown one.
    pub(crate) fn visible(
        &self,
        tx: &mut dyn Tx,
        session: &str,
        number: &str,
    ) -> Result<(Caller, ApplicationRow)> {
        let caller = self.authenticate(tx, session)?;
        let number = number::parse("number", number).map_err(|_| Error::ApplicationNotFound)?;
        let row = readable(&caller, tx.application_by_number(&number)?)?;
        Ok((caller, row))
    }

    /// An application the caller may take `action` on: the action must be
    /// one the caller's role takes, and the application one they may read.
    /// `number` is parsed already.
    pub(super) fn actionable(
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
        let row = readable(&caller, tx.application_by_number(number)?)?;
        Ok((caller, row))
    }

    /// Writes a staff member's read of `row` to the audit log; an
    /// applicant's read of their own application is not audited.
    pub(crate) fn audit_read(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        what: &str,
        row: &ApplicationRow,
        detail: &str,
        now: Millis,
    ) -> Result<()> {
        if caller.role.is_staff() {
            self.audit(tx, caller, what, Some(row), detail, now)?;
        }
        Ok(())
    }

    /// Writes an audit entry: who did `what`, to which application if any.
    /// `detail` never holds personal data.
    pub(crate) fn audit(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        what: &str,
        row: Option<&ApplicationRow>,
        detail: &str,
        now: Millis,
    ) -> Result<()> {
        tx.insert_audit(&AuditRow {
            id: 0,
            at: now,
            actor_id: caller.id,
            actor_role: caller.role.code().to_owned(),
            what: what.to_owned(),
            application_id: row.map(|r| r.id),
            // The number travels in the detail so reading the log needs no join.
            detail: match row {
                Some(r) => format!("{}{NUMBER_SEPARATOR}{detail}", r.number),
                None => detail.to_owned(),
            },
        })
    }
}

/// Between the application number and the detail of an audit entry.
pub(super) const NUMBER_SEPARATOR: char = '\u{1f}';

/// `row` if `caller` may read it.
fn readable(caller: &Caller, row: Option<ApplicationRow>) -> Result<ApplicationRow> {
    match row {
        Some(row) if caller.role.is_staff() || row.account_id == caller.id => Ok(row),
        _ => Err(Error::ApplicationNotFound),
    }
}
