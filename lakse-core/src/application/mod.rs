//! Applications ("Permohonan"): their statuses, who may act on them, and the one
//! transition table that decides every move.
//!
//! [`next`] is the single source of truth: the store, every binding and the
//! portal ask it, and `tests/vectors/transitions.json` pins it down for every
//! status × action × actor.
//!
//! ```
//! use lakse_core::application::{next, Action, Actor, Status};
//!
//! // An officer accepts a submitted application…
//! assert_eq!(next(Status::Diajukan, Action::Accept, Actor::Officer)?, Status::Diproses);
//! // …but the applicant cannot, and a finished one cannot be cancelled.
//! assert_eq!(
//!     next(Status::Diajukan, Action::Accept, Actor::Applicant).unwrap_err().code(),
//!     "workflow.actor_not_permitted"
//! );
//! let refused = next(Status::Selesai, Action::Cancel, Actor::Applicant).unwrap_err();
//! assert_eq!(refused.code(), "workflow.not_allowed");
//! # Ok::<(), lakse_core::Error>(())
//! ```

mod access;
mod definition;
mod documents;
mod notes;
pub mod number;
mod officer;
mod reading;
mod submission;
mod transition;
mod view;

pub use view::{
    ApplicationDetail, ApplicationPage, ApplicationSummary, AuditEntry, AuditPage, Completion,
    DocumentContent, DocumentInfo, HistoryEntry, MAX_NOTE_CHARS, MAX_PAGE, NewApplication, Page,
    Pickup, Resubmission,
};

use crate::error::{Error, Result};
use crate::texts;

/// Where an application stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Submitted by the applicant, waiting for an officer.
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

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 6] = [
        Status::Diajukan,
        Status::Diproses,
        Status::Ditolak,
        Status::Selesai,
        Status::Dibatalkan,
        Status::Diambil,
    ];

    /// Stable machine code (`diajukan`, `diproses`, …), used in storage and bindings.
    pub fn code(self) -> &'static str {
        match self {
            Status::Diajukan => "diajukan",
            Status::Diproses => "diproses",
            Status::Ditolak => "ditolak",
            Status::Selesai => "selesai",
            Status::Dibatalkan => "dibatalkan",
            Status::Diambil => "diambil",
        }
    }

    /// The status for a machine code.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The label the applicant sees in "Pengajuanku" (Diajukan shows as "Diproses", as in the manual).
    pub fn label(self) -> &'static str {
        match self {
            Status::Diajukan | Status::Diproses => texts::status::DIPROSES,
            Status::Ditolak => texts::status::DITOLAK,
            Status::Selesai => texts::status::SELESAI,
            Status::Dibatalkan => texts::status::DIBATALKAN,
            Status::Diambil => texts::status::DIAMBIL,
        }
    }

    /// The note shown when the officer left none (e.g. "Mohon Tunggu Informasi Selanjutnya").
    pub fn default_note(self) -> &'static str {
        match self {
            Status::Diajukan => texts::status::NOTE_DIAJUKAN,
            Status::Diproses => texts::status::NOTE_DIPROSES,
            Status::Ditolak => texts::status::NOTE_DITOLAK,
            Status::Selesai => texts::status::NOTE_SELESAI,
            Status::Dibatalkan => texts::status::NOTE_DIBATALKAN,
            Status::Diambil => texts::status::NOTE_DIAMBIL,
        }
    }

    /// True when no action can move the application any more.
    pub fn is_final(self) -> bool {
        Action::ALL
            .into_iter()
            .all(|a| Actor::ALL.into_iter().all(|r| next(self, a, r).is_err()))
    }

    /// True while the application counts as open (one open application per NIK per service).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Diajukan | Status::Diproses | Status::Ditolak)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Who acts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The person the application belongs to ("Pemohon").
    Applicant,
    /// A Disdukcapil officer processing applications.
    Officer,
    /// An administrator: manages accounts, reads the audit log, and may act as an officer.
    Admin,
}

impl Actor {
    /// Every actor.
    pub const ALL: [Actor; 3] = [Actor::Applicant, Actor::Officer, Actor::Admin];

