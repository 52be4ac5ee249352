//! All storage, behind one seam.
//!
//! Accounts, profiles and the workflow speak to storage only through
//! [`Store`] and [`Tx`]; every SQL statement lives in a backend module
//! ([`sqlite`] today). A PostgreSQL backend for offices that run several portal
//! instances implements the same two traits and nothing else changes.
//!
//! Rows here are plain data; rules (expiry, transitions, ownership) are decided
//! by the callers inside one transaction.

pub(crate) mod sqlite;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};

/// Milliseconds since the Unix epoch, UTC.
pub(crate) type Millis = i64;

/// How dates (not instants) are stored, e.g. the pickup date: `2026-12-05`.
pub(crate) const DATE_FORMAT: &str = "%Y-%m-%d";

/// One stored row, for reading its values back.
///
/// A value this version cannot read (a timestamp out of range, an unknown
/// code, JSON that does not parse) is refused as [`Error::Corrupt`] naming
/// the table, the row's key and the column, never its content: a default in
/// its place (1970, "male", no fields) would be shown and acted on as if true.
pub(crate) struct Stored {
    table: &'static str,
    row: String,
}

impl Stored {
    /// The row of `table` whose key is `row` (its id; never personal data).
    pub(crate) fn row(table: &'static str, row: impl ToString) -> Stored {
        Stored {
            table,
            row: row.to_string(),
        }
    }

    /// The refusal of `column` of this row.
    pub(crate) fn corrupt(&self, column: &str) -> Error {
        Error::Corrupt {
            table: self.table.to_owned(),
            row: self.row.clone(),
            column: column.to_owned(),
        }
    }

    /// A stored instant.
    pub(crate) fn time(&self, column: &str, at: Millis) -> Result<DateTime<Utc>> {
        DateTime::from_timestamp_millis(at).ok_or_else(|| self.corrupt(column))
    }

    /// A stored machine code (status, role, kind…), read with its type's `from_code`.
    pub(crate) fn code<T>(
        &self,
        column: &str,
        value: &str,
        from_code: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T> {
        from_code(value).ok_or_else(|| self.corrupt(column))
    }

    /// A stored JSON value.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(
        &self,
        column: &str,
        value: &str,
    ) -> Result<T> {
        serde_json::from_str(value).map_err(|_| self.corrupt(column))
    }

    /// A stored date ([`DATE_FORMAT`]).
    pub(crate) fn date(&self, column: &str, value: &str) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(value, DATE_FORMAT).map_err(|_| self.corrupt(column))
    }
}

