//! Sending the outbox: SMTP (lettre) or a folder of `.eml` files.
//!
//! [`Lakse::deliver_pending`] takes due messages, renders and sends each one,
//! and records the outcome:
//!
//! - **Claimed with a lease.** A run marks the rows it takes as its own until
//!   [`MailConfig::lease`](crate::mail::MailConfig::lease) has passed, in the
//!   same write transaction that selects them, so two processes delivering at
//!   once do not send the same message. A run that dies leaves its claim to
//!   expire and another run takes the message.
//! - **At least once.** A message is marked sent *after* the transport
//!   accepted it. A process killed in between sends it again on the next run,
//!   never loses it. Every message carries a stable `Message-ID` —
//!   `<lakse.{outbox id}.{database instance}@{sender domain}>` — so a
//!   duplicate is recognisable by mail clients and by people.
//! - **Retried with backoff.** After the n-th failed attempt a message waits
//!   `retry_base × 2^(n−1)` (at most `retry_cap`); after `max_attempts`
//!   failures, or at once when the server refuses it permanently (SMTP 5xx),
//!   it is parked as `failed` with its last error, visible in
//!   [`Lakse::outbox`] and sent again only through [`Lakse::retry_outbox`].
//! - **Secrets scrubbed.** Once sent, the link token and one-time password are
//!   removed from the stored row.

use std::path::PathBuf;

use lettre::Transport as _;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;

use crate::error::{Error, Result};
use crate::lakse::Lakse;
use crate::mail::{self, Attachment, MailConfig};
use crate::outbox::{self, Kind, OutboxMessage};
use crate::store::{self, Millis, Stored};

/// Rows claimed per write transaction: small enough that a slow server does
/// not hold many messages past their lease.
const CLAIM_BATCH: u32 = 16;

/// How messages leave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// Not sent: messages stay pending (for a process that only enqueues and
    /// leaves delivery to another).
    None,
    /// Written as `<id>.eml` files into a folder (for development); a relative
    /// path is inside the data folder. A message written twice replaces its file.
    Folder(PathBuf),
    /// Sent to an SMTP server.
    Smtp(Smtp),
}

impl Default for Transport {
    /// `.eml` files in `<data dir>/mail/`: nothing leaves the machine by default.
    fn default() -> Self {
        Transport::Folder(PathBuf::from("mail"))
    }
}

/// An SMTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Smtp {
    /// Host name or IP address.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 between servers).
    pub port: u16,
    /// How the connection is protected.
    pub security: Security,
    /// Login, if the server wants one.
    pub credentials: Option<SmtpCredentials>,
    /// How long one network operation may take.
    pub timeout: std::time::Duration,
}

impl Smtp {
    /// A server at `host:port` with `security`, no login and a 30-second timeout.
    pub fn new(host: impl Into<String>, port: u16, security: Security) -> Smtp {
        Smtp {
            host: host.into(),
            port,
            security,
            credentials: None,
            timeout: std::time::Duration::from_secs(30),
        }
    }
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain text (a relay on the same machine or network only).
    None,
    /// Plain connection upgraded with STARTTLS, which is required.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

/// An SMTP login.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpCredentials {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

impl std::fmt::Debug for SmtpCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// What one [`Lakse::deliver_pending`] run did.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct DeliveryReport {
    /// The messages sent.
    pub sent: Vec<SentMessage>,
    /// Messages that failed this time and will be tried again later.
    pub deferred: u32,
    /// Messages that failed for good and were parked as `failed`.
    pub parked: u32,
}

/// One message a run sent.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct SentMessage {
    /// Its outbox id.
    pub id: i64,
    /// What it was about.
    pub kind: Kind,
    /// Its `Message-ID` header, with angle brackets.
    pub message_id: String,
    /// The `.eml` file written, with the folder transport.
    pub file: Option<PathBuf>,
}

/// Why one attempt failed.
struct Failure {
    /// Trying again cannot help (bad address, permanent SMTP refusal, broken data).
    permanent: bool,
    message: String,
}

impl Failure {
    /// A failure whose text is stored as `last_error` and shown to officers:
    /// a mail server's reply names the recipient (`550 <warga@…>: rejected`),
    /// so addresses and numbers in it are masked before it is kept.
    fn new(permanent: bool, why: &impl std::fmt::Display) -> Self {
        Failure {
            permanent,
            message: crate::sensitive::mask_free_text(&why.to_string()),
        }
    }
}

/// An open transport for one run.
enum Sender {
    Folder(PathBuf),
    Smtp(Box<SmtpTransport>),
}

