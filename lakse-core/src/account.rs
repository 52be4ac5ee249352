//! Accounts ("Oten Publik"): registration by e-mail, confirmation links,
//! one-time passwords, sessions, lockout, password reset, staff accounts.
//!
//! Secrets are stored only as hashes: link and session tokens as SHA-256 (they
//! are 256-bit random, so a fast hash suffices), passwords as argon2id.
//!
//! What holds under concurrency (threads, handles, processes on one folder):
//! a login reserves its attempt in the same write transaction that checks the
//! lockout, before the password is hashed, so parallel guesses are counted
//! before they are evaluated; a password change or reset bumps the account's
//! session epoch in the transaction that sets the password, and a session of
//! an older epoch is no longer valid, so nothing racing the change (a logout,
//! a login with the old password) leaves a session from before it alive.

use std::collections::BTreeMap;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::application::Actor;
use crate::email;
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::Lakse;
use crate::outbox::{self, Kind};
use crate::sensitive::{EmailAddress, Secret};
use crate::store::{self, AccountRow, Millis, SessionRow, Stored, Tx};

const PURPOSE_CONFIRM: &str = "confirm";
const PURPOSE_RESET: &str = "reset";
const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 128;
/// Unambiguous characters for generated passwords (no 0/O, 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const GENERATED_PASSWORD_CHARS: usize = 12;
/// Registration or reset e-mails to one address within [`MAIL_PERIOD_MS`].
const MAIL_LIMIT: usize = 3;
/// The period [`MAIL_LIMIT`] counts in: one hour.
const MAIL_PERIOD_MS: Millis = 60 * 60 * 1000;
/// Characters of a token: 32 random bytes in URL-safe base64 without padding.
const TOKEN_CHARS: usize = 43;

/// A logged-in session. Pass [`Session::token`] to every call made on its behalf.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Session {
    /// The bearer token (secret; 256 bits, URL-safe base64).
    pub token: Secret,
    /// The account.
    pub account_id: i64,
    /// The account's e-mail address.
    pub email: EmailAddress,
    /// Applicant, officer or admin.
    pub role: Actor,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
    /// True until the account chooses its own password (after a generated one).
    pub must_change_password: bool,
}

/// An account as seen by itself or an admin.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// The e-mail address as registered.
    pub email: EmailAddress,
    /// Applicant, officer or admin.
    pub role: Actor,
    /// False until the confirmation link is followed.
    pub active: bool,
    /// True until the account chooses its own password.
    pub must_change_password: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// The account a session token belongs to, as checked by [`Lakse::authenticate`].
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub id: i64,
    pub email: String,
    pub role: Actor,
}

fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::internal(format!("no randomness: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The stored form of a token. Tokens are matched exactly: one with
/// surrounding spaces is another (unknown) token.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` has the shape of a token lakse issues (refused without a
/// lookup otherwise).
fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn generate_password() -> Result<String> {
    let mut bytes = [0u8; GENERATED_PASSWORD_CHARS];
    getrandom::fill(&mut bytes).map_err(|e| Error::internal(format!("no randomness: {e}")))?;
    // 256 is not a multiple of the alphabet's length; the bias (< 1 bit over
    // 12 characters of ~5.8 bits each) does not matter for a one-time password.
    Ok(bytes
        .iter()
        .map(|b| PASSWORD_ALPHABET[usize::from(*b) % PASSWORD_ALPHABET.len()] as char)
        .collect())
}

fn check_password_rule(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::rule(
            ErrorCode::PasswordTooShort,
            "password",
            format!("at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Error::TooLong {
            field: "password".into(),
            max: MAX_PASSWORD_CHARS,
            found: chars,
        });
    }
    Ok(())
}

fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches `hash`; `None` when `hash` is no password hash
/// at all (a damaged row, not a wrong password).
fn verify_password(password: &str, hash: &str) -> Option<bool> {
    let parsed = PasswordHash::new(hash).ok()?;
    Some(
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
    )
}

/// Spends the time a real verification takes, so that an unknown address
/// answers as slowly as a wrong password.
fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("not a password").unwrap_or_default());
    verify_password(password, hash);
}

