//! The one error type of lakse, with a stable machine code per variant.
//!
//! Bindings branch on [`Error::code`] (and read [`Error::field`]); they never
//! parse [`std::fmt::Display`] output. Codes are part of the public contract:
//! they are never renamed or reused. [`Error::CODES`] lists every one of them so
//! each binding can test that it maps them all.
//!
//! No variant carries a raw NIK, No KK, token or e-mail address: messages are
//! safe to log.

use crate::application::{Action, Actor, Status};
use crate::catalog::Redirect;

/// Which identity number an identity error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// Nomor Induk Kependudukan, the personal number.
    Nik,
    /// Nomor Kartu Keluarga, the family card number.
    Kk,
}

impl IdKind {
    /// The label applicants know the number by.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Nik => "NIK",
            IdKind::Kk => "No KK",
        }
    }
}

impl std::fmt::Display for IdKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Which part of a region code an [`Error::UnknownRegion`] is about; also
/// the levels a catalog's region field accepts (`"regency"`, `"district"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    /// Two digits: provinsi.
    Province,
    /// Four digits: kabupaten/kota.
    Regency,
    /// Six digits: kecamatan.
    District,
}

impl std::fmt::Display for RegionLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RegionLevel::Province => "province",
            RegionLevel::Regency => "regency",
            RegionLevel::District => "district",
        })
    }
}