impl Sender {
    fn open(lakse: &Lakse, transport: &Transport) -> Result<Option<Sender>> {
        Ok(match transport {
            Transport::None => None,
            Transport::Folder(dir) => {
                let dir = lakse.dir().join(dir);
                std::fs::create_dir_all(&dir)?;
                Some(Sender::Folder(dir))
            }
            Transport::Smtp(smtp) => {
                let refused = |e: lettre::transport::smtp::Error| Error::MailConfig {
                    field: "mail.transport.host".into(),
                    reason: e.to_string(),
                };
                let mut builder = match smtp.security {
                    Security::None => SmtpTransport::builder_dangerous(&smtp.host),
                    Security::StartTls => {
                        SmtpTransport::starttls_relay(&smtp.host).map_err(refused)?
                    }
                    Security::Tls => SmtpTransport::relay(&smtp.host).map_err(refused)?,
                }
                .port(smtp.port)
                .timeout(Some(smtp.timeout));
                if let Some(c) = &smtp.credentials {
                    builder = builder
                        .credentials(Credentials::new(c.username.clone(), c.password.clone()));
                }
                Some(Sender::Smtp(Box::new(builder.build())))
            }
        })
    }

    /// Sends one message; the file written, for the folder transport.
    fn send(&self, id: i64, message: &lettre::Message) -> Result<Option<PathBuf>, Failure> {
        match self {
            Sender::Folder(dir) => {
                let path = dir.join(format!("{id}.eml"));
                // Written aside and renamed, so a killed process never leaves a
                // half-written message that looks complete.
                let tmp = dir.join(format!(".{id}.eml.tmp"));
                std::fs::write(&tmp, message.formatted())
                    .and_then(|()| std::fs::rename(&tmp, &path))
                    .map_err(|e| Failure::new(false, &e))?;
                Ok(Some(path))
            }
            Sender::Smtp(smtp) => {
                smtp.send(message)
                    .map_err(|e| Failure::new(e.is_permanent(), &e))?;
                Ok(None)
            }
        }
    }
}

impl Lakse {
    /// Sends up to `limit` due messages of the outbox over the configured
    /// [`Transport`] (see the [module documentation](crate::delivery) for the
    /// guarantees: at-least-once, retries with backoff, parking).
    ///
    /// A failed message is not an error of this call: it is counted in the
    /// report and recorded on its row. Errors are for the run itself (storage,
    /// an unusable SMTP configuration, a closed handle).
    pub fn deliver_pending(&self, limit: u32) -> Result<DeliveryReport> {
        // Before anything else: a closed handle touches no file either.
        let store = self.live()?;
        let config = &self.config.mail;
        let mut report = DeliveryReport::default();
        let Some(sender) = Sender::open(self, &config.transport)? else {
            return Ok(report);
        };
        let instance = store::read(store, |tx| tx.mail_instance())?;
        let claim = outbox::random_hex()?;
        let lease = config.lease.num_milliseconds().max(1);
        let mut taken = 0;
        while taken < limit {
            let now = self.now_ms();
            let until = now.saturating_add(lease);
            let batch = (limit - taken).min(CLAIM_BATCH);
            let rows = store::write(store, |tx| tx.claim_outbox(&claim, now, until, batch))?;
            if rows.is_empty() {
                break;
            }
            for row in rows {
                taken += 1;
                if self.now_ms() >= until {
                    // Our claim ran out (a slow server): another run may hold
                    // the rest of the batch now; they are due again anyway.
                    break;
                }
                let (id, attempts) = (row.id, row.attempts);
                let message_id = message_id(&instance, id, &config.sender_address);
                // A row that cannot be read back is parked with the reason,
                // like a message that cannot be rendered.
                let outcome = outbox::to_message(row)
                    .and_then(|message| Ok((self.prepare(&message, &message_id)?, message)))
                    // Broken data or templates stay broken; storage may recover.
                    .map_err(|e| Failure::new(!e.retryable(), &e))
                    .and_then(|(mime, message)| Ok((sender.send(id, &mime)?, message)));
                match outcome {
                    Ok((file, message)) => {
                        let scrubbed = outbox::scrubbed_json(&message.data)?;
                        let at = self.now_ms();
                        store::write(store, |tx| tx.outbox_sent(id, at, &scrubbed))?;
                        report.sent.push(SentMessage {
                            id,
                            kind: message.kind,
                            message_id,
                            file,
                        });
                    }
                    Err(failure) => {
                        let failed = attempts.saturating_add(1);
                        let park = failure.permanent || failed >= config.max_attempts;
                        let at = self.now_ms();
                        let next = at.saturating_add(backoff(config, failed));
                        store::write(store, |tx| {
                            tx.outbox_failed(id, &claim, &failure.message, next, park)
                        })?;
                        if park {
                            report.parked += 1;
                        } else {
                            report.deferred += 1;
                        }
                    }
                }
            }
        }
        Ok(report)
    }

    /// Makes a parked (`failed`) or waiting message due now, with a fresh
    /// count of attempts. [`Error::OutboxNotFound`] when there is no such
    /// message or it was sent already.
    pub fn retry_outbox(&self, id: i64) -> Result<()> {
        let now = self.now_ms();
        if store::write(self.live()?, |tx| tx.retry_outbox(id, now))? {
            Ok(())
        } else {
            Err(Error::OutboxNotFound)
        }
    }