fn role_of(row: &AccountRow) -> Result<Actor> {
    Stored::row("accounts", row.id).code("role", &row.role, Actor::from_code)
}

fn to_account(row: &AccountRow) -> Result<Account> {
    Ok(Account {
        id: row.id,
        email: EmailAddress::new(row.email.clone()),
        role: role_of(row)?,
        active: row.active,
        must_change_password: row.must_change_password,
        created_at: Stored::row("accounts", row.id).time("created_at", row.created_at)?,
    })
}

impl Lakse {
    /// Registers an e-mail address ("Pendaftaran Akun"): creates a pending
    /// account and queues the confirmation link, valid for
    /// [`Config::confirmation_ttl`](crate::Config::confirmation_ttl).
    ///
    /// Registering a pending address again sends a fresh link; an active one
    /// is refused with `account.exists`. Addresses are matched by their
    /// normalised key (see [`crate::email`]). A pending registration ends when
    /// its last link expires.
    ///
    /// At most three confirmation e-mails an hour go to one address; more are
    /// refused with `auth.rate_limited`, saying when to try again.
    pub fn register(&self, email: &str) -> Result<()> {
        let store = self.live()?;
        let email = email::parse(email)?;
        let token = random_token()?;
        let now_at = self.now();
        let now = now_at.timestamp_millis();
        let expires_at = now_at + self.config.confirmation_ttl;
        let expires = expires_at.timestamp_millis();
        store::write(store, |tx| {
            let existing = account_by_email_key(tx, email.key(), now)?;
            if existing.as_ref().is_some_and(|a| a.active) {
                return Err(Error::AccountExists {
                    field: "email".into(),
                });
            }
            limit_mail(tx, email.key(), PURPOSE_CONFIRM, now)?;
            let id = match existing {
                Some(pending) => pending.id,
                None => tx.insert_account(&AccountRow {
                    id: 0,
                    email: email.as_str().to_owned(),
                    email_key: email.key().to_owned(),
                    role: Actor::Applicant.code().to_owned(),
                    active: false,
                    password_hash: None,
                    must_change_password: false,
                    created_at: now,
                    session_epoch: 0,
                })?,
            };
            tx.insert_token(&token_hash(&token), id, PURPOSE_CONFIRM, now, expires)?;
            let data = BTreeMap::from([
                ("email", email.as_str().to_owned()),
                ("token", token.clone()),
                ("expires_at", self.local_time(expires_at)),
            ]);
            outbox::enqueue(tx, Kind::Confirmation, email.as_str(), &data, now)?;
            Ok(())
        })
    }

    /// Follows the confirmation link ("Setuju dan Lanjutkan"), as the manual
    /// does: activates the account and e-mails a generated one-time password;
    /// the account must choose its own password at first login. Using one
    /// link ends every other confirmation link of the account.
    pub fn confirm(&self, token: &str) -> Result<()> {
        let password = generate_password()?;
        let hash = hash_password(&password)?;
        self.confirm_inner(token, &hash, Some(&password))
    }

    /// Follows the confirmation link choosing the password at once (no
    /// password travels by e-mail).
    pub fn confirm_with_password(&self, token: &str, password: &str) -> Result<()> {
        check_password_rule(password)?;
        let hash = hash_password(password)?;
        self.confirm_inner(token, &hash, None)
    }