/// Everything that can go wrong in lakse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A NIK or No KK without exactly 16 digits.
    #[error("{field}: {kind} must have 16 digits, found {digits}")]
    IdLength {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: String,
        /// How many digits the input had.
        digits: usize,
    },
    /// A NIK or No KK with something other than ASCII digits and the
    /// separators (spaces, dots, hyphens) inside it.
    #[error(
        "{field}: {kind} may hold only the digits 0-9 (spaces, dots and hyphens as separators); found {found:?} at position {position}"
    )]
    IdCharacter {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: String,
        /// The offending character.
        found: char,
        /// Its position (in characters, from 1).
        position: usize,
    },
    /// A region code that is neither current nor retired (strict mode only).
    #[error("{field}: {kind} has {level} code {code}, which is not an Indonesian region code")]
    UnknownRegion {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: String,
        /// Which level of the code is unknown.
        level: RegionLevel,
        /// The unknown code (2, 4 or 6 digits; not personal on its own).
        code: String,
    },
    /// The DDMMYY part is not a real calendar date (after removing +40 for women).
    #[error("{field}: {kind} holds no valid date ({reason})")]
    IdDate {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: String,
        /// Why the date is refused.
        reason: String,
    },
    /// The last four digits are 0000.
    #[error("{field}: {kind} serial number 0000 is never issued")]
    IdSerial {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: String,
    },
    /// A phone number that cannot be normalised to +62 form.
    #[error("{field}: not an Indonesian phone number ({reason})")]
    Phone {
        /// The input field.
        field: String,
        /// Why it is refused.
        reason: String,
    },
    /// An e-mail address that is not valid.
    #[error("{field}: not a valid e-mail address")]
    Email {
        /// The input field.
        field: String,
    },
    /// A catalog file that is not valid TOML/JSON.
    #[error("catalog{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    CatalogSyntax {
        /// The line of the error, when the format has one.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
    /// A catalog file that parses but breaks a rule (missing field, duplicate id…).
    #[error("catalog{}: {field}: {reason}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    CatalogInvalid {
        /// Path of the offending field, e.g. `services[2].documents[0].max_mb`.
        field: String,
        /// The line of the error, when known.
        line: Option<usize>,
        /// Why it is refused.
        reason: String,
    },
    /// A catalog slot naming a file type lakse does not know.
    #[error("catalog{}: {field}: unknown file type {value:?} (known: jpg, png, pdf)", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    CatalogFileType {
        /// Path of the offending field.
        field: String,
        /// The line of the error, when known.
        line: Option<usize>,
        /// The unknown type.
        value: String,
    },
    /// A service id the catalog does not have.
    #[error("{field}: no service {service:?} in the catalog")]
    UnknownService {
        /// The input field.
        field: String,
        /// The requested id.
        service: String,
    },
    /// A sub-type the service does not have, or a missing one where the service has sub-types.
    #[error("{field}: service {service:?} has no sub-type {subtype:?}")]
    UnknownSubtype {
        /// The input field.
        field: String,
        /// The service id.
        service: String,
        /// The requested sub-type id (empty when none was given).
        subtype: String,
    },
    /// A service the office has switched off.
    #[error("service {service:?} is not offered by this office")]
    ServiceDisabled {
        /// The service id.
        service: String,
    },
    /// A service that is not applied for here (Akte Kelahiran → the IKD app).
    #[error("service {service:?} is not applied for here: {}", redirect.message)]
    ServiceRedirected {
        /// The service id.
        service: String,
        /// Where to go instead.
        redirect: Box<Redirect>,
    },
    /// A required input left empty.
    #[error("{field}: required")]
    Required {
        /// The input field.
        field: String,
    },
    /// A text longer than its limit.
    #[error("{field}: at most {max} characters, found {found}")]
    TooLong {
        /// The input field.
        field: String,
        /// The limit.
        max: usize,
        /// The input's length.
        found: usize,
    },
    /// Any other invalid input, with the reason.
    #[error("{field}: {reason}")]
    Invalid {
        /// The input field.
        field: String,
        /// Why it is refused.
        reason: String,
    },
    /// A transition the table does not allow from this status.
    #[error(
        "cannot {action} an application that is {status}; allowed: {}",
        fmt_actions(allowed)
    )]
    TransitionNotAllowed {
        /// The current status.
        status: Status,
        /// The refused action.
        action: Action,
        /// What this actor may do from `status` (may be empty).
        allowed: Vec<Action>,
    },
    /// Wrong e-mail or password (deliberately not saying which).
    #[error("e-mail or password is wrong")]
    InvalidCredentials,
    /// Too many failed logins: further tries wait until `until`.
    #[error("too many failed logins; try again after {until}")]
    LoginLocked {
        /// When login may be tried again (RFC 3339, UTC).
        until: String,
    },
    /// A link token that is unknown, malformed, for another purpose or another account.
    #[error("{field}: the link is not valid")]
    TokenInvalid {
        /// The input field.
        field: String,
    },
    /// A link token past its lifetime.
    #[error("{field}: the link has expired")]
    TokenExpired {
        /// The input field.
        field: String,
    },
    /// A single-use link token used before.
    #[error("{field}: the link was already used")]
    TokenUsed {
        /// The input field.
        field: String,
    },
    /// A session token that is unknown, expired or revoked: log in again.
    #[error("session is not valid; log in again")]
    SessionInvalid,
    /// The account must choose its own password before doing anything else.
    #[error("choose a new password first")]
    PasswordChangeRequired,
    /// The account's role may not do this.
    #[error("not permitted: {what}")]
    Forbidden {
        /// What was refused.
        what: String,
    },
    /// An account with this e-mail address exists already.
    #[error("{field}: an account with this e-mail address exists already")]
    AccountExists {
        /// The input field.
        field: String,
    },
    /// The profile lacks what the first application needs ("isi Data Profil terlebih dahulu").
    #[error("complete the profile first; missing: {}", missing.join(", "))]
    ProfileIncomplete {
        /// The missing profile fields.
        missing: Vec<String>,
    },
    /// A file whose content is not one of the slot's types.
    #[error("{field}: file type {found} is not accepted (accepted: {})", expected.join(", "))]
    DocumentWrongType {
        /// The document slot (or `photo`).
        field: String,
        /// Accepted types.
        expected: Vec<String>,
        /// What the content is (e.g. `exe`, `unknown`).
        found: String,
    },
    /// A file over the slot's size limit.
    #[error("{field}: file is {size} bytes, at most {max} allowed")]
    DocumentTooLarge {
        /// The document slot (or `photo`).
        field: String,
        /// The limit in bytes.
        max: u64,
        /// The file's size.
        size: u64,
    },
    /// An empty file.
    #[error("{field}: file is empty")]
    DocumentEmpty {
        /// The document slot.
        field: String,
    },
    /// A required document slot left empty.
    #[error("{field}: this document is required")]
    DocumentMissing {
        /// The document slot.
        field: String,
    },
    /// A document for a slot the service (or sub-type) does not have.
    #[error("{field}: this service has no such document")]
    DocumentUnknownSlot {
        /// The slot named.
        field: String,
    },
    /// A file name that is not a plain name (path separators, `..`, control characters).
    #[error("{field}: file name must be a plain name ({reason})")]
    DocumentName {
        /// The document slot.
        field: String,
        /// Why.
        reason: String,
    },
    /// All documents together over the application's limit.
    #[error("documents total {size} bytes, at most {max} allowed per application")]
    ApplicationTooLarge {
        /// The limit in bytes.
        max: u64,
        /// The total.
        size: u64,
    },
    /// This NIK already has an open application for this service.
    #[error("an application for this service is already open for this NIK ({number})")]
    ApplicationOpen {
        /// The open application's number.
        number: String,
    },
    /// No such application, or not one the caller may see (the two are not told apart).
    #[error("application not found")]
    ApplicationNotFound,
    /// The database failed (busy beyond the timeout, corrupt, disk full…).
    #[error("storage error: {message}")]
    Storage {
        /// What the database said.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("file error: {message}")]
    Io {
        /// What the operating system said (no personal data).
        message: String,
    },
    /// The handle was closed.
    #[error("the handle is closed")]
    Closed,
    /// An e-mail template that does not parse, uses a variable its message
    /// does not have, or fails to render.
    #[error("mail template {template}: {reason}")]
    MailTemplate {
        /// The template's name, e.g. `rejected.html`.
        template: String,
        /// Why it is refused.
        reason: String,
    },
    /// A mail setting that cannot work (sender address, SMTP host…).
    #[error("mail configuration {field}: {reason}")]
    MailConfig {
        /// The setting, e.g. `mail.from_address`.
        field: String,
        /// Why it is refused.
        reason: String,
    },
    /// No outbox message with this id (or one that was sent already).
    #[error("no such outbox message waiting")]
    OutboxNotFound,
    /// An actor doing what only another kind of actor may do.
    #[error("{actor} may not {action} applications")]
    ActorNotPermitted {
        /// Who tried.
        actor: Actor,
        /// What they tried.
        action: Action,
    },
    /// A character the pickup coupon's font cannot print (CJK, emoji, a
    /// control character…): refused when entered, never printed as a box.
    #[error("{field}: the character {character:?} (U+{:04X}) cannot be printed on the pickup coupon", u32::from(*character))]
    CouponUnprintable {
        /// The input field.
        field: String,
        /// The character.
        character: char,
    },
    /// A coupon verification code that was not signed by this key or was altered.
    #[error("the coupon's verification code does not match the office's key")]
    CouponInvalidSignature,
    /// A coupon verification code (or public key) that is not one at all.
    #[error("{field}: not a coupon verification code ({reason})")]
    CouponMalformed {
        /// `code` or `public_key`.
        field: String,
        /// Why.
        reason: String,
    },
    /// No pickup coupon (yet): the application is not completed, or its
    /// service has none.
    #[error("no pickup coupon: {reason}")]
    CouponNotAvailable {
        /// Why.
        reason: String,
    },
    /// A stored value this version cannot read back (a timestamp out of
    /// range, an unknown status, role or sex, JSON that does not parse…):
    /// refused rather than replaced by a default. Names where it is, never
    /// what it holds.
    #[error("stored data is damaged: {table} row {row}, column {column}")]
    Corrupt {
        /// The table, e.g. `applications`.
        table: String,
        /// The row's id (its key, never personal data).
        row: String,
        /// The column holding the unreadable value.
        column: String,
    },
}