/// A storage backend: runs closures inside transactions.
pub(crate) trait Store: Send + Sync {
    /// Runs `f` in a transaction that may write; commits when it returns `Ok`,
    /// rolls back otherwise.
    fn write(&self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()>;
    /// Runs `f` in a read-only snapshot.
    fn read(&self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()>;
    /// Releases every connection; later calls fail.
    fn close(&self);
}

/// Runs `f` in a write transaction and returns its value.
pub(crate) fn write<T>(
    store: &dyn Store,
    mut f: impl FnMut(&mut dyn Tx) -> Result<T>,
) -> Result<T> {
    let mut out = None;
    store.write(&mut |tx| {
        out = Some(f(tx)?);
        Ok(())
    })?;
    Ok(out.expect("a committed transaction ran its closure"))
}

/// Runs `f` in a read transaction and returns its value.
pub(crate) fn read<T>(store: &dyn Store, mut f: impl FnMut(&mut dyn Tx) -> Result<T>) -> Result<T> {
    let mut out = None;
    store.read(&mut |tx| {
        out = Some(f(tx)?);
        Ok(())
    })?;
    Ok(out.expect("a finished read ran its closure"))
}

/// An account row.
#[derive(Debug, Clone)]
pub(crate) struct AccountRow {
    pub id: i64,
    pub email: String,
    pub email_key: String,
    pub role: String,
    pub active: bool,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
    pub created_at: Millis,
    /// Sessions of another epoch have ended (bumped by password changes).
    pub session_epoch: i64,
}

/// A session row.
#[derive(Debug, Clone)]
pub(crate) struct SessionRow {
    pub account_id: i64,
    pub expires_at: Millis,
    /// The account's session epoch when the session began.
    pub epoch: i64,
}

/// A link token row (confirmation, reset).
#[derive(Debug, Clone)]
pub(crate) struct TokenRow {
    pub account_id: i64,
    pub purpose: String,
    pub expires_at: Millis,
    pub used_at: Option<Millis>,
}

/// A profile row ("Data Diri"). Empty strings are unfilled fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileRow {
    pub account_id: i64,
    pub nama: String,
    pub nik: String,
    pub no_kk: String,
    pub whatsapp: String,
    pub hp: String,
    pub sex: String,
    pub birth_place: String,
    pub photo: Option<String>,
    pub updated_at: Millis,
}

/// A stored file's metadata.
#[derive(Debug, Clone)]
pub(crate) struct BlobRow {
    pub sha256: String,
    pub size: u64,
    pub mime: String,
}

/// An application row.
#[derive(Debug, Clone)]
pub(crate) struct ApplicationRow {
    pub id: i64,
    pub number: String,
    pub account_id: i64,
    pub service: String,
    pub subtype: Option<String>,
    pub nik: String,
    pub no_kk: String,
    pub nama: String,
    pub whatsapp: String,
    pub keterangan: String,
    /// Extra fields as a JSON object.
    pub fields: String,
    pub status: String,
    pub note: String,
    pub submitted_at: Millis,
    pub updated_at: Millis,
    pub pickup_date: Option<String>,
    pub pickup_place: Option<String>,
    pub idempotency_key: Option<String>,
    /// The definition of the service the application was submitted under
    /// (`service_definitions`); `None` only for applications from before
    /// schema version 4 whose service the catalog no longer has.
    pub service_sha256: Option<String>,
    /// The SHA-256 of the form's canonical content, for its idempotency key;
    /// `None` for applications from before schema version 4.
    pub form_sha256: Option<String>,
}

/// One document of an application.
#[derive(Debug, Clone)]
pub(crate) struct DocumentRow {
    pub slot: String,
    pub sha256: String,
    pub file_name: String,
    pub size: u64,
    pub mime: String,
}

/// One recorded transition.
#[derive(Debug, Clone)]
pub(crate) struct HistoryRow {
    /// Its key (0 until inserted).
    pub id: i64,
    pub at: Millis,
    pub actor_id: i64,
    pub actor_role: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub note: String,
}

/// A queued notification.
#[derive(Debug, Clone)]
pub(crate) struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    /// Template data as a JSON object.
    pub data: String,
    pub created_at: Millis,
    pub state: String,
    pub attempts: u32,
    /// When a pending row is due (0: at once).
    pub next_attempt_at: Millis,
    pub last_error: Option<String>,
    pub sent_at: Option<Millis>,
}

/// One audit entry.
#[derive(Debug, Clone)]
pub(crate) struct AuditRow {
    /// Its key (0 until inserted).
    pub id: i64,
    pub at: Millis,
    pub actor_id: i64,
    pub actor_role: String,
    pub what: String,
    pub application_id: Option<i64>,
    pub detail: String,
}

/// Which applications the officer queue shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueueFilter {
    pub statuses: Vec<String>,
    pub service: Option<String>,
}

/// The operations of one transaction. Every SQL statement of lakse is behind
/// one of these.
pub(crate) trait Tx {
    // Accounts.
    /// Inserts an account; `Error::AccountExists` when the e-mail key is taken.
    fn insert_account(&mut self, row: &AccountRow) -> Result<i64>;
    fn account_by_email_key(&mut self, email_key: &str) -> Result<Option<AccountRow>>;
    fn account_by_id(&mut self, id: i64) -> Result<Option<AccountRow>>;
    fn activate_account(&mut self, id: i64) -> Result<()>;
    fn set_password(&mut self, id: i64, hash: &str, must_change: bool) -> Result<()>;
    fn count_accounts_with_role(&mut self, role: &str) -> Result<u64>;

