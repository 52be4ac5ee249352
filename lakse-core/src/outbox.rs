//! Notifications waiting to be sent.
//!
//! Every change that notifies someone writes its message here in the same
//! database transaction as the change itself, so a notification exists if and
//! only if its cause was committed. Delivery reads the outbox afterwards.
//!
//! A message holds the template data, which for the confirmation, credentials
//! and reset messages includes the secret the person needs (link token or
//! one-time password): the outbox is the mail queue and must be protected as
//! such. Nothing here is ever logged.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::lakse::{Lakse, from_millis};
use crate::store::{self, Tx};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// "Setuju dan Lanjutkan": the registration confirmation link.
    Confirmation,
    /// The account's credentials (a one-time password).
    Credentials,
    /// A password-reset link.
    PasswordReset,
    /// "Permohonan diterima".
    Accepted,
    /// Rejected, with the reason.
    Rejected,
    /// Completed, with the pickup coupon.
    Completed,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::Confirmation,
        Kind::Credentials,
        Kind::PasswordReset,
        Kind::Accepted,
        Kind::Rejected,
        Kind::Completed,
    ];

    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::Credentials => "credentials",
            Kind::PasswordReset => "password_reset",
            Kind::Accepted => "accepted",
            Kind::Rejected => "rejected",
            Kind::Completed => "completed",
        }
    }

    /// The kind for a machine code.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One queued notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Its id, stable for the message's life.
    pub id: i64,
    /// What it is about.
    pub kind: Kind,
    /// The recipient's e-mail address.
    pub to: String,
    /// Template data (e.g. `token`, `expires_at`, `number`, `reason`).
    pub data: BTreeMap<String, String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    /// Delivery attempts so far.
    pub attempts: u32,
}

/// Queues a message inside the caller's transaction.
pub(crate) fn enqueue(
    tx: &mut dyn Tx,
    kind: Kind,
    to: &str,
    data: &BTreeMap<&str, String>,
    at: store::Millis,
) -> Result<i64> {
    let json = serde_json::to_string(data).map_err(|e| crate::Error::Storage {
        message: e.to_string(),
    })?;
    tx.insert_outbox(kind.code(), to, &json, at)
}

impl Lakse {
    /// The oldest `limit` messages of the outbox, whatever their state.
    ///
    /// This is the embedding process's view (the mail queue), not an
    /// applicant's: it holds link tokens and one-time passwords.
    pub fn outbox(&self, limit: u32) -> Result<Vec<OutboxMessage>> {
        let rows = store::read(self.live()?, |tx| tx.outbox(limit))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(OutboxMessage {
                    id: r.id,
                    kind: Kind::from_code(&r.kind)?,
                    to: r.recipient,
                    data: serde_json::from_str(&r.data).unwrap_or_default(),
                    created_at: from_millis(r.created_at),
                    state: r.state,
                    attempts: r.attempts,
                })
            })
            .collect())
    }
}