    fn confirm_inner(&self, token: &str, hash: &str, generated: Option<&str>) -> Result<()> {
        let store = self.live()?;
        let now = self.now_ms();
        store::write(store, |tx| {
            let account_id = use_link_token(tx, token, PURPOSE_CONFIRM, now)?;
            let account = tx
                .account_by_id(account_id)?
                .ok_or_else(|| Error::TokenInvalid {
                    field: "token".into(),
                })?;
            if account.active {
                // A link left over from before links died together.
                return Err(Error::TokenUsed {
                    field: "token".into(),
                });
            }
            tx.use_tokens_of(account_id, PURPOSE_CONFIRM, now)?;
            tx.activate_account(account_id)?;
            tx.set_password(account_id, hash, generated.is_some())?;
            if let Some(password) = generated {
                let data = BTreeMap::from([
                    ("email", account.email.clone()),
                    ("password", password.to_owned()),
                ]);
                outbox::enqueue(tx, Kind::Credentials, &account.email, &data, now)?;
            }
            Ok(())
        })
    }

    /// Logs in with e-mail and password.
    ///
    /// After [`Config::max_login_failures`](crate::Config::max_login_failures)
    /// failures within the login window, further tries are refused with
    /// `auth.locked` (without checking the password) until the lockout has passed.
    /// Failures are counted per address, whether or not it has an account, and
    /// tries that run at once are counted before any password is checked: no
    /// more than the limit are ever checked, however many arrive together.
    pub fn login(&self, email: &str, password: &str) -> Result<Session> {
        let store = self.live()?;
        let key = email::parse(email)
            .map(|e| e.key().to_owned())
            .map_err(|_| Error::InvalidCredentials)?;
        let now_at = self.now();
        let now = now_at.timestamp_millis();
        let window = self.config.login_window.num_milliseconds();
        let lockout = self.config.lockout.num_milliseconds();
        // What lies before the counting window can lock no more.
        let forget = now - window - lockout;
        // Checking the lockout and reserving this attempt are one write: a
        // parallel try sees this one counted before its password is checked.
        let (account, attempt) = store::write(store, |tx| {
            let failures = tx.login_failures_since(&key, forget)?;
            if let Some(until) =
                locked_until(&failures, self.config.max_login_failures, window, lockout)
                && now < until
            {
                return Err(Error::LoginLocked {
                    // The failure times were checked when read; only a lockout
                    // configured beyond the year 262143 ends at chrono's last instant.
                    until: DateTime::from_timestamp_millis(until)
                        .unwrap_or(DateTime::<Utc>::MAX_UTC)
                        .to_rfc3339(),
                });
            }
            let attempt = tx.reserve_login_attempt(&key, now, forget)?;
            Ok((tx.account_by_email_key(&key)?, attempt))
        })?;
        let stored_hash = account
            .as_ref()
            .and_then(|a| Some((a.id, a.password_hash.as_deref()?)));
        let verified = match stored_hash {
            Some((id, hash)) => verify_password(password, hash)
                .ok_or_else(|| Stored::row("accounts", id).corrupt("password_hash"))?,
            None => {
                verify_dummy(password);
                false
            }
        };
        let account = match account {
            Some(a) if verified && a.active => a,
            _ => {
                // The reservation already counts as a failure; settling it
                // only keeps a later success from forgiving it early.
                store::write(store, |tx| tx.settle_login_attempt(attempt, true))?;
                return Err(Error::InvalidCredentials);
            }
        };
        let token = random_token()?;
        let expires_at = now_at + self.config.session_ttl;
        let expires = expires_at.timestamp_millis();
        let current = store::write(store, |tx| {
            tx.settle_login_attempt(attempt, false)?;
            let epoch = tx.account_by_id(account.id)?.map(|a| a.session_epoch);
            if epoch != Some(account.session_epoch) {
                // The password changed while this one was checked.
                return Ok(false);
            }
            tx.forgive_login_failures(&key)?;
            let row = SessionRow {
                account_id: account.id,
                expires_at: expires,
                epoch: account.session_epoch,
            };
            tx.insert_session(&token_hash(&token), &row, now)?;
            Ok(true)
        })?;
        if !current {
            return Err(Error::InvalidCredentials);
        }
        Ok(Session {
            token: Secret::new(token),
            account_id: account.id,
            email: EmailAddress::new(account.email.clone()),
            role: role_of(&account)?,
            expires_at,
            must_change_password: account.must_change_password,
        })
    }