    // Link tokens and sessions (hashes only).
    fn insert_token(
        &mut self,
        hash: &str,
        account_id: i64,
        purpose: &str,
        created_at: Millis,
        expires_at: Millis,
    ) -> Result<()>;
    fn token(&mut self, hash: &str) -> Result<Option<TokenRow>>;
    /// Marks a token used; false when it was used already (a concurrent use won).
    fn use_token(&mut self, hash: &str, at: Millis) -> Result<bool>;
    /// Marks every unused token of `purpose` of the account used.
    fn use_tokens_of(&mut self, account_id: i64, purpose: &str, at: Millis) -> Result<()>;
    /// When the account's last token of `purpose` expires, if it has any.
    fn last_token_expiry(&mut self, account_id: i64, purpose: &str) -> Result<Option<Millis>>;
    /// Deletes an account that was never activated, with its tokens.
    fn delete_pending_account(&mut self, id: i64) -> Result<()>;
    fn insert_session(&mut self, hash: &str, row: &SessionRow, created_at: Millis) -> Result<()>;
    fn session(&mut self, hash: &str) -> Result<Option<SessionRow>>;
    fn delete_session(&mut self, hash: &str) -> Result<()>;
    /// Ends every session of the account in one step: bumps its session
    /// epoch and deletes its sessions, except `keep`, which moves to the new
    /// epoch (when it still exists). Returns the new epoch.
    fn end_sessions_of(&mut self, account_id: i64, keep: Option<&str>) -> Result<i64>;
    /// Reserves a login attempt as an unsettled failure, forgetting the
    /// address's failures before `forget_before` (they can no longer lock it).
    fn reserve_login_attempt(
        &mut self,
        email_key: &str,
        at: Millis,
        forget_before: Millis,
    ) -> Result<i64>;
    /// Settles a reserved attempt: kept as a failure when `failed`, removed otherwise.
    fn settle_login_attempt(&mut self, attempt: i64, failed: bool) -> Result<()>;
    /// Failures (settled or in progress) since `since`, oldest first; a time out
    /// of range is refused as corrupt.
    fn login_failures_since(&mut self, email_key: &str, since: Millis) -> Result<Vec<Millis>>;
    /// Forgets the address's settled failures (attempts still in progress stay).
    fn forgive_login_failures(&mut self, email_key: &str) -> Result<()>;
    fn clear_login_failures(&mut self, email_key: &str) -> Result<()>;
    /// Requests for a `purpose` e-mail to the address after `since`, oldest first.
    fn mail_requests_since(
        &mut self,
        email_key: &str,
        purpose: &str,
        since: Millis,
    ) -> Result<Vec<Millis>>;
    /// Records a request, forgetting every address's requests before `forget_before`.
    fn record_mail_request(
        &mut self,
        email_key: &str,
        purpose: &str,
        at: Millis,
        forget_before: Millis,
    ) -> Result<()>;

    // Profiles and files.
    fn profile(&mut self, account_id: i64) -> Result<Option<ProfileRow>>;
    /// Inserts or replaces a profile; `nik.claimed` when another profile holds its NIK.
    fn upsert_profile(&mut self, row: &ProfileRow) -> Result<()>;
    /// The account whose profile holds `nik`, if any.
    fn nik_holder(&mut self, nik: &str) -> Result<Option<i64>>;
    fn insert_blob(&mut self, blob: &BlobRow, at: Millis) -> Result<()>;
    fn blob(&mut self, sha256: &str) -> Result<Option<BlobRow>>;

