//! Accounts and sessions ("Oten Publik"), and an account's e-mail address as
//! checked (`parse_email`).

use std::sync::Arc;
use std::time::SystemTime;

use lakse_core::application::Actor;

use crate::convert::record;
use crate::sensitive::{EmailAddress, Secret};

record! {
    /// A logged-in session (the token and e-mail address print masked).
    pub struct Session => lakse_core::account::Session {
        /// The bearer token (secret): pass it to every call made on the session's behalf.
        token: Arc<Secret>,
        /// The account.
        account_id: i64,
        /// The account's e-mail address.
        email: Arc<EmailAddress>,
        /// Applicant, officer or admin.
        role: Actor,
        /// When the session ends.
        expires_at: SystemTime,
        /// True until the account chooses its own password (after a generated one).
        must_change_password: bool,
    }
}

record! {
    /// An account as seen by itself or an admin (the address prints masked).
    pub struct Account => lakse_core::account::Account {
        /// Its id.
        id: i64,
        /// The e-mail address as registered.
        email: Arc<EmailAddress>,
        /// Applicant, officer or admin.
        role: Actor,
        /// False until the confirmation link is followed.
        active: bool,
        /// True until the account chooses its own password.
        must_change_password: bool,
        /// When it was created.
        created_at: SystemTime,
    }
}

record! {
    /// An e-mail address checked as an account's (both addresses print masked).
    pub struct EmailRecord => lakse_core::email::EmailRecord {
        /// The address as entered (NFKC-normalised, trimmed), for display to
        /// its owner and for sending.
        address: Arc<EmailAddress>,
        /// The form accounts are matched by: local part lowercased, domain in
        /// ASCII (IDNA).
        key: Arc<EmailAddress>,
        /// The detail view's form, e.g. `d***1@gmail.com`.
        masked: String,
    }
}
