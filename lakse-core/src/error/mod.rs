//! The one error type of lakse, with a stable machine code per variant.
//!
//! Bindings branch on [`Error::code`] or [`Error::number`] (and read
//! [`Error::field`]); they never parse [`std::fmt::Display`] output. Codes are
//! declared once, in the [`catalogue`]; they are never renamed or reused.
//!
//! Every error has two messages: [`Error::message_id`], in Indonesian, for the
//! applicant or officer, and its `Display`, in English, for developers. No
//! variant carries a raw NIK, No KK, token, password or e-mail address:
//! messages are safe to show and to log.
//!
//! This module sits below every domain noun: it imports none of them.

pub mod catalogue;

use std::borrow::Cow;

pub use catalogue::{ErrorCode, Family};

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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
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
        field: Cow<'static, str>,
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
        field: Cow<'static, str>,
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
        field: Cow<'static, str>,
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
        field: Cow<'static, str>,
        /// Why the date is refused.
        reason: &'static str,
    },
    /// The last four digits are 0000.
    #[error("{field}: {kind} serial number 0000 is never issued")]
    IdSerial {
        /// NIK or No KK.
        kind: IdKind,
        /// The input field.
        field: Cow<'static, str>,
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
    #[error("service {service:?} is not applied for here: {message}")]
    ServiceRedirected {
        /// The service id.
        service: String,
        /// The message shown (from the catalog).
        message: String,
        /// The app to use instead.
        app: String,
        /// Where to get the app.
        stores: Vec<String>,
        /// Where to activate it.
        locations: Vec<String>,
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
    /// A refusal that needs no detail beyond its code, the field and a reason:
    /// the catalogue's codes without a variant of their own
    /// (`password.too_short`, `field.age_limit`, `pickup.unknown_place`, …).
    #[error("{field}: {reason}")]
    Rule {
        /// Which rule refused.
        code: ErrorCode,
        /// The input field (or option).
        field: String,
        /// Why, in English.
        reason: String,
    },
    /// A transition the table does not allow from this status.
    #[error(
        "cannot {action} an application that is {status}; allowed: {}",
        fmt_actions(allowed)
    )]
    TransitionNotAllowed {
        /// The current status's code (`diajukan`, …).
        status: String,
        /// The refused action's code.
        action: String,
        /// The codes of what this actor may do from `status` (may be empty).
        allowed: Vec<String>,
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
    /// The applicant has an open application for this service already. It
    /// names no application: the caller sees their own in "Pengajuanku".
    #[error("an application for this service is open already")]
    ApplicationOpen,
    /// No such application, or not one the caller may see (the two are not told apart).
    #[error("application not found")]
    ApplicationNotFound,
    /// The database failed (corrupt, disk full, newer schema…).
    #[error("storage error: {message}")]
    Storage {
        /// What the database said.
        message: String,
    },
    /// The database stayed locked by other writers beyond the busy timeout.
    #[error("storage busy: {message}")]
    Busy {
        /// What the database said.
        message: String,
    },
    /// A failure inside lakse that is neither the caller's fault nor storage.
    #[error("internal error: {message}")]
    Internal {
        /// What failed.
        message: String,
    },
    /// Too many registration or reset e-mails for one address: try again after `until`.
    #[error("too many e-mails to this address; try again after {until}")]
    RateLimited {
        /// When a new e-mail may be asked for (RFC 3339, UTC).
        until: String,
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
        /// Who tried (the actor's code).
        actor: String,
        /// What they tried (the action's code).
        action: String,
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

fn fmt_actions(actions: &[String]) -> String {
    if actions.is_empty() {
        return "nothing (final status)".to_owned();
    }
    actions.join(", ")
}

/// Runs `body`, turning a panic into [`Error::Internal`]. Every binding's
/// entry points run through this (and [`api::call`](crate::api::call) does
/// itself), so no panic crosses into another language. The panic's own
/// message is not kept: it may quote the input it failed on.
///
/// ```
/// use lakse_core::error::guard;
///
/// assert_eq!(guard(|| Ok(2)).ok(), Some(2));
/// let e = guard::<()>(|| panic!("2171055209900001")).unwrap_err();
/// assert_eq!(e.code(), "internal");
/// assert!(!e.to_string().contains("2171055209900001"));
/// ```
pub fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .unwrap_or_else(|_| Err(Error::internal("lakse panicked")))
}

impl Error {
    /// Every machine code lakse can return, in number order.
    pub const CODES: &'static [&'static str] = ErrorCode::STRINGS;

    /// The error's entry in the [`catalogue`].
    pub fn kind(&self) -> ErrorCode {
        use ErrorCode as C;
        use IdKind::{Kk, Nik};
        match self {
            Error::IdLength { kind: Nik, .. } => C::NikInvalidLength,
            Error::IdCharacter { kind: Nik, .. } => C::NikInvalidCharacter,
            Error::UnknownRegion { kind: Nik, .. } => C::NikUnknownRegion,
            Error::IdDate { kind: Nik, .. } => C::NikInvalidDate,
            Error::IdSerial { kind: Nik, .. } => C::NikInvalidSerial,
            Error::IdLength { kind: Kk, .. } => C::KkInvalidLength,
            Error::IdCharacter { kind: Kk, .. } => C::KkInvalidCharacter,
            Error::UnknownRegion { kind: Kk, .. } => C::KkUnknownRegion,
            Error::IdDate { kind: Kk, .. } => C::KkInvalidDate,
            Error::IdSerial { kind: Kk, .. } => C::KkInvalidSerial,
            Error::Phone { .. } => C::PhoneInvalid,
            Error::Email { .. } => C::EmailInvalid,
            Error::CatalogSyntax { .. } => C::CatalogSyntax,
            Error::CatalogInvalid { .. } => C::CatalogInvalid,
            Error::CatalogFileType { .. } => C::CatalogUnknownFileType,
            Error::UnknownService { .. } => C::CatalogUnknownService,
            Error::UnknownSubtype { .. } => C::CatalogUnknownSubtype,
            Error::ServiceDisabled { .. } => C::CatalogServiceDisabled,
            Error::ServiceRedirected { .. } => C::CatalogRedirected,
            Error::Required { .. } => C::InputRequired,
            Error::TooLong { .. } => C::InputTooLong,
            Error::Rule { code, .. } => *code,
            Error::TransitionNotAllowed { .. } => C::WorkflowNotAllowed,
            Error::ActorNotPermitted { .. } => C::WorkflowActorNotPermitted,
            Error::InvalidCredentials => C::AuthInvalidCredentials,
            Error::LoginLocked { .. } => C::AuthLocked,
            Error::TokenInvalid { .. } => C::AuthTokenInvalid,
            Error::TokenExpired { .. } => C::AuthTokenExpired,
            Error::TokenUsed { .. } => C::AuthTokenUsed,
            Error::SessionInvalid => C::AuthSessionInvalid,
            Error::PasswordChangeRequired => C::AuthPasswordChangeRequired,
            Error::Forbidden { .. } => C::AuthForbidden,
            Error::RateLimited { .. } => C::AuthRateLimited,
            Error::AccountExists { .. } => C::AccountExists,
            Error::ProfileIncomplete { .. } => C::ProfileIncomplete,
            Error::DocumentWrongType { .. } => C::DocumentWrongType,
            Error::DocumentTooLarge { .. } => C::DocumentTooLarge,
            Error::DocumentEmpty { .. } => C::DocumentEmpty,
            Error::DocumentMissing { .. } => C::DocumentMissing,
            Error::DocumentUnknownSlot { .. } => C::DocumentUnknownSlot,
            Error::DocumentName { .. } => C::DocumentInvalidName,
            Error::ApplicationTooLarge { .. } => C::ApplicationTooLarge,
            Error::ApplicationOpen => C::ApplicationAlreadyOpen,
            Error::ApplicationNotFound => C::ApplicationNotFound,
            Error::Storage { .. } => C::StoreDatabase,
            Error::Busy { .. } => C::StoreBusy,
            Error::Io { .. } => C::StoreIo,
            Error::Corrupt { .. } => C::StoreCorrupt,
            Error::Internal { .. } => C::Internal,
            Error::Closed => C::HandleClosed,
            Error::MailTemplate { .. } => C::MailTemplate,
            Error::MailConfig { .. } => C::MailConfig,
            Error::OutboxNotFound => C::OutboxNotFound,
            Error::CouponUnprintable { .. } => C::CouponUnprintable,
            Error::CouponInvalidSignature => C::CouponInvalidSignature,
            Error::CouponMalformed { .. } => C::CouponMalformed,
            Error::CouponNotAvailable { .. } => C::CouponNotAvailable,
        }
    }

    /// The stable machine code, e.g. `nik.invalid_date`.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The stable number, e.g. 1004 (see [`Family`]).
    pub fn number(&self) -> u16 {
        self.kind().number()
    }

    /// The family (input, auth, not found, …).
    pub fn family(&self) -> Family {
        self.kind().family()
    }

    /// Whether the same call can succeed later without changing its input.
    pub fn retryable(&self) -> bool {
        self.kind().retryable()
    }

    /// The message for the applicant or officer, in Indonesian.
    pub fn message_id(&self) -> &'static str {
        self.kind().message_id()
    }

    /// The input field the error concerns, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::IdLength { field, .. }
            | Error::IdCharacter { field, .. }
            | Error::UnknownRegion { field, .. }
            | Error::IdDate { field, .. }
            | Error::IdSerial { field, .. } => Some(field),
            Error::Phone { field, .. }
            | Error::Email { field }
            | Error::CatalogInvalid { field, .. }
            | Error::CatalogFileType { field, .. }
            | Error::UnknownService { field, .. }
            | Error::UnknownSubtype { field, .. }
            | Error::Required { field }
            | Error::TooLong { field, .. }
            | Error::Rule { field, .. }
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
            _ => self.kind().field(),
        }
    }

    /// A refusal by `code` of `field`, for codes without a variant of their own.
    pub fn rule(code: ErrorCode, field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Rule {
            code,
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

    /// Shorthand for [`Error::Internal`].
    pub fn internal(message: impl std::fmt::Display) -> Self {
        Error::Internal {
            message: message.to_string(),
        }
    }

    /// Shorthand for [`Error::Corrupt`].
    pub fn corrupt(table: &str, row: impl std::fmt::Display, column: &str) -> Self {
        Error::Corrupt {
            table: table.to_owned(),
            row: row.to_string(),
            column: column.to_owned(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let message = e.to_string();
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy { message }
            }
            _ => Error::Storage { message },
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

/// An error as a plain record: what bindings turn into their exceptions and
/// what the batch functions return per failed item.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct ErrorInfo {
    /// The stable code, e.g. `nik.invalid_date`.
    pub code: String,
    /// The stable number, e.g. 1004.
    pub number: u16,
    /// The family.
    pub family: Family,
    /// Whether the same call can succeed later.
    pub retryable: bool,
    /// The field concerned, if any.
    pub field: Option<String>,
    /// The developer's message, in English.
    pub message: String,
    /// The applicant's or officer's message, in Indonesian.
    pub message_id: String,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo {
            code: e.code().to_owned(),
            number: e.number(),
            family: e.family(),
            retryable: e.retryable(),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
            message_id: e.message_id().to_owned(),
        }
    }
}

/// `Result` with lakse's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_databases_are_retryable_and_other_failures_are_not() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert_eq!(Error::from(busy).code(), "store.busy");
        assert!(Error::from(rusqlite::Error::InvalidQuery).code() == "store.database");
        assert!(!Error::internal("x").retryable());
    }
}
