//! The SQLite backend: one file in WAL mode, versioned migrations, a small
//! connection pool so that threads read in parallel while writes queue on
//! SQLite's own lock (`BEGIN IMMEDIATE` + busy timeout, never "database is
//! locked" for the caller).

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::{
    AccountRow, ApplicationRow, AuditRow, BlobRow, DocumentRow, HistoryRow, Millis, OutboxRow,
    ProfileRow, QueueFilter, SessionRow, Store, Stored, TokenRow, Tx,
};
use crate::application::Status;
use crate::error::{Error, ErrorCode, Result};

/// The statuses that count as open, as an SQL list (`'diajukan', …`).
///
/// [`Status::is_open`] is the one rule: this list is made from it, and both
/// the unique index that allows one open application per NIK and service
/// ([`OPEN_INDEX`]) and [`Tx::open_application`] use it, so SQL never holds
/// its own copy of the rule. (A stored generated column would have needed
/// the list written into the schema, i.e. a second copy.)
static OPEN_STATUSES: LazyLock<String> = LazyLock::new(|| {
    Status::ALL
        .into_iter()
        .filter(|s| s.is_open())
        // Codes are fixed lowercase words, safe to quote inline.
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
});

/// The statement making the one-open-application index, exactly as SQLite
/// keeps it in `sqlite_master`, so a stored index can be compared with it.
static OPEN_INDEX: LazyLock<String> = LazyLock::new(|| {
    format!(
        "CREATE UNIQUE INDEX applications_open ON applications(nik, service, account_id) \
         WHERE status IN ({})",
        *OPEN_STATUSES
    )
});

/// The migrations, in order; `PRAGMA user_version` counts how many ran.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_audit.sql"),
    include_str!("migrations/0003_delivery.sql"),
    include_str!("migrations/0004_accounts_hardening.sql"),
    include_str!("migrations/0005_desk_hardening.sql"),
];

/// How long a writer waits for another process's transaction before failing.
/// How long a write waits for other writers by default.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// More than the number of distinct statements in this file.
const STATEMENT_CACHE: usize = 128;

/// The SQLite store of one data folder.
pub(crate) struct SqliteStore {
    path: PathBuf,
    /// How long a write waits for other writers before `store.busy`.
    busy_timeout: Duration,
    /// Idle connections; `None` once closed.
    pool: Mutex<Option<Vec<Connection>>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub(crate) fn open(path: &Path, busy_timeout: Duration) -> Result<Self> {
        let mut conn = connect(path, busy_timeout)?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            path: path.to_owned(),
            busy_timeout,
            pool: Mutex::new(Some(vec![conn])),
        })
    }

    fn checkout(&self) -> Result<Connection> {
        let mut pool = self.pool.lock().map_err(|_| Error::Closed)?;
        match pool.as_mut() {
            None => Err(Error::Closed),
            Some(idle) => match idle.pop() {
                Some(conn) => Ok(conn),
                None => {
                    drop(pool);
                    connect(&self.path, self.busy_timeout)
                }
            },
        }
    }

    fn checkin(&self, conn: Connection) {
        if let Ok(mut pool) = self.pool.lock()
            && let Some(idle) = pool.as_mut()
        {
            idle.push(conn);
        }
    }

    fn run(
        &self,
        behavior: TransactionBehavior,
        f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>,
    ) -> Result<()> {
        let mut conn = self.checkout()?;
        let result = (|| {
            let tx = conn.transaction_with_behavior(behavior)?;
            f(&mut SqliteTx { tx: &tx })?;
            tx.commit()?;
            Ok(())
        })();
        self.checkin(conn);
        result
    }
}

impl Store for SqliteStore {
    fn write(&self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        self.run(TransactionBehavior::Immediate, f)
    }

    fn read(&self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        self.run(TransactionBehavior::Deferred, f)
    }

    fn close(&self) {
        if let Ok(mut pool) = self.pool.lock() {
            *pool = None;
        }
    }
}