fn fmt_actions(actions: &[Action]) -> String {
    if actions.is_empty() {
        return "nothing (final status)".to_owned();
    }
    actions
        .iter()
        .map(|a| a.code())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// Every machine code lakse can return, in a stable order.
    pub const CODES: &'static [&'static str] = &[
        "nik.invalid_length",
        "nik.invalid_character",
        "nik.unknown_region",
        "nik.invalid_date",
        "nik.invalid_serial",
        "kk.invalid_length",
        "kk.invalid_character",
        "kk.unknown_region",
        "kk.invalid_date",
        "kk.invalid_serial",
        "phone.invalid",
        "email.invalid",
        "catalog.syntax",
        "catalog.invalid",
        "catalog.unknown_file_type",
        "catalog.unknown_service",
        "catalog.unknown_subtype",
        "catalog.service_disabled",
        "catalog.redirected",
        "input.required",
        "input.too_long",
        "input.invalid",
        "workflow.not_allowed",
        "workflow.actor_not_permitted",
        "auth.invalid_credentials",
        "auth.locked",
        "auth.token_invalid",
        "auth.token_expired",
        "auth.token_used",
        "auth.session_invalid",
        "auth.password_change_required",
        "auth.forbidden",
        "account.exists",
        "profile.incomplete",
        "document.wrong_type",
        "document.too_large",
        "document.empty",
        "document.missing",
        "document.unknown_slot",
        "document.invalid_name",
        "application.too_large",
        "application.already_open",
        "application.not_found",
        "store.database",
        "store.io",
        "handle.closed",
        "mail.template",
        "mail.config",
        "outbox.not_found",
        "coupon.unprintable_character",
        "coupon.invalid_signature",
        "coupon.malformed",
        "coupon.not_available",
        "store.corrupt",
    ];

    /// The stable machine code, e.g. `nik.invalid_date`.
    pub fn code(&self) -> &'static str {
        use IdKind::{Kk, Nik};
        match self {
            Error::IdLength { kind: Nik, .. } => "nik.invalid_length",
            Error::IdCharacter { kind: Nik, .. } => "nik.invalid_character",
            Error::UnknownRegion { kind: Nik, .. } => "nik.unknown_region",
            Error::IdDate { kind: Nik, .. } => "nik.invalid_date",
            Error::IdSerial { kind: Nik, .. } => "nik.invalid_serial",
            Error::IdLength { kind: Kk, .. } => "kk.invalid_length",
            Error::IdCharacter { kind: Kk, .. } => "kk.invalid_character",
            Error::UnknownRegion { kind: Kk, .. } => "kk.unknown_region",
            Error::IdDate { kind: Kk, .. } => "kk.invalid_date",
            Error::IdSerial { kind: Kk, .. } => "kk.invalid_serial",
            Error::Phone { .. } => "phone.invalid",
            Error::Email { .. } => "email.invalid",
            Error::CatalogSyntax { .. } => "catalog.syntax",
            Error::CatalogInvalid { .. } => "catalog.invalid",
            Error::CatalogFileType { .. } => "catalog.unknown_file_type",
            Error::UnknownService { .. } => "catalog.unknown_service",
            Error::UnknownSubtype { .. } => "catalog.unknown_subtype",
            Error::ServiceDisabled { .. } => "catalog.service_disabled",
            Error::ServiceRedirected { .. } => "catalog.redirected",
            Error::Required { .. } => "input.required",
            Error::TooLong { .. } => "input.too_long",
            Error::Invalid { .. } => "input.invalid",
            Error::TransitionNotAllowed { .. } => "workflow.not_allowed",
            Error::ActorNotPermitted { .. } => "workflow.actor_not_permitted",
            Error::InvalidCredentials => "auth.invalid_credentials",
            Error::LoginLocked { .. } => "auth.locked",
            Error::TokenInvalid { .. } => "auth.token_invalid",
            Error::TokenExpired { .. } => "auth.token_expired",
            Error::TokenUsed { .. } => "auth.token_used",
            Error::SessionInvalid => "auth.session_invalid",
            Error::PasswordChangeRequired => "auth.password_change_required",
            Error::Forbidden { .. } => "auth.forbidden",
            Error::AccountExists { .. } => "account.exists",
            Error::ProfileIncomplete { .. } => "profile.incomplete",
            Error::DocumentWrongType { .. } => "document.wrong_type",
            Error::DocumentTooLarge { .. } => "document.too_large",
            Error::DocumentEmpty { .. } => "document.empty",
            Error::DocumentMissing { .. } => "document.missing",
            Error::DocumentUnknownSlot { .. } => "document.unknown_slot",
            Error::DocumentName { .. } => "document.invalid_name",
            Error::ApplicationTooLarge { .. } => "application.too_large",
            Error::ApplicationOpen { .. } => "application.already_open",
            Error::ApplicationNotFound => "application.not_found",
            Error::Storage { .. } => "store.database",
            Error::Io { .. } => "store.io",
            Error::Closed => "handle.closed",
            Error::MailTemplate { .. } => "mail.template",
            Error::MailConfig { .. } => "mail.config",
            Error::OutboxNotFound => "outbox.not_found",
            Error::CouponUnprintable { .. } => "coupon.unprintable_character",
            Error::CouponInvalidSignature => "coupon.invalid_signature",
            Error::CouponMalformed { .. } => "coupon.malformed",
            Error::CouponNotAvailable { .. } => "coupon.not_available",
            Error::Corrupt { .. } => "store.corrupt",
        }
    }

    /// The input field the error concerns, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::IdLength { field, .. }
            | Error::IdCharacter { field, .. }
            | Error::UnknownRegion { field, .. }
            | Error::IdDate { field, .. }
            | Error::IdSerial { field, .. }
            | Error::Phone { field, .. }
            | Error::Email { field }
            | Error::CatalogInvalid { field, .. }
            | Error::CatalogFileType { field, .. }
            | Error::UnknownService { field, .. }
            | Error::UnknownSubtype { field, .. }
            | Error::Required { field }
            | Error::TooLong { field, .. }
            | Error::Invalid { field, .. }
            | Error::TokenInvalid { field }
            | Error::TokenExpired { field }
            | Error::TokenUsed { field }
            | Error::AccountExists { field }
            | Error::DocumentWrongType { field, .. }
            | Error::DocumentTooLarge { field, .. }
            | Error::DocumentEmpty { field }
            | Error::DocumentMissing { field }
            | Error::DocumentUnknownSlot { field }
            | Error::DocumentName { field, .. }
            | Error::MailConfig { field, .. }
            | Error::CouponUnprintable { field, .. }
            | Error::CouponMalformed { field, .. } => Some(field),
            Error::MailTemplate { template, .. } => Some(template),
            Error::CatalogSyntax { .. }
            | Error::ServiceDisabled { .. }
            | Error::ServiceRedirected { .. }
            | Error::TransitionNotAllowed { .. }
            | Error::ActorNotPermitted { .. }
            | Error::InvalidCredentials
            | Error::LoginLocked { .. }
            | Error::SessionInvalid
            | Error::PasswordChangeRequired
            | Error::Forbidden { .. }
            | Error::ProfileIncomplete { .. }
            | Error::ApplicationTooLarge { .. }
            | Error::ApplicationOpen { .. }
            | Error::ApplicationNotFound
            | Error::Storage { .. }
            | Error::Io { .. }
            | Error::Closed
            | Error::OutboxNotFound
            | Error::CouponInvalidSignature
            | Error::CouponNotAvailable { .. }
            | Error::Corrupt { .. } => None,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Required`].
    pub fn required(field: impl Into<String>) -> Self {
        Error::Required {
            field: field.into(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage {
            message: e.to_string(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            message: e.to_string(),
        }
    }
}

/// `Result` with lakse's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = std::collections::HashSet::new();
        for code in Error::CODES {
            assert!(seen.insert(code), "duplicate code {code}");
            let (group, name) = code.split_once('.').expect("group.name");
            assert!(!group.is_empty() && !name.is_empty());
        }
    }
}
