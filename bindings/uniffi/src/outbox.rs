//! The outbox of notification e-mails and their delivery.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

pub use lakse_core::outbox::{Kind, OutboxState};

use crate::convert::{record, same};
use crate::sensitive::EmailAddress;

/// What a notification is about.
#[uniffi::remote(Enum)]
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

/// Where a message stands.
#[uniffi::remote(Enum)]
pub enum OutboxState {
    /// Waiting to be sent (again).
    Pending,
    /// Accepted by the transport.
    Sent,
    /// Parked after too many failures, or refused for good.
    Failed,
}

same!(Kind, OutboxState);

record! {
    /// One queued notification. Printed with the recipient masked and the
    /// link token or password redacted.
    pub struct OutboxMessage => lakse_core::outbox::OutboxMessage {
        /// Its id, stable for the message's life.
        id: i64,
        /// What it is about.
        kind: Kind,
        /// The recipient's e-mail address.
        to: Arc<EmailAddress>,
        /// Template data (e.g. `token`, `expires_at`, `number`, `reason`);
        /// `token` and `password` are removed once the message is sent.
        data: HashMap<String, String>,
        /// When it was queued.
        created_at: SystemTime,
        /// Pending, sent, or parked after too many failures.
        state: OutboxState,
        /// Delivery attempts so far (the successful one included).
        attempts: u32,
        /// When a pending message is next tried (none once sent or parked).
        next_attempt_at: Option<SystemTime>,
        /// Why the last attempt failed (cleared once sent).
        last_error: Option<String>,
        /// When it was sent.
        sent_at: Option<SystemTime>,
    }
}

record! {
    /// One message a delivery run sent.
    pub struct SentMessage => lakse_core::delivery::SentMessage {
        /// Its outbox id.
        id: i64,
        /// What it was about.
        kind: Kind,
        /// Its `Message-ID` header, with angle brackets.
        message_id: String,
        /// The `.eml` file written, with the folder transport.
        file: Option<String>,
    }
}

record! {
    /// What one `deliver_pending` run did.
    pub struct DeliveryReport => lakse_core::delivery::DeliveryReport {
        /// The messages sent.
        sent: Vec<SentMessage>,
        /// Messages that failed this time and will be tried again later.
        deferred: u32,
        /// Messages that failed for good and were parked as `failed`.
        parked: u32,
    }
}