    /// Ends a session. Logging out of an ended session is not an error.
    pub fn logout(&self, session: &str) -> Result<()> {
        store::write(self.live()?, |tx| tx.delete_session(&token_hash(session)))
    }

    /// The account behind a session.
    pub fn whoami(&self, session: &str) -> Result<Account> {
        store::read(self.live()?, |tx| {
            let caller = self.session_account(tx, session)?;
            to_account(&caller)
        })
    }

    /// Changes the password (and clears the "choose your own password" flag).
    /// Every other session of the account ends, and so do its reset links;
    /// this session stays (unless it ended meanwhile: a logout racing the
    /// change wins, and the change is refused with `auth.session_invalid`).
    pub fn change_password(&self, session: &str, old: &str, new: &str) -> Result<()> {
        check_password_rule(new)?;
        let store = self.live()?;
        let account = store::read(store, |tx| self.session_account(tx, session))?;
        // A session means a password was set: a missing or unreadable hash is damage.
        let damaged = || Stored::row("accounts", account.id).corrupt("password_hash");
        let current = account.password_hash.as_deref().ok_or_else(damaged)?;
        if !verify_password(old, current).ok_or_else(damaged)? {
            return Err(Error::InvalidCredentials);
        }
        if old == new {
            return Err(Error::rule(
                ErrorCode::PasswordUnchanged,
                "password",
                "must differ from the current one",
            ));
        }
        let hash = hash_password(new)?;
        store::write(store, |tx| {
            // Checked again inside the write: a logout or another change since
            // the check above ends this one.
            let now_account = self.session_account(tx, session)?;
            if now_account.session_epoch != account.session_epoch {
                // Another change from this session won; `old` is not current.
                return Err(Error::InvalidCredentials);
            }
            tx.set_password(account.id, &hash, false)?;
            tx.end_sessions_of(account.id, Some(&token_hash(session)))?;
            tx.use_tokens_of(account.id, PURPOSE_RESET, self.now_ms())
        })
    }

    /// "Lupa password": queues a reset link for an active account. Answers the
    /// same whether or not the address has an account, so it cannot be used to
    /// find out who is registered: also the rate limit (three requests an hour
    /// per address, then `auth.rate_limited`) counts every address alike.
    pub fn forgot_password(&self, email: &str) -> Result<()> {
        let store = self.live()?;
        let email = email::parse(email)?;
        let token = random_token()?;
        let now_at = self.now();
        let now = now_at.timestamp_millis();
        let expires_at = now_at + self.config.reset_ttl;
        let expires = expires_at.timestamp_millis();
        store::write(store, |tx| {
            limit_mail(tx, email.key(), PURPOSE_RESET, now)?;
            let Some(account) = tx.account_by_email_key(email.key())? else {
                return Ok(());
            };
            if !account.active {
                return Ok(());
            }
            tx.insert_token(&token_hash(&token), account.id, PURPOSE_RESET, now, expires)?;
            let data = BTreeMap::from([
                ("email", account.email.clone()),
                ("token", token.clone()),
                ("expires_at", self.local_time(expires_at)),
            ]);
            outbox::enqueue(tx, Kind::PasswordReset, &account.email, &data, now)?;
            Ok(())
        })
    }

    /// Sets a new password with a reset link's token. The token must belong to
    /// `email`'s account; every session and every other reset link of the
    /// account ends, and failed logins are forgiven.
    pub fn reset_password(&self, email: &str, token: &str, new_password: &str) -> Result<()> {
        check_password_rule(new_password)?;
        let store = self.live()?;
        let email = email::parse(email)?;
        let hash = hash_password(new_password)?;
        let now = self.now_ms();
        store::write(store, |tx| {
            let account =
                tx.account_by_email_key(email.key())?
                    .ok_or_else(|| Error::TokenInvalid {
                        field: "token".into(),
                    })?;
            let owner = peek_link_token(tx, token, PURPOSE_RESET, now)?;
            if owner != account.id {
                return Err(Error::TokenInvalid {
                    field: "token".into(),
                });
            }
            use_link_token(tx, token, PURPOSE_RESET, now)?;
            tx.use_tokens_of(account.id, PURPOSE_RESET, now)?;
            tx.set_password(account.id, &hash, false)?;
            tx.end_sessions_of(account.id, None)?;
            tx.clear_login_failures(email.key())
        })
    }

