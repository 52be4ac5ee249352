//! Accounts and sessions ("Oten Publik").

use std::time::SystemTime;

use lakse_core::application::Actor;

use crate::convert::{masked_display, record};

record! {
    /// A logged-in session. Printed with the token and e-mail address masked.
    #[uniffi::export(Display)]
    pub struct Session => lakse_core::account::Session {
        /// The bearer token (secret): pass it to every call made on the session's behalf.
        token: String,
        /// The account.
        account_id: i64,
        /// The account's e-mail address.
        email: String,
        /// Applicant, officer or admin.
        role: Actor,
        /// When the session ends.
        expires_at: SystemTime,
        /// True until the account chooses its own password (after a generated one).
        must_change_password: bool,
    }
}

record! {
    /// An account as seen by itself or an admin. Printed with the e-mail address masked.
    #[uniffi::export(Display)]
    pub struct Account => lakse_core::account::Account {
        /// Its id.
        id: i64,
        /// The e-mail address as registered.
        email: String,
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

masked_display!(
    Session => lakse_core::account::Session,
    Account => lakse_core::account::Account,
);