    /// The message `id` as it would be sent now (RFC 5322 bytes, attachments
    /// included), for previews. Like [`Lakse::outbox`] this is the mail
    /// queue's view: it may hold a link token or a one-time password.
    pub fn compose_outbox(&self, id: i64) -> Result<Vec<u8>> {
        let store = self.live()?;
        let (row, instance) =
            store::read(store, |tx| Ok((tx.outbox_by_id(id)?, tx.mail_instance()?)))?;
        let message = row
            .map(outbox::to_message)
            .transpose()?
            .ok_or(Error::OutboxNotFound)?;
        let message_id = message_id(&instance, id, &self.config.mail.sender_address);
        Ok(self.prepare(&message, &message_id)?.formatted())
    }

    /// Renders a message with its links and attachments.
    fn prepare(&self, message: &OutboxMessage, message_id: &str) -> Result<lettre::Message> {
        let config = &self.config.mail;
        let attachments = self.attachments(message)?;
        let vars = self.template_vars(message, &attachments)?;
        let rendered = config.templates.render(message.kind, &vars)?;
        mail::build_message(
            config,
            message.to.expose(),
            message_id,
            &rendered,
            &attachments,
            self.now(),
        )
    }

    /// The files a message carries: the pickup coupon of a completed
    /// application (none for a service without a coupon).
    fn attachments(&self, message: &OutboxMessage) -> Result<Vec<Attachment>> {
        if message.kind != Kind::Completed {
            return Ok(Vec::new());
        }
        // A completion is queued with its application's number, and
        // applications are never deleted: without one the row is damaged.
        let damaged = || Stored::row("outbox", message.id).corrupt("data");
        let number = message.data.get("number").ok_or_else(damaged)?;
        let row = store::read(self.live()?, |tx| tx.application_by_number(number))?
            .ok_or_else(damaged)?;
        match self.coupon_for_row(&row) {
            Ok(coupon) => Ok(vec![Attachment {
                file_name: coupon.file_name,
                content_type: "application/pdf".to_owned(),
                bytes: coupon.bytes,
            }]),
            Err(Error::CouponNotAvailable { .. }) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn template_vars(
        &self,
        message: &OutboxMessage,
        attachments: &[Attachment],
    ) -> Result<std::collections::BTreeMap<String, String>> {
        let config = &self.config.mail;
        let base = config.base_url.trim_end_matches('/');
        let mut vars = message.data.clone();
        let token = |vars: &std::collections::BTreeMap<String, String>| {
            mail::query_value(vars.get("token").map_or("", String::as_str))
        };
        let link = match message.kind {
            Kind::Confirmation => format!("{base}/akun/publik/confirm?token={}", token(&vars)),
            Kind::PasswordReset => format!("{base}/akun/publik/reset?token={}", token(&vars)),
            Kind::Credentials => format!("{base}/akun/publik/login"),
            Kind::Accepted | Kind::Rejected | Kind::Completed => format!("{base}/pengajuanku"),
        };
        if let Some(note) = vars.get("note").cloned() {
            vars.insert("reason".into(), note);
        }
        // Stored as a date; shown as people read one.
        if let Some(stored) = vars.get("pickup_date") {
            let date = Stored::row("outbox", message.id).date("data", stored)?;
            vars.insert("pickup_date".into(), crate::texts::date(date));
        }
        if let Some(a) = attachments.first() {
            vars.insert("attachment_name".into(), a.file_name.clone());
        }
        vars.extend([
            ("link".to_owned(), link),
            ("office_name".to_owned(), config.office_name.clone()),
            ("sender_name".to_owned(), config.sender_name.clone()),
            ("sender_address".to_owned(), config.sender_address.clone()),
            ("base_url".to_owned(), base.to_owned()),
            ("to".to_owned(), message.to.expose().to_owned()),
        ]);
        Ok(vars)
    }
}

/// The wait after the `failed`-th failure: `retry_base × 2^(failed−1)`, at most `retry_cap`.
fn backoff(config: &MailConfig, failed: u32) -> Millis {
    let base = config.retry_base.num_milliseconds().max(0);
    let cap = config.retry_cap.num_milliseconds().max(0);
    let factor = 1i64 << failed.saturating_sub(1).min(40);
    base.saturating_mul(factor).min(cap)
}

/// The stable `Message-ID` of outbox message `id`.
fn message_id(instance: &str, id: i64, sender: &str) -> String {
    let domain = sender.rsplit_once('@').map_or("lakse.invalid", |(_, d)| d);
    format!("<lakse.{id}.{instance}@{domain}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let config = MailConfig::default();
        let minutes: Vec<i64> = (1..=9).map(|n| backoff(&config, n) / 60_000).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 120, 120]);
        assert_eq!(backoff(&config, u32::MAX), 120 * 60_000);
    }

    #[test]
    fn message_ids_are_stable_and_scoped() {
        assert_eq!(
            message_id("ab12", 7, "x@batam.go.id"),
            "<lakse.7.ab12@batam.go.id>"
        );
        assert_ne!(message_id("ab12", 7, "x@y"), message_id("cd34", 7, "x@y"));
    }

    #[test]
    fn credentials_are_redacted() {
        let c = SmtpCredentials {
            username: "u".into(),
            password: "rahasia".into(),
        };
        assert!(!format!("{c:?}").contains("rahasia"));
    }
}