fn connect(path: &Path, busy_timeout: Duration) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(busy_timeout)?;
    // Room for every statement lakse runs, so none is prepared twice.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    enable_wal(&conn)?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;",
    )?;
    Ok(conn)
}

/// Switches to WAL. On a new database this needs an exclusive lock that SQLite
/// takes without its busy handler, so processes opening a new folder at once
/// would see "database is locked": retry until the busy timeout instead.
fn enable_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(Error::Storage {
                    message: format!("the database cannot use WAL (journal mode {mode})"),
                });
            }
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Applies the migrations the database has not seen, all in one transaction so
/// that two processes opening a new folder at once cannot both apply them.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: usize = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATIONS.len() {
        return Err(Error::Storage {
            message: format!(
                "database schema version {version} is newer than this lakse ({})",
                MIGRATIONS.len()
            ),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
    }
    // Made from `Status::is_open` on every open, so the index follows the
    // rule when it changes; remade only when it differs.
    let index: Option<String> = tx
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'applications_open'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if index.as_deref() != Some(OPEN_INDEX.as_str()) {
        tx.execute_batch(&format!(
            "DROP INDEX IF EXISTS applications_open; {};",
            *OPEN_INDEX
        ))?;
    }
    tx.commit()?;
    Ok(())
}

struct SqliteTx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

impl SqliteTx<'_> {
    /// Executes through the connection's statement cache: preparing a
    /// statement costs more than running it.
    fn exec(&self, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
        self.tx.prepare_cached(sql)?.execute(params)
    }

    /// One row through the statement cache.
    fn one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.tx.prepare_cached(sql)?.query_row(params, f)
    }
}

fn is_unique_violation(e: &rusqlite::Error, index: &str) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, Some(msg))
        if f.code == rusqlite::ErrorCode::ConstraintViolation && msg.contains(index))
}

const ACCOUNT_COLS: &str = "id, email, email_key, role, active, password_hash, \
     must_change_password, created_at, session_epoch";

fn account(r: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        email: r.get(1)?,
        email_key: r.get(2)?,
        role: r.get(3)?,
        active: r.get(4)?,
        password_hash: r.get(5)?,
        must_change_password: r.get(6)?,
        created_at: r.get(7)?,
        session_epoch: r.get(8)?,
    })
}

const APPLICATION_COLS: &str = "id, number, account_id, service, subtype, nik, no_kk, nama, \
     whatsapp, keterangan, fields, status, note, submitted_at, updated_at, pickup_date, \
     pickup_place, idempotency_key, service_sha256, form_sha256";

fn application(r: &Row<'_>) -> rusqlite::Result<ApplicationRow> {
    Ok(ApplicationRow {
        id: r.get(0)?,
        number: r.get(1)?,
        account_id: r.get(2)?,
        service: r.get(3)?,
        subtype: r.get(4)?,
        nik: r.get(5)?,
        no_kk: r.get(6)?,
        nama: r.get(7)?,
        whatsapp: r.get(8)?,
        keterangan: r.get(9)?,
        fields: r.get(10)?,
        status: r.get(11)?,
        note: r.get(12)?,
        submitted_at: r.get(13)?,
        updated_at: r.get(14)?,
        pickup_date: r.get(15)?,
        pickup_place: r.get(16)?,
        idempotency_key: r.get(17)?,
        service_sha256: r.get(18)?,
        form_sha256: r.get(19)?,
    })
}

const OUTBOX_COLS: &str = "id, kind, recipient, data, created_at, state, attempts, \
     next_attempt_at, last_error, sent_at";

fn outbox_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        recipient: r.get(2)?,
        data: r.get(3)?,
        created_at: r.get(4)?,
        state: r.get(5)?,
        attempts: r.get(6)?,
        next_attempt_at: r.get(7)?,
        last_error: r.get(8)?,
        sent_at: r.get(9)?,
    })
}