    /// Stable machine code (`applicant`, `officer`, `admin`).
    pub fn code(self) -> &'static str {
        match self {
            Actor::Applicant => "applicant",
            Actor::Officer => "officer",
            Actor::Admin => "admin",
        }
    }

    /// The actor for a machine code.
    pub fn from_code(code: &str) -> Option<Actor> {
        Actor::ALL.into_iter().find(|a| a.code() == code)
    }

    /// True for officers and admins: the office's side.
    pub fn is_staff(self) -> bool {
        matches!(self, Actor::Officer | Actor::Admin)
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// What an actor does to an application.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Create the application (applicant). Only valid through [`initial`].
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

impl Action {
    /// Every action.
    pub const ALL: [Action; 7] = [
        Action::Submit,
        Action::Accept,
        Action::Reject,
        Action::Resubmit,
        Action::Complete,
        Action::Cancel,
        Action::Collect,
    ];

    /// Stable machine code (`submit`, `accept`, …).
    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Resubmit => "resubmit",
            Action::Complete => "complete",
            Action::Cancel => "cancel",
            Action::Collect => "collect",
        }
    }

    /// The action for a machine code.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether `actor` may ever perform this action, whatever the status.
    pub fn permits(self, actor: Actor) -> bool {
        match self {
            Action::Submit | Action::Resubmit | Action::Cancel => actor == Actor::Applicant,
            Action::Accept | Action::Reject | Action::Complete | Action::Collect => {
                actor.is_staff()
            }
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// THE transition table (SPEC §4): `(from, action) → to`. Who may take each
/// action is [`Action::permits`].
const TABLE: &[(Status, Action, Status)] = &[
    (Status::Diajukan, Action::Accept, Status::Diproses),
    (Status::Diajukan, Action::Reject, Status::Ditolak),
    (Status::Diproses, Action::Reject, Status::Ditolak),
    (Status::Ditolak, Action::Resubmit, Status::Diajukan),
    (Status::Diproses, Action::Complete, Status::Selesai),
    (Status::Diajukan, Action::Cancel, Status::Dibatalkan),
    (Status::Selesai, Action::Collect, Status::Diambil),
];

/// What an applicant sees for a status: what `api::status_label` returns.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct StatusLabel {
    /// The label in "Pengajuanku" (Diajukan shows as "Diproses", as in the manual).
    pub label: String,
    /// The note shown when the officer left none.
    pub default_note: String,
}

impl From<Status> for StatusLabel {
    fn from(status: Status) -> Self {
        StatusLabel {
            label: status.label().to_owned(),
            default_note: status.default_note().to_owned(),
        }
    }
}

/// The status a new application starts in, when `actor` may submit one.
///
/// ```
/// use lakse_core::application::{initial, Actor, Status};
/// assert_eq!(initial(Actor::Applicant)?, Status::Diajukan);
/// assert!(initial(Actor::Officer).is_err());
/// # Ok::<(), lakse_core::Error>(())
/// ```
pub fn initial(actor: Actor) -> Result<Status> {
    if Action::Submit.permits(actor) {
        Ok(Status::Diajukan)
    } else {
        Err(actor_not_permitted(actor, Action::Submit))
    }
}

/// The status after `actor` takes `action` on an application in `status`.
///
/// Refusals say why: [`Error::ActorNotPermitted`] when this actor never takes
/// this action, [`Error::TransitionNotAllowed`] (listing what the actor may do
/// from `status`) when the status does not allow it.
pub fn next(status: Status, action: Action, actor: Actor) -> Result<Status> {
    if !action.permits(actor) {
        return Err(actor_not_permitted(actor, action));
    }
    TABLE
        .iter()
        .find(|(from, a, _)| *from == status && *a == action)
        .map(|(_, _, to)| *to)
        .ok_or_else(|| Error::TransitionNotAllowed {
            status: status.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed(status, actor)
                .into_iter()
                .map(|a| a.code().to_owned())
                .collect(),
        })
}

/// The refusal of an action this kind of actor never takes.
pub(crate) fn actor_not_permitted(actor: Actor, action: Action) -> Error {
    Error::ActorNotPermitted {
        actor: actor.code().to_owned(),
        action: action.code().to_owned(),
    }
}

/// The actions `actor` may take on an application in `status`, in table order.
///
/// ```
/// use lakse_core::application::{allowed, Action, Actor, Status};
/// assert_eq!(allowed(Status::Ditolak, Actor::Applicant), vec![Action::Resubmit]);
/// assert_eq!(allowed(Status::Diproses, Actor::Officer), vec![Action::Reject, Action::Complete]);
/// ```
pub fn allowed(status: Status, actor: Actor) -> Vec<Action> {
    TABLE
        .iter()
        .filter(|(from, action, _)| *from == status && action.permits(actor))
        .map(|(_, action, _)| *action)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(a));
        }
        for r in Actor::ALL {
            assert_eq!(Actor::from_code(r.code()), Some(r));
        }
        assert_eq!(Status::from_code("DIAJUKAN"), None);
    }

    #[test]
    fn final_statuses() {
        let finals: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_final()).collect();
        assert_eq!(finals, vec![Status::Dibatalkan, Status::Diambil]);
    }

    #[test]
    fn refusal_lists_what_is_allowed() {
        match next(Status::Ditolak, Action::Accept, Actor::Officer) {
            Err(Error::TransitionNotAllowed { allowed, .. }) => assert!(allowed.is_empty()),
            other => panic!("unexpected {other:?}"),
        }
        let err = next(Status::Diproses, Action::Accept, Actor::Officer).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot accept an application that is diproses; allowed: reject, complete"
        );
    }
}
