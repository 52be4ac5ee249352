//! Accounts and sessions ("Oten Publik").

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