    /// Creates the first admin account. Refused once any admin exists.
    pub fn bootstrap_admin(&self, email: &str, password: &str) -> Result<Account> {
        check_password_rule(password)?;
        let email = email::parse(email)?;
        let hash = hash_password(password)?;
        let now = self.now_ms();
        store::write(self.live()?, |tx| {
            // An expired pending registration of the address does not block it.
            account_by_email_key(tx, email.key(), now)?;
            if tx.count_accounts_with_role(Actor::Admin.code())? > 0 {
                return Err(Error::Forbidden {
                    what: "an admin exists already; admins create accounts".into(),
                });
            }
            let row = AccountRow {
                id: 0,
                email: email.as_str().to_owned(),
                email_key: email.key().to_owned(),
                role: Actor::Admin.code().to_owned(),
                active: true,
                password_hash: Some(hash.clone()),
                must_change_password: false,
                created_at: now,
                session_epoch: 0,
            };
            let id = tx.insert_account(&row)?;
            to_account(&AccountRow { id, ..row })
        })
    }

    /// An admin creates an officer or admin account; its credentials (a
    /// one-time password) are e-mailed and must be changed at first login.
    pub fn create_staff(&self, session: &str, email: &str, role: Actor) -> Result<Account> {
        if !role.is_staff() {
            return Err(Error::rule(
                ErrorCode::AccountInvalidRole,
                "role",
                "staff accounts are officers or admins",
            ));
        }
        let email = email::parse(email)?;
        let password = generate_password()?;
        let hash = hash_password(&password)?;
        let now = self.now_ms();
        store::write(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            if caller.role != Actor::Admin {
                return Err(Error::Forbidden {
                    what: "only admins create accounts".into(),
                });
            }
            // An expired pending registration of the address does not block it.
            account_by_email_key(tx, email.key(), now)?;
            let row = AccountRow {
                id: 0,
                email: email.as_str().to_owned(),
                email_key: email.key().to_owned(),
                role: role.code().to_owned(),
                active: true,
                password_hash: Some(hash.clone()),
                must_change_password: true,
                created_at: now,
                session_epoch: 0,
            };
            let id = tx.insert_account(&row)?;
            let data =
                BTreeMap::from([("email", row.email.clone()), ("password", password.clone())]);
            outbox::enqueue(tx, Kind::Credentials, &row.email, &data, now)?;
            to_account(&AccountRow { id, ..row })
        })
    }

    /// The account of a valid session, whatever its password state.
    fn session_account(&self, tx: &mut dyn Tx, session: &str) -> Result<AccountRow> {
        if !well_formed(session) {
            return Err(Error::SessionInvalid);
        }
        let row = tx
            .session(&token_hash(session))?
            .ok_or(Error::SessionInvalid)?;
        if self.now_ms() >= row.expires_at {
            return Err(Error::SessionInvalid);
        }
        match tx.account_by_id(row.account_id)? {
            // A session from before the last password change has ended.
            Some(a) if a.active && a.session_epoch == row.epoch => Ok(a),
            _ => Err(Error::SessionInvalid),
        }
    }

    /// The caller behind a session, refused until a generated password was replaced.
    pub(crate) fn authenticate(&self, tx: &mut dyn Tx, session: &str) -> Result<Caller> {
        let account = self.session_account(tx, session)?;
        if account.must_change_password {
            return Err(Error::PasswordChangeRequired);
        }
        Ok(Caller {
            id: account.id,
            role: role_of(&account)?,
            email: account.email,
        })
    }
}

