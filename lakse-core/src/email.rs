//! E-mail addresses: validated, trimmed, normalised, matched case-insensitively.
//!
//! The manual warns applicants to mind upper and lower case in their address;
//! lakse does not make that their problem: [`Email::key`] is the form every
//! lookup uses, while [`Email::as_str`] keeps the address as entered (NFKC,
//! trimmed) for display and for sending.
//!
//! The key folds case and normalises look-alikes, so that one mailbox can hold
//! one account: the address is NFKC-normalised (fullwidth `ｗａｒｇａ＠ｅｘａｍｐｌｅ．ｃｏｍ`
//! is `warga@example.com`), the local part lowercased, and the domain mapped by
//! IDNA (UTS #46) to its ASCII form (`BÜCHER.example` is `xn--bcher-kva.example`).
//!
//! ```
//! use lakse_core::email;
//! let a = email::parse("  DifaAnandaPutri1@Gmail.com ")?;
//! assert_eq!(a.as_str(), "DifaAnandaPutri1@Gmail.com");
//! assert_eq!(a.key(), "difaanandaputri1@gmail.com");
//! assert_eq!(a, email::parse("difaanandaputri1@gmail.com")?);
//! assert_eq!(a.masked(), "D***1@Gmail.com");
//! assert_eq!(format!("{a:?}"), "Email(\"D***1@Gmail.com\")");
//! # Ok::<(), lakse_core::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::sensitive::EmailAddress;
use unicode_normalization::UnicodeNormalization;
use validator::ValidateEmail;

/// A valid e-mail address. Equality and hashing use the case-insensitive key.
#[derive(Clone)]
pub struct Email {
    address: String,
    key: String,
}

/// Parse the address in field `email`.
pub fn parse(input: &str) -> Result<Email> {
    parse_as("email", input)
}

/// Parse an address, naming `field` in the error. The error never repeats the input.
pub fn parse_as(field: &str, input: &str) -> Result<Email> {
    let normalised: String = input.nfkc().collect();
    let address = normalised.trim();
    if address.is_empty() {
        return Err(Error::required(field));
    }
    let invalid = || Error::Email {
        field: field.to_owned(),
    };
    let (local, domain) = address.rsplit_once('@').ok_or_else(invalid)?;
    // UTS #46 mapping folds case and compatibility forms; the ASCII form is
    // what is validated and matched.
    let domain = idna::domain_to_ascii(domain).map_err(|_| invalid())?;
    let key = format!("{}@{domain}", local.to_lowercase());
    if !key.as_str().validate_email() {
        return Err(invalid());
    }
    Ok(Email {
        address: address.to_owned(),
        key,
    })
}

/// An e-mail address checked as an account's: what `api::parse_email`
/// returns. Both addresses print masked.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct EmailRecord {
    /// The address as entered (NFKC-normalised, trimmed), for display to its
    /// owner and for sending.
    pub address: EmailAddress,
    /// The form accounts are matched by: local part lowercased, domain in
    /// ASCII (IDNA).
    pub key: EmailAddress,
    /// The detail view's form, e.g. `d***1@gmail.com`.
    pub masked: String,
}

impl From<&Email> for EmailRecord {
    fn from(email: &Email) -> Self {
        EmailRecord {
            address: EmailAddress::new(email.as_str()),
            key: EmailAddress::new(email.key()),
            masked: email.masked(),
        }
    }
}

impl Email {
    /// The address as entered (trimmed), for display to its owner and for sending.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The lowercase form used for matching and as a storage key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The address for the detail view, e.g. `d***1@gmail.com`: first and last
    /// character of the local part, the domain in full.
    pub fn masked(&self) -> String {
        mask(&self.address)
    }
}

/// Masks an address: first and last character of the local part, the domain in full.
pub(crate) fn mask(address: &str) -> String {
    // A valid address always has an '@'; fall back to hiding everything.
    let Some((local, domain)) = address.rsplit_once('@') else {
        return "***".to_owned();
    };
    let chars: Vec<char> = local.chars().collect();
    let shown = match chars.as_slice() {
        [] | [_] => "***".to_owned(),
        [first, _] => format!("{first}***"),
        [first, .., last] => format!("{first}***{last}"),
    };
    format!("{shown}@{domain}")
}

impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Email {}

impl std::hash::Hash for Email {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Email").field(&self.masked()).finish()
    }
}