fn history(r: &Row<'_>) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor_id: r.get(2)?,
        actor_role: r.get(3)?,
        action: r.get(4)?,
        from_status: r.get(5)?,
        to_status: r.get(6)?,
        note: r.get(7)?,
    })
}

impl Tx for SqliteTx<'_> {
    fn insert_account(&mut self, a: &AccountRow) -> Result<i64> {
        let inserted = self.exec(
            "INSERT INTO accounts (email, email_key, role, active, password_hash, \
             must_change_password, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                a.email,
                a.email_key,
                a.role,
                a.active,
                a.password_hash,
                a.must_change_password,
                a.created_at
            ],
        );
        match inserted {
            Ok(_) => Ok(self.tx.last_insert_rowid()),
            Err(e) if is_unique_violation(&e, "accounts.email_key") => Err(Error::AccountExists {
                field: "email".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    fn account_by_email_key(&mut self, email_key: &str) -> Result<Option<AccountRow>> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE email_key = ?1");
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([email_key], account)
            .optional()?)
    }

    fn account_by_id(&mut self, id: i64) -> Result<Option<AccountRow>> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE id = ?1");
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], account)
            .optional()?)
    }

    fn activate_account(&mut self, id: i64) -> Result<()> {
        self.exec("UPDATE accounts SET active = 1 WHERE id = ?1", [id])?;
        Ok(())
    }

    fn set_password(&mut self, id: i64, hash: &str, must_change: bool) -> Result<()> {
        self.exec(
            "UPDATE accounts SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1",
            params![id, hash, must_change],
        )?;
        Ok(())
    }

    fn count_accounts_with_role(&mut self, role: &str) -> Result<u64> {
        Ok(self.one(
            "SELECT COUNT(*) FROM accounts WHERE role = ?1",
            [role],
            |r| r.get(0),
        )?)
    }

    fn insert_token(
        &mut self,
        hash: &str,
        account_id: i64,
        purpose: &str,
        created_at: Millis,
        expires_at: Millis,
    ) -> Result<()> {
        self.exec(
            "INSERT INTO tokens (hash, account_id, purpose, created_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![hash, account_id, purpose, created_at, expires_at],
        )?;
        Ok(())
    }

    fn token(&mut self, hash: &str) -> Result<Option<TokenRow>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT account_id, purpose, expires_at, used_at FROM tokens WHERE hash = ?1",
            )?
            .query_row([hash], |r| {
                Ok(TokenRow {
                    account_id: r.get(0)?,
                    purpose: r.get(1)?,
                    expires_at: r.get(2)?,
                    used_at: r.get(3)?,
                })
            })
            .optional()?)
    }

    fn use_token(&mut self, hash: &str, at: Millis) -> Result<bool> {
        let n = self.exec(
            "UPDATE tokens SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL",
            params![hash, at],
        )?;
        Ok(n == 1)
    }

    fn use_tokens_of(&mut self, account_id: i64, purpose: &str, at: Millis) -> Result<()> {
        self.exec(
            "UPDATE tokens SET used_at = ?3 WHERE account_id = ?1 AND purpose = ?2 \
             AND used_at IS NULL",
            params![account_id, purpose, at],
        )?;
        Ok(())
    }

    fn last_token_expiry(&mut self, account_id: i64, purpose: &str) -> Result<Option<Millis>> {
        Ok(self.one(
            "SELECT MAX(expires_at) FROM tokens WHERE account_id = ?1 AND purpose = ?2",
            params![account_id, purpose],
            |r| r.get(0),
        )?)
    }

    fn delete_pending_account(&mut self, id: i64) -> Result<()> {
        self.exec(
            "DELETE FROM tokens WHERE account_id = (SELECT id FROM accounts \
             WHERE id = ?1 AND active = 0)",
            [id],
        )?;
        self.exec("DELETE FROM accounts WHERE id = ?1 AND active = 0", [id])?;
        Ok(())
    }

    fn insert_session(&mut self, hash: &str, row: &SessionRow, created_at: Millis) -> Result<()> {
        self.exec(
            "INSERT INTO sessions (hash, account_id, created_at, expires_at, epoch) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![hash, row.account_id, created_at, row.expires_at, row.epoch],
        )?;
        Ok(())
    }

    fn session(&mut self, hash: &str) -> Result<Option<SessionRow>> {
        Ok(self
            .tx
            .prepare_cached("SELECT account_id, expires_at, epoch FROM sessions WHERE hash = ?1")?
            .query_row([hash], |r| {
                Ok(SessionRow {
                    account_id: r.get(0)?,
                    expires_at: r.get(1)?,
                    epoch: r.get(2)?,
                })
            })
            .optional()?)
    }

    fn delete_session(&mut self, hash: &str) -> Result<()> {
        self.exec("DELETE FROM sessions WHERE hash = ?1", [hash])?;
        Ok(())
    }

    fn end_sessions_of(&mut self, account_id: i64, keep: Option<&str>) -> Result<i64> {
        let epoch: i64 = self.one(
            "UPDATE accounts SET session_epoch = session_epoch + 1 WHERE id = ?1 \
             RETURNING session_epoch",
            [account_id],
            |r| r.get(0),
        )?;
        self.exec(
            "DELETE FROM sessions WHERE account_id = ?1 AND hash IS NOT ?2",
            params![account_id, keep],
        )?;
        self.exec(
            "UPDATE sessions SET epoch = ?3 WHERE account_id = ?1 AND hash = ?2",
            params![account_id, keep, epoch],
        )?;
        Ok(epoch)
    }

    fn reserve_login_attempt(
        &mut self,
        email_key: &str,
        at: Millis,
        forget_before: Millis,
    ) -> Result<i64> {
        self.exec(
            "DELETE FROM login_failures WHERE email_key = ?1 AND at < ?2",
            params![email_key, forget_before],
        )?;
        self.exec(
            "INSERT INTO login_failures (email_key, at, settled) VALUES (?1, ?2, 0)",
            params![email_key, at],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    fn settle_login_attempt(&mut self, attempt: i64, failed: bool) -> Result<()> {
        if failed {
            self.exec(
                "UPDATE login_failures SET settled = 1 WHERE rowid = ?1",
                [attempt],
            )?;
        } else {
            self.exec("DELETE FROM login_failures WHERE rowid = ?1", [attempt])?;
        }
        Ok(())
    }

    fn forgive_login_failures(&mut self, email_key: &str) -> Result<()> {
        self.exec(
            "DELETE FROM login_failures WHERE email_key = ?1 AND settled = 1",
            [email_key],
        )?;
        Ok(())
    }

    fn mail_requests_since(
        &mut self,
        email_key: &str,
        purpose: &str,
        since: Millis,
    ) -> Result<Vec<Millis>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT at FROM mail_requests WHERE email_key = ?1 AND purpose = ?2 AND at > ?3 \
             ORDER BY at",
        )?;
        let rows = stmt.query_map(params![email_key, purpose, since], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn record_mail_request(
        &mut self,
        email_key: &str,
        purpose: &str,
        at: Millis,
        forget_before: Millis,
    ) -> Result<()> {
        self.exec("DELETE FROM mail_requests WHERE at < ?1", [forget_before])?;
        self.exec(
            "INSERT INTO mail_requests (email_key, purpose, at) VALUES (?1, ?2, ?3)",
            params![email_key, purpose, at],
        )?;
        Ok(())
    }

    fn login_failures_since(&mut self, email_key: &str, since: Millis) -> Result<Vec<Millis>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT rowid, at FROM login_failures WHERE email_key = ?1 AND at >= ?2 ORDER BY at",
        )?;
        let rows = stmt
            .query_map(params![email_key, since], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Millis>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // The lockout is computed from these times and shown as one: refuse
        // one that is no time at all here, where the row is known.
        rows.into_iter()
            .map(|(rowid, at)| {
                Stored::row("login_failures", rowid).time("at", at)?;
                Ok(at)
            })
            .collect()
    }

    fn clear_login_failures(&mut self, email_key: &str) -> Result<()> {
        self.exec(
            "DELETE FROM login_failures WHERE email_key = ?1",
            [email_key],
        )?;
        Ok(())
    }

    fn profile(&mut self, account_id: i64) -> Result<Option<ProfileRow>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT account_id, nama, nik, no_kk, whatsapp, hp, sex, birth_place, photo, \
                 updated_at FROM profiles WHERE account_id = ?1",
            )?
            .query_row([account_id], |r| {
                Ok(ProfileRow {
                    account_id: r.get(0)?,
                    nama: r.get(1)?,
                    nik: r.get(2)?,
                    no_kk: r.get(3)?,
                    whatsapp: r.get(4)?,
                    hp: r.get(5)?,
                    sex: r.get(6)?,
                    birth_place: r.get(7)?,
                    photo: r.get(8)?,
                    updated_at: r.get(9)?,
                })
            })
            .optional()?)
    }

    fn upsert_profile(&mut self, p: &ProfileRow) -> Result<()> {
        let saved = self.exec(
            "INSERT INTO profiles (account_id, nama, nik, no_kk, whatsapp, hp, sex, birth_place, \
             photo, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
             ON CONFLICT (account_id) DO UPDATE SET nama = ?2, nik = ?3, no_kk = ?4, \
             whatsapp = ?5, hp = ?6, sex = ?7, birth_place = ?8, photo = ?9, updated_at = ?10",
            params![
                p.account_id,
                p.nama,
                p.nik,
                p.no_kk,
                p.whatsapp,
                p.hp,
                p.sex,
                p.birth_place,
                p.photo,
                p.updated_at
            ],
        );
        match saved {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e, "profiles.nik") => Err(Error::rule(
                ErrorCode::NikClaimed,
                "nik",
                "held by another account; an officer can release it",
            )),
            Err(e) => Err(e.into()),
        }
    }

    fn nik_holder(&mut self, nik: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT account_id FROM profiles WHERE nik = ?1 AND nik <> ''")?
            .query_row([nik], |r| r.get(0))
            .optional()?)
    }

    fn insert_blob(&mut self, b: &BlobRow, at: Millis) -> Result<()> {
        self.exec(
            "INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![b.sha256, b.size, b.mime, at],
        )?;
        Ok(())
    }

    fn blob(&mut self, sha256: &str) -> Result<Option<BlobRow>> {
        Ok(self
            .tx
            .prepare_cached("SELECT sha256, size, mime FROM blobs WHERE sha256 = ?1")?
            .query_row([sha256], |r| {
                Ok(BlobRow {
                    sha256: r.get(0)?,
                    size: r.get(1)?,
                    mime: r.get(2)?,
                })
            })
            .optional()?)
    }

    fn next_sequence(&mut self, year: i32) -> Result<u32> {
        Ok(self.one(
            "INSERT INTO sequences (year, last) VALUES (?1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
            |r| r.get(0),
        )?)
    }

    fn insert_application(&mut self, a: &ApplicationRow) -> Result<i64> {
        let inserted = self.exec(
            "INSERT INTO applications (number, account_id, service, subtype, nik, no_kk, nama, \
             whatsapp, keterangan, fields, status, note, submitted_at, updated_at, pickup_date, \
             pickup_place, idempotency_key, service_sha256, form_sha256) VALUES (?1, ?2, ?3, ?4, \
             ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            params![
                a.number,
                a.account_id,
                a.service,
                a.subtype,
                a.nik,
                a.no_kk,
                a.nama,
                a.whatsapp,
                a.keterangan,
                a.fields,
                a.status,
                a.note,
                a.submitted_at,
                a.updated_at,
                a.pickup_date,
                a.pickup_place,
                a.idempotency_key,
                a.service_sha256,
                a.form_sha256
            ],
        );
        match inserted {
            Ok(_) => Ok(self.tx.last_insert_rowid()),
            Err(e) if is_unique_violation(&e, "applications.nik") => Err(Error::ApplicationOpen),
            Err(e) => Err(e.into()),
        }
    }

    fn application_by_number(&mut self, number: &str) -> Result<Option<ApplicationRow>> {
        let sql = format!("SELECT {APPLICATION_COLS} FROM applications WHERE number = ?1");
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([number], application)
            .optional()?)
    }

    fn application_by_idempotency_key(
        &mut self,
        account_id: i64,
        key: &str,
    ) -> Result<Option<ApplicationRow>> {
        let sql = format!(
            "SELECT {APPLICATION_COLS} FROM applications WHERE account_id = ?1 AND idempotency_key = ?2"
        );
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row(params![account_id, key], application)
            .optional()?)
    }

    fn open_application(
        &mut self,
        nik: &str,
        service: &str,
        account_id: i64,
    ) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT number FROM applications WHERE nik = ?1 AND service = ?2 \
                 AND account_id = ?3 AND status IN ({})",
                *OPEN_STATUSES
            ))?
            .query_row(params![nik, service, account_id], |r| r.get(0))
            .optional()?)
    }

    fn update_application(&mut self, a: &ApplicationRow) -> Result<()> {
        let changed = self.exec(
            "UPDATE applications SET service = ?2, subtype = ?3, nik = ?4, no_kk = ?5, nama = ?6, \
             whatsapp = ?7, keterangan = ?8, fields = ?9, status = ?10, note = ?11, \
             updated_at = ?12, pickup_date = ?13, pickup_place = ?14 WHERE id = ?1",
            params![
                a.id,
                a.service,
                a.subtype,
                a.nik,
                a.no_kk,
                a.nama,
                a.whatsapp,
                a.keterangan,
                a.fields,
                a.status,
                a.note,
                a.updated_at,
                a.pickup_date,
                a.pickup_place
            ],
        );
        match changed {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e, "applications.nik") => Err(Error::ApplicationOpen),
            Err(e) => Err(e.into()),
        }
    }

    fn applications_of(
        &mut self,
        account_id: i64,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ApplicationRow>> {
        let sql = format!(
            "SELECT {APPLICATION_COLS} FROM applications WHERE account_id = ?1 \
             ORDER BY id DESC LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit, offset], application)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn count_applications_of(&mut self, account_id: i64) -> Result<u64> {
        Ok(self.one(
            "SELECT COUNT(*) FROM applications WHERE account_id = ?1",
            [account_id],
            |r| r.get(0),
        )?)
    }

    fn count_queue(&mut self, filter: &QueueFilter) -> Result<u64> {
        // As in `queue`: statuses are `Status::code`s, safe to inline.
        let statuses = if filter.statuses.is_empty() {
            crate::application::Status::ALL
                .iter()
                .map(|s| s.code().to_owned())
                .collect()
        } else {
            filter.statuses.clone()
        };
        let list = statuses.join("', '");
        self.one(
            &format!(
                "SELECT COUNT(*) FROM applications WHERE status IN ('{list}') \
                 AND (?1 IS NULL OR service = ?1)"
            ),
            params![filter.service],
            |r| r.get::<_, u64>(0),
        )
        .map_err(Into::into)
    }

    fn queue(
        &mut self,
        filter: &QueueFilter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ApplicationRow>> {
        // Statuses come from `Status::code`, never from callers' strings, so
        // they are safe to inline; a per-status UNION keeps each branch on an index.
        let statuses = if filter.statuses.is_empty() {
            crate::application::Status::ALL
                .iter()
                .map(|s| s.code().to_owned())
                .collect()
        } else {
            filter.statuses.clone()
        };
        let mut sql = String::new();
        for (i, status) in statuses.iter().enumerate() {
            if i > 0 {
                sql.push_str(" UNION ALL ");
            }
            let service = if filter.service.is_some() {
                " AND service = ?1"
            } else {
                ""
            };
            sql.push_str(&format!(
                "SELECT * FROM (SELECT {APPLICATION_COLS} FROM applications \
                 WHERE status = '{status}'{service} ORDER BY id LIMIT ?2 + ?3)"
            ));
        }
        let sql = format!("SELECT * FROM ({sql}) ORDER BY id LIMIT ?2 OFFSET ?3");
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let service = filter.service.clone().unwrap_or_default();
        let rows = stmt.query_map(params![service, limit, offset], application)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn put_documents(&mut self, application_id: i64, docs: &[DocumentRow]) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO application_documents (application_id, slot, sha256, file_name, size, mime) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (application_id, slot) DO UPDATE SET \
             sha256 = ?3, file_name = ?4, size = ?5, mime = ?6",
        )?;
        for d in docs {
            stmt.execute(params![
                application_id,
                d.slot,
                d.sha256,
                d.file_name,
                d.size,
                d.mime
            ])?;
        }
        Ok(())
    }

    fn documents(&mut self, application_id: i64) -> Result<Vec<DocumentRow>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT slot, sha256, file_name, size, mime FROM application_documents \
             WHERE application_id = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map([application_id], |r| {
            Ok(DocumentRow {
                slot: r.get(0)?,
                sha256: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                mime: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn insert_history(&mut self, application_id: i64, h: &HistoryRow) -> Result<()> {
        self.exec(
            "INSERT INTO history (application_id, at, actor_id, actor_role, action, from_status, \
             to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                application_id,
                h.at,
                h.actor_id,
                h.actor_role,
                h.action,
                h.from_status,
                h.to_status,
                h.note
            ],
        )?;
        Ok(())
    }

    fn history(&mut self, application_id: i64) -> Result<Vec<HistoryRow>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, at, actor_id, actor_role, action, from_status, to_status, note \
             FROM history WHERE application_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([application_id], history)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn insert_service_definition(
        &mut self,
        sha256: &str,
        service: &str,
        definition: &str,
        at: Millis,
    ) -> Result<()> {
        self.exec(
            "INSERT OR IGNORE INTO service_definitions (sha256, service, definition, created_at) \
             VALUES (?1, ?2, ?3, ?4)",
            params![sha256, service, definition, at],
        )?;
        Ok(())
    }

    fn service_definition(&mut self, sha256: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT definition FROM service_definitions WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    fn service_defined(&mut self, service: &str) -> Result<bool> {
        Ok(self.one(
            "SELECT EXISTS (SELECT 1 FROM service_definitions WHERE service = ?1)",
            [service],
            |r| r.get(0),
        )?)
    }

    fn services_without_definition(&mut self) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT service FROM applications WHERE service_sha256 IS NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn set_missing_definitions(&mut self, service: &str, sha256: &str) -> Result<()> {
        self.exec(
            "UPDATE applications SET service_sha256 = ?2 \
             WHERE service = ?1 AND service_sha256 IS NULL",
            params![service, sha256],
        )?;
        Ok(())
    }

    fn insert_outbox(
        &mut self,
        kind: &str,
        recipient: &str,
        data: &str,
        at: Millis,
    ) -> Result<i64> {
        self.exec(
            "INSERT INTO outbox (kind, recipient, data, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![kind, recipient, data, at],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    fn outbox(&mut self, limit: u32) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {OUTBOX_COLS} FROM outbox ORDER BY id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], outbox_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn outbox_by_id(&mut self, id: i64) -> Result<Option<OutboxRow>> {
        let mut stmt = self
            .tx
            .prepare_cached(&format!("SELECT {OUTBOX_COLS} FROM outbox WHERE id = ?1"))?;
        Ok(stmt.query_row([id], outbox_row).optional()?)
    }

    fn mail_instance(&mut self) -> Result<String> {
        Ok(self
            .tx
            .query_row("SELECT value FROM mail_instance WHERE id = 1", [], |r| {
                r.get(0)
            })?)
    }

    fn claim_outbox(
        &mut self,
        claim: &str,
        now: Millis,
        until: Millis,
        limit: u32,
    ) -> Result<Vec<OutboxRow>> {
        // Runs in a write (IMMEDIATE) transaction: selecting and claiming are
        // one step for every other writer.
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {OUTBOX_COLS} FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1 \
             AND claimed_until <= ?1 ORDER BY next_attempt_at, id LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![now, limit], outbox_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut update = self
            .tx
            .prepare_cached("UPDATE outbox SET claim = ?1, claimed_until = ?2 WHERE id = ?3")?;
        for row in &rows {
            update.execute(params![claim, until, row.id])?;
        }
        Ok(rows)
    }

    fn outbox_sent(&mut self, id: i64, at: Millis, data: &str) -> Result<()> {
        self.exec(
            "UPDATE outbox SET state = 'sent', sent_at = ?2, data = ?3, attempts = attempts + 1, \
             claim = NULL, claimed_until = 0, last_error = NULL WHERE id = ?1 AND state = 'pending'",
            params![id, at, data],
        )?;
        Ok(())
    }

    fn outbox_failed(
        &mut self,
        id: i64,
        claim: &str,
        error: &str,
        next_attempt_at: Millis,
        park: bool,
    ) -> Result<()> {
        self.exec(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?3, next_attempt_at = ?4, \
             state = CASE WHEN ?5 THEN 'failed' ELSE 'pending' END, claim = NULL, claimed_until = 0 \
             WHERE id = ?1 AND claim = ?2 AND state = 'pending'",
            params![id, claim, error, next_attempt_at, park],
        )?;
        Ok(())
    }

    fn retry_outbox(&mut self, id: i64, at: Millis) -> Result<bool> {
        let changed = self.exec(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2, \
             claim = NULL, claimed_until = 0 WHERE id = ?1 AND state IN ('pending', 'failed')",
            params![id, at],
        )?;
        Ok(changed == 1)
    }

    fn insert_audit(&mut self, a: &AuditRow) -> Result<()> {
        self.exec(
            "INSERT INTO audit_log (at, actor_id, actor_role, what, application_id, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                a.at,
                a.actor_id,
                a.actor_role,
                a.what,
                a.application_id,
                a.detail
            ],
        )?;
        Ok(())
    }

    fn count_audit(&mut self) -> Result<u64> {
        Ok(self.one("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?)
    }

    fn audit(&mut self, limit: u32, offset: u32) -> Result<Vec<AuditRow>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, at, actor_id, actor_role, what, application_id, detail FROM audit_log \
             ORDER BY id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit, offset], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor_id: r.get(2)?,
                actor_role: r.get(3)?,
                what: r.get(4)?,
                application_id: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_index(path: &Path) -> String {
        Connection::open(path)
            .expect("db")
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'applications_open'",
                [],
                |r| r.get(0),
            )
            .expect("the index exists")
    }

    #[test]
    fn the_open_index_is_made_from_status_is_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lakse.db");
        SqliteStore::open(&path, BUSY_TIMEOUT).expect("open");
        let sql = open_index(&path);
        // Kept exactly as made, so opening again leaves it alone.
        assert_eq!(sql, *OPEN_INDEX);
        for status in Status::ALL {
            assert_eq!(
                sql.contains(&format!("'{}'", status.code())),
                status.is_open(),
                "{status}"
            );
        }

        // An index made from another rule is remade on the next open.
        Connection::open(&path)
            .expect("db")
            .execute_batch(
                "DROP INDEX applications_open; CREATE UNIQUE INDEX applications_open \
                 ON applications(nik, service) WHERE status IN ('diajukan')",
            )
            .expect("an outdated index");
        SqliteStore::open(&path, BUSY_TIMEOUT).expect("reopen");
        assert_eq!(open_index(&path), *OPEN_INDEX);
    }
}