    // Applications.
    /// The next number in `year`'s sequence (1, 2, …).
    fn next_sequence(&mut self, year: i32) -> Result<u32>;
    /// Inserts an application; `Error::ApplicationOpen` when its account has
    /// one open for the NIK and service.
    fn insert_application(&mut self, row: &ApplicationRow) -> Result<i64>;
    fn application_by_number(&mut self, number: &str) -> Result<Option<ApplicationRow>>;
    fn application_by_idempotency_key(
        &mut self,
        account_id: i64,
        key: &str,
    ) -> Result<Option<ApplicationRow>>;
    /// The number of the open application of `account_id` with `nik` for `service`, if any.
    fn open_application(
        &mut self,
        nik: &str,
        service: &str,
        account_id: i64,
    ) -> Result<Option<String>>;
    /// Writes back everything but the id, number, owner and submission time.
    fn update_application(&mut self, row: &ApplicationRow) -> Result<()>;
    fn applications_of(
        &mut self,
        account_id: i64,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ApplicationRow>>;
    fn count_applications_of(&mut self, account_id: i64) -> Result<u64>;
    /// Oldest first.
    fn queue(
        &mut self,
        filter: &QueueFilter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ApplicationRow>>;
    /// How many applications the queue `filter` holds.
    fn count_queue(&mut self, filter: &QueueFilter) -> Result<u64>;
    /// Replaces the documents in the given slots, keeping the others.
    fn put_documents(&mut self, application_id: i64, docs: &[DocumentRow]) -> Result<()>;
    fn documents(&mut self, application_id: i64) -> Result<Vec<DocumentRow>>;
    fn insert_history(&mut self, application_id: i64, row: &HistoryRow) -> Result<()>;
    fn history(&mut self, application_id: i64) -> Result<Vec<HistoryRow>>;

    // Service definitions, as applications were submitted under them.
    /// Stores a definition (JSON) under its hash; one stored already is kept.
    fn insert_service_definition(
        &mut self,
        sha256: &str,
        service: &str,
        definition: &str,
        at: Millis,
    ) -> Result<()>;
    fn service_definition(&mut self, sha256: &str) -> Result<Option<String>>;
    /// Whether any application was ever submitted under a definition of `service`.
    fn service_defined(&mut self, service: &str) -> Result<bool>;
    /// The services of applications without a definition (from before version 4).
    fn services_without_definition(&mut self) -> Result<Vec<String>>;
    /// Gives the applications of `service` without a definition this one.
    fn set_missing_definitions(&mut self, service: &str, sha256: &str) -> Result<()>;

    // Notifications and the audit trail.
    fn insert_outbox(&mut self, kind: &str, recipient: &str, data: &str, at: Millis)
    -> Result<i64>;
    fn outbox(&mut self, limit: u32) -> Result<Vec<OutboxRow>>;
    fn outbox_by_id(&mut self, id: i64) -> Result<Option<OutboxRow>>;
    /// The database's random value that makes Message-IDs unique.
    fn mail_instance(&mut self) -> Result<String>;
    /// Claims up to `limit` pending rows due at `now` and not claimed by a live
    /// run, until `until`; oldest due first.
    fn claim_outbox(
        &mut self,
        claim: &str,
        now: Millis,
        until: Millis,
        limit: u32,
    ) -> Result<Vec<OutboxRow>>;
    /// Marks a pending row sent, replacing its data (secrets scrubbed).
    fn outbox_sent(&mut self, id: i64, at: Millis, data: &str) -> Result<()>;
    /// Counts a failed attempt of a row still held by `claim`: due again at
    /// `next_attempt_at`, or parked as `failed` when `park`.
    fn outbox_failed(
        &mut self,
        id: i64,
        claim: &str,
        error: &str,
        next_attempt_at: Millis,
        park: bool,
    ) -> Result<()>;
    /// Makes a pending or failed row due at `at` with a fresh attempt count;
    /// false when there is no such row (or it was sent).
    fn retry_outbox(&mut self, id: i64, at: Millis) -> Result<bool>;
    fn insert_audit(&mut self, row: &AuditRow) -> Result<()>;
    /// Newest first.
    fn audit(&mut self, limit: u32, offset: u32) -> Result<Vec<AuditRow>>;
    fn count_audit(&mut self) -> Result<u64>;
}
