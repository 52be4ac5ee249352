//! Notifications waiting to be sent.
//!
//! Every change that notifies someone writes its message here in the same
//! database transaction as the change itself, so a notification exists if and
//! only if its cause was committed. Delivery reads the outbox afterwards.
//!
//! A message holds the template data, which for the confirmation, credentials
//! and reset messages includes the secret the person needs (link token or
//! one-time password): the outbox is the mail queue and must be protected as
//! such. Nothing here is ever logged, and [`crate::delivery`] removes the
//! secrets from a message once it is sent.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::lakse::Lakse;
use crate::sensitive::EmailAddress;
use crate::store::{self, Stored, Tx};

/// What a notification is about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
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

/// Where a message stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent (again).
    Pending,
    /// Accepted by the transport.
    Sent,
    /// Parked after too many failures, or refused for good.
    Failed,
}

impl OutboxState {
    /// The stored code (`pending`, `sent`, `failed`).
    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }

    /// The state for a stored code.
    pub fn from_code(code: &str) -> Option<OutboxState> {
        [OutboxState::Pending, OutboxState::Sent, OutboxState::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Data keys holding a secret (link token, one-time password): never shown
/// by `Debug`, and removed from the row once the message is sent.
pub const SECRET_KEYS: [&str; 2] = ["token", "password"];

/// How one entry of a message's template data is shown wherever it may be
/// printed or logged: a secret ([`SECRET_KEYS`]) as `<redacted>`, an address
/// masked, any other value as [`mask_free_text`](crate::sensitive::mask_free_text)
/// masks free text.
///
/// ```
/// use lakse_core::outbox::mask_data;
///
/// assert_eq!(mask_data("token", "AbC123"), "<redacted>");
/// assert_eq!(mask_data("email", "dewi@example.com"), "d***i@example.com");
/// assert_eq!(mask_data("nik", "2171055209900001"), "2171xxxxxxxx0001");
/// ```
pub fn mask_data(key: &str, value: &str) -> String {
    if SECRET_KEYS.contains(&key) {
        crate::sensitive::Secret::new(value).to_string()
    } else if key == "email" || key == "to" {
        crate::email::mask(value)
    } else {
        crate::sensitive::mask_free_text(value)
    }
}

/// One queued notification.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OutboxMessage {
    /// Its id, stable for the message's life.
    pub id: i64,
    /// What it is about.
    pub kind: Kind,
    /// The recipient's e-mail address.
    pub to: EmailAddress,
    /// Template data (e.g. `token`, `expires_at`, `number`, `reason`). The
    /// [`SECRET_KEYS`] are removed once the message is sent.
    pub data: BTreeMap<String, String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// `pending`, `sent` or `failed` (parked after too many failures; see
    /// Waiting, sent, or parked after too many failures (see [`Lakse::retry_outbox`]).
    pub state: OutboxState,
    /// Delivery attempts so far (the successful one included).
    pub attempts: u32,
    /// When a pending message is next tried (`None` once sent or parked).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed (cleared once sent).
    pub last_error: Option<String>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for OutboxMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let data: BTreeMap<&str, String> = self
            .data
            .iter()
            .map(|(k, v)| (k.as_str(), mask_data(k, v)))
            .collect();
        f.debug_struct("OutboxMessage")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("data", &data)
            .field("created_at", &self.created_at)
            .field("state", &self.state)
            .field("attempts", &self.attempts)
            .field("next_attempt_at", &self.next_attempt_at)
            .field(
                "last_error",
                &self.last_error.as_deref().map(crate::sensitive::FreeText),
            )
            .field("sent_at", &self.sent_at)
            .finish()
    }
}

/// The states a message is in (`outbox.state`).
const STATES: [&str; 3] = ["pending", "sent", "failed"];

/// A stored row as the public message; [`crate::Error::Corrupt`] for a kind
/// or state this version does not know, data that is not a JSON object of
/// texts, or a time out of range.
pub(crate) fn to_message(r: store::OutboxRow) -> Result<OutboxMessage> {
    let stored = Stored::row("outbox", r.id);
    if !STATES.contains(&r.state.as_str()) {
        return Err(stored.corrupt("state"));
    }
    Ok(OutboxMessage {
        id: r.id,
        kind: stored.code("kind", &r.kind, Kind::from_code)?,
        data: stored.json("data", &r.data)?,
        created_at: stored.time("created_at", r.created_at)?,
        // Only a pending message is due again.
        next_attempt_at: (r.state == "pending")
            .then(|| stored.time("next_attempt_at", r.next_attempt_at))
            .transpose()?,
        sent_at: r.sent_at.map(|at| stored.time("sent_at", at)).transpose()?,
        to: EmailAddress::new(r.recipient),
        state: stored.code("state", &r.state, OutboxState::from_code)?,
        attempts: r.attempts,
        last_error: r.last_error,
    })
}

/// The data without its secrets, as stored once the message is sent.
pub(crate) fn scrubbed_json(data: &BTreeMap<String, String>) -> Result<String> {
    let kept: BTreeMap<&String, &String> = data
        .iter()
        .filter(|(k, _)| !SECRET_KEYS.contains(&k.as_str()))
        .collect();
    serde_json::to_string(&kept).map_err(crate::Error::internal)
}

/// 128 random bits in hex (a delivery run's claim).
pub(crate) fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::Error::internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

/// Queues a message inside the caller's transaction.
pub(crate) fn enqueue(
    tx: &mut dyn Tx,
    kind: Kind,
    to: &str,
    data: &BTreeMap<&str, String>,
    at: store::Millis,
) -> Result<i64> {
    let json = serde_json::to_string(data).map_err(crate::Error::internal)?;
    tx.insert_outbox(kind.code(), to, &json, at)
}

impl Lakse {
    /// The oldest `limit` messages of the outbox, whatever their state.
    ///
    /// This is the embedding process's view (the mail queue), not an
    /// applicant's: it holds link tokens and one-time passwords.
    pub fn outbox(&self, limit: u32) -> Result<Vec<OutboxMessage>> {
        let rows = store::read(self.live()?, |tx| tx.outbox(limit))?;
        rows.into_iter().map(to_message).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets_and_scrubbing_removes_them() {
        let data: BTreeMap<String, String> = [
            ("token", "t0k3n"),
            ("password", "p4ss"),
            ("email", "a@b.id"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let message = OutboxMessage {
            id: 1,
            kind: Kind::Confirmation,
            to: EmailAddress::new("warga@b.id"),
            data: data.clone(),
            created_at: DateTime::default(),
            state: OutboxState::Pending,
            attempts: 0,
            next_attempt_at: None,
            last_error: None,
            sent_at: None,
        };
        let shown = format!("{message:?}");
        assert!(!shown.contains("t0k3n") && !shown.contains("p4ss"));
        assert!(!shown.contains("warga@b.id") && shown.contains("w***a@b.id"));
        let kept = scrubbed_json(&data).expect("json");
        assert_eq!(kept, r#"{"email":"a@b.id"}"#);
    }
}