/// When a run of failed logins locks until: `max` failures within `window`
/// lock for `lockout` after the last of them. `failures` is oldest first.
fn locked_until(failures: &[Millis], max: u32, window: Millis, lockout: Millis) -> Option<Millis> {
    let run = (max as usize).max(1);
    failures
        .windows(run)
        .filter(|w| w[run - 1].saturating_sub(w[0]) <= window)
        .map(|w| w[run - 1].saturating_add(lockout))
        .max()
}

/// The account of an address, treating a pending registration whose links
/// have all expired as gone (and deleting it).
fn account_by_email_key(tx: &mut dyn Tx, key: &str, now: Millis) -> Result<Option<AccountRow>> {
    let Some(account) = tx.account_by_email_key(key)? else {
        return Ok(None);
    };
    if account.active {
        return Ok(Some(account));
    }
    match tx.last_token_expiry(account.id, PURPOSE_CONFIRM)? {
        Some(expires) if now < expires => Ok(Some(account)),
        _ => {
            tx.delete_pending_account(account.id)?;
            Ok(None)
        }
    }
}

/// Counts a request for a `purpose` e-mail to `key`, refusing it with
/// [`Error::RateLimited`] when [`MAIL_LIMIT`] were asked for in the last
/// [`MAIL_PERIOD_MS`]. A refused request does not count.
fn limit_mail(tx: &mut dyn Tx, key: &str, purpose: &str, now: Millis) -> Result<()> {
    let since = now - MAIL_PERIOD_MS;
    let recent = tx.mail_requests_since(key, purpose, since)?;
    if recent.len() >= MAIL_LIMIT {
        let until = recent[recent.len() - MAIL_LIMIT] + MAIL_PERIOD_MS;
        return Err(Error::RateLimited {
            // `now` came from the clock, so `until` is a valid instant.
            until: DateTime::from_timestamp_millis(until)
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
                .to_rfc3339(),
        });
    }
    tx.record_mail_request(key, purpose, now, since)
}

/// The account a link token belongs to, checking purpose, expiry and use.
fn peek_link_token(tx: &mut dyn Tx, token: &str, purpose: &str, now: Millis) -> Result<i64> {
    let invalid = || Error::TokenInvalid {
        field: "token".into(),
    };
    if !well_formed(token) {
        return Err(invalid());
    }
    let row = tx.token(&token_hash(token))?.ok_or_else(invalid)?;
    if row.purpose != purpose {
        return Err(invalid());
    }
    if row.used_at.is_some() {
        return Err(Error::TokenUsed {
            field: "token".into(),
        });
    }
    if now >= row.expires_at {
        return Err(Error::TokenExpired {
            field: "token".into(),
        });
    }
    Ok(row.account_id)
}

/// Checks a link token and marks it used, atomically with the caller's transaction.
fn use_link_token(tx: &mut dyn Tx, token: &str, purpose: &str, now: Millis) -> Result<i64> {
    let account_id = peek_link_token(tx, token, purpose, now)?;
    if !tx.use_token(&token_hash(token), now)? {
        return Err(Error::TokenUsed {
            field: "token".into(),
        });
    }
    Ok(account_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_distinct() {
        let a = random_token().expect("randomness");
        let b = random_token().expect("randomness");
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).expect("base64").len(), 32);
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn generated_passwords_follow_the_rule() {
        let p = generate_password().expect("randomness");
        assert_eq!(p.len(), GENERATED_PASSWORD_CHARS);
        check_password_rule(&p).expect("a generated password is acceptable");
        assert!(p.bytes().all(|b| PASSWORD_ALPHABET.contains(&b)));
    }

    #[test]
    fn password_hashes_verify() {
        let h = hash_password("rahasia-123").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert_eq!(verify_password("rahasia-123", &h), Some(true));
        assert_eq!(verify_password("Rahasia-123", &h), Some(false));
        assert_eq!(
            verify_password("rahasia-123", "garbage"),
            None,
            "not a hash"
        );
    }
}
