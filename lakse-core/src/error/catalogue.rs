//! The error catalogue: the one place an error code is declared.
//!
//! Each row gives the code's stable string, its number, its family, whether
//! retrying the same call can succeed, the field it usually concerns, an
//! English description for developers and the Indonesian message shown to
//! applicants and officers (kept in [`crate::texts::errors`]). Everything
//! else — [`crate::Error::code`], [`crate::Error::number`], `Error::CODES`,
//! `docs/errors.md`, `tests/vectors/errors.json` and every binding's error
//! classes — is derived from this table.
//!
//! Numbers are grouped by [`Family`]: 1xxx invalid input, 2xxx authentication
//! and sessions, 3xxx not found, 4xxx not allowed or conflict, 5xxx documents
//! and coupons, 6xxx e-mail and delivery, 9xxx storage and internal. A number
//! and a code are never renamed or reused.

use crate::texts::errors as id;

/// What kind of failure a code is: bindings map each family to one exception
/// class (Python) or error group (C, Kotlin, Swift, Node).
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
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 1xxx: the caller's input (or configuration) is invalid; fix it and call again.
    Input,
    /// 2xxx: authentication and sessions.
    Auth,
    /// 3xxx: no such thing (or not one the caller may see).
    NotFound,
    /// 4xxx: not allowed now or by this caller, or in conflict with what exists.
    NotAllowed,
    /// 5xxx: uploaded documents and pickup coupons.
    Document,
    /// 6xxx: e-mail templates and mail settings.
    Delivery,
    /// 9xxx: storage and internal failures, not the caller's fault.
    Internal,
}

impl Family {
    /// Every family, in number order.
    pub const ALL: [Family; 7] = [
        Family::Input,
        Family::Auth,
        Family::NotFound,
        Family::NotAllowed,
        Family::Document,
        Family::Delivery,
        Family::Internal,
    ];

    /// The machine name (`input`, `not_found`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Input => "input",
            Family::Auth => "auth",
            Family::NotFound => "not_found",
            Family::NotAllowed => "not_allowed",
            Family::Document => "document",
            Family::Delivery => "delivery",
            Family::Internal => "internal",
        }
    }

    /// The first number of the family's range (1000, 2000, … 9000).
    pub fn base(self) -> u16 {
        match self {
            Family::Input => 1000,
            Family::Auth => 2000,
            Family::NotFound => 3000,
            Family::NotAllowed => 4000,
            Family::Document => 5000,
            Family::Delivery => 6000,
            Family::Internal => 9000,
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! catalogue {
    ($(
        $variant:ident = $number:literal, $code:literal, $family:ident, retry: $retry:literal,
        field: $field:expr, $en:literal, $id:expr;
    )*) => {
        /// Every error code lakse can return; the discriminant is its number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = $en]
                $variant = $number,
            )*
        }

        impl ErrorCode {
            /// Every code, in number order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// Every code's string, in number order.
            pub const STRINGS: &'static [&'static str] = &[$($code),*];

            /// The stable machine code, e.g. `nik.invalid_date`.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// The stable number (see [`Family::base`]).
            pub fn number(self) -> u16 {
                self as u16
            }

            /// The family.
            pub fn family(self) -> Family {
                match self { $(ErrorCode::$variant => Family::$family,)* }
            }

            /// Whether the same call can succeed later without changing its input
            /// (a lockout or rate limit ending, a busy database, a mail server back).
            pub fn retryable(self) -> bool {
                match self { $(ErrorCode::$variant => $retry,)* }
            }

            /// The field the code concerns when it is always the same one; errors
            /// about a field named at run time say which in [`crate::Error::field`].
            pub fn field(self) -> Option<&'static str> {
                match self { $(ErrorCode::$variant => $field,)* }
            }

            /// What the code means, in English, for developers.
            pub fn description(self) -> &'static str {
                match self { $(ErrorCode::$variant => $en,)* }
            }

            /// The message for applicants and officers, in Indonesian.
            pub fn message_id(self) -> &'static str {
                match self { $(ErrorCode::$variant => $id,)* }
            }

            /// The code with this string.
            pub fn from_code(code: &str) -> Option<ErrorCode> {
                match code { $($code => Some(ErrorCode::$variant),)* _ => None }
            }

            /// The code with this number.
            pub fn from_number(number: u16) -> Option<ErrorCode> {
                match number { $($number => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

catalogue! {
    NikInvalidLength = 1001, "nik.invalid_length", Input, retry: false, field: Some("nik"),
        "A NIK without exactly 16 digits.", id::NIK_INVALID_LENGTH;
    NikInvalidCharacter = 1002, "nik.invalid_character", Input, retry: false, field: Some("nik"),
        "A NIK holding something other than digits and separators (space, dot, hyphen).", id::NIK_INVALID_CHARACTER;
    NikUnknownRegion = 1003, "nik.unknown_region", Input, retry: false, field: Some("nik"),
        "A NIK whose region code is neither a current nor a retired Indonesian region (strict mode).", id::NIK_UNKNOWN_REGION;
    NikInvalidDate = 1004, "nik.invalid_date", Input, retry: false, field: Some("nik"),
        "A NIK whose DDMMYY part is not a real date (after removing +40 for women) or lies after today.", id::NIK_INVALID_DATE;
    NikInvalidSerial = 1005, "nik.invalid_serial", Input, retry: false, field: Some("nik"),
        "A NIK with serial number 0000, which is never issued.", id::NIK_INVALID_SERIAL;
    KkInvalidLength = 1011, "kk.invalid_length", Input, retry: false, field: Some("no_kk"),
        "A No KK without exactly 16 digits.", id::KK_INVALID_LENGTH;
    KkInvalidCharacter = 1012, "kk.invalid_character", Input, retry: false, field: Some("no_kk"),
        "A No KK holding something other than digits and separators (space, dot, hyphen).", id::KK_INVALID_CHARACTER;
    KkUnknownRegion = 1013, "kk.unknown_region", Input, retry: false, field: Some("no_kk"),
        "A No KK whose region code is not an Indonesian region (strict mode).", id::KK_UNKNOWN_REGION;
    KkInvalidDate = 1014, "kk.invalid_date", Input, retry: false, field: Some("no_kk"),
        "A No KK whose issue date is not a real date or lies after today.", id::KK_INVALID_DATE;
    KkInvalidSerial = 1015, "kk.invalid_serial", Input, retry: false, field: Some("no_kk"),
        "A No KK with serial number 0000.", id::KK_INVALID_SERIAL;
    PhoneInvalid = 1021, "phone.invalid", Input, retry: false, field: None,
        "A phone number that cannot be normalised to an Indonesian +62 number.", id::PHONE_INVALID;
    EmailInvalid = 1022, "email.invalid", Input, retry: false, field: Some("email"),
        "An e-mail address that is not valid.", id::EMAIL_INVALID;
    InputRequired = 1031, "input.required", Input, retry: false, field: None,
        "A required input left empty.", id::INPUT_REQUIRED;
    InputTooLong = 1032, "input.too_long", Input, retry: false, field: None,
        "A text longer than its limit.", id::INPUT_TOO_LONG;
    InputInvalidCharacter = 1033, "input.invalid_character", Input, retry: false, field: None,
        "A control or invisible character (line break in a one-line field, bidirectional override, zero-width character).", id::INPUT_INVALID_CHARACTER;
    CouponUnprintable = 1034, "coupon.unprintable_character", Input, retry: false, field: None,
        "A character the pickup coupon's font cannot print (CJK, emoji…), refused when it is entered.", id::COUPON_UNPRINTABLE;
    PasswordTooShort = 1041, "password.too_short", Input, retry: false, field: Some("password"),
        "A new password shorter than 8 characters.", id::PASSWORD_TOO_SHORT;
    PasswordUnchanged = 1042, "password.unchanged", Input, retry: false, field: Some("password"),
        "A new password equal to the current one.", id::PASSWORD_UNCHANGED;
    ProfileInvalidSex = 1043, "profile.invalid_sex", Input, retry: false, field: Some("sex"),
        "A Jenis Kelamin other than Laki-laki or Perempuan.", id::PROFILE_INVALID_SEX;
    ProfileSexMismatch = 1044, "profile.sex_mismatch", Input, retry: false, field: Some("sex"),
        "A Jenis Kelamin that contradicts the NIK (women's NIKs add 40 to the day).", id::PROFILE_SEX_MISMATCH;
    AccountInvalidRole = 1045, "account.invalid_role", Input, retry: false, field: Some("role"),
        "A staff account with a role other than officer or admin.", id::ACCOUNT_INVALID_ROLE;
    FieldUnknown = 1051, "field.unknown", Input, retry: false, field: None,
        "A value for a field the service does not have.", id::FIELD_UNKNOWN;
    FieldAgeLimit = 1053, "field.age_limit", Input, retry: false, field: None,
        "A person (by the NIK field's birth date) too old for the service.", id::FIELD_AGE_LIMIT;
    FieldInvalidRegion = 1054, "field.invalid_region", Input, retry: false, field: None,
        "A region field that is not a region code of the expected level.", id::FIELD_INVALID_REGION;
    FieldUnknownRegion = 1055, "field.unknown_region", Input, retry: false, field: None,
        "A region field whose code no region has.", id::FIELD_UNKNOWN_REGION;
    FieldRetiredRegion = 1056, "field.retired_region", Input, retry: false, field: None,
        "A region field with a retired code (the message names its successor).", id::FIELD_RETIRED_REGION;
    FieldInvalidDate = 1057, "field.invalid_date", Input, retry: false, field: None,
        "A date field that is not a date written YYYY-MM-DD.", id::FIELD_INVALID_DATE;
    FieldDateInFuture = 1058, "field.date_in_future", Input, retry: false, field: None,
        "A date field that must not lie after today.", id::FIELD_DATE_IN_FUTURE;
    FieldDateBeforeBirth = 1059, "field.date_before_birth", Input, retry: false, field: None,
        "A date field before the birth date of the person it concerns.", id::FIELD_DATE_BEFORE_BIRTH;
    FieldOutOfRange = 1060, "field.out_of_range", Input, retry: false, field: None,
        "A number field outside its range, or not a whole number.", id::FIELD_OUT_OF_RANGE;
    PickupDateInPast = 1061, "pickup.date_in_past", Input, retry: false, field: Some("pickup_date"),
        "A pickup date before today.", id::PICKUP_DATE_IN_PAST;
    PickupDateTooFar = 1062, "pickup.date_too_far", Input, retry: false, field: Some("pickup_date"),
        "A pickup date further ahead than the office schedules (one year).", id::PICKUP_DATE_TOO_FAR;
    PickupUnknownPlace = 1063, "pickup.unknown_place", Input, retry: false, field: Some("pickup_place"),
        "A pickup place that is not one of the catalog's pickup places.", id::PICKUP_UNKNOWN_PLACE;
    ApplicationInvalidNumber = 1064, "application.invalid_number", Input, retry: false, field: Some("number"),
        "An application number that is not one (wrong prefix, year, sequence or check letter).", id::APPLICATION_INVALID_NUMBER;
    CatalogSyntax = 1071, "catalog.syntax", Input, retry: false, field: None,
        "A catalog that is not valid TOML or JSON.", id::CATALOG_SYNTAX;
    CatalogInvalid = 1072, "catalog.invalid", Input, retry: false, field: None,
        "A catalog that parses but breaks a rule (missing field, duplicate id, bad value…).", id::CATALOG_INVALID;
    CatalogUnknownFileType = 1073, "catalog.unknown_file_type", Input, retry: false, field: None,
        "A catalog document slot naming a file type lakse does not know.", id::CATALOG_UNKNOWN_FILE_TYPE;
    CatalogUnreadable = 1074, "catalog.unreadable", Input, retry: false, field: Some("catalog"),
        "A catalog file that cannot be read, or whose name ends neither in .toml nor .json.", id::CATALOG_UNREADABLE;
    OptionsInvalidPrefix = 1081, "options.invalid_prefix", Input, retry: false, field: Some("number_prefix"),
        "An application-number prefix that is not 2 to 8 capital letters A-Z.", id::OPTIONS_INVALID;
    OptionsInvalidLifetime = 1082, "options.invalid_lifetime", Input, retry: false, field: None,
        "A token or session lifetime that is zero, negative or too long.", id::OPTIONS_INVALID;
    OptionsInvalid = 1083, "options.invalid", Input, retry: false, field: None,
        "Another open option that cannot work (data location, office key, SMTP port…).", id::OPTIONS_INVALID;
    ApiInvalidArguments = 1091, "api.invalid_arguments", Input, retry: false, field: None,
        "An operation called with a missing, ill-typed or malformed argument (bad JSON, invalid UTF-8, a null pointer through C).", id::API_INVALID_ARGUMENTS;
    ApiUnknownOperation = 1092, "api.unknown_operation", Input, retry: false, field: None,
        "An operation name the binding surface does not have.", id::API_UNKNOWN_OPERATION;
    AuthInvalidCredentials = 2001, "auth.invalid_credentials", Auth, retry: false, field: None,
        "Wrong e-mail or password (deliberately not saying which).", id::AUTH_INVALID_CREDENTIALS;
    AuthLocked = 2002, "auth.locked", Auth, retry: true, field: None,
        "Too many failed logins: login is refused, even with the right password, until the time given.", id::AUTH_LOCKED;
    AuthTokenInvalid = 2003, "auth.token_invalid", Auth, retry: false, field: Some("token"),
        "A link token that is unknown, malformed, for another purpose or another account, or no longer valid.", id::AUTH_TOKEN_INVALID;
    AuthTokenExpired = 2004, "auth.token_expired", Auth, retry: false, field: Some("token"),
        "A link token past its lifetime.", id::AUTH_TOKEN_EXPIRED;
    AuthTokenUsed = 2005, "auth.token_used", Auth, retry: false, field: Some("token"),
        "A single-use link token used before, or after another link of its kind for the same account was used.", id::AUTH_TOKEN_USED;
    AuthSessionInvalid = 2006, "auth.session_invalid", Auth, retry: false, field: Some("session"),
        "A session token that is unknown, expired or ended: log in again.", id::AUTH_SESSION_INVALID;
    AuthPasswordChangeRequired = 2007, "auth.password_change_required", Auth, retry: false, field: None,
        "The account must choose its own password before doing anything else.", id::AUTH_PASSWORD_CHANGE_REQUIRED;
    AuthForbidden = 2008, "auth.forbidden", Auth, retry: false, field: None,
        "The account's role may not do this.", id::AUTH_FORBIDDEN;
    AuthRateLimited = 2009, "auth.rate_limited", Auth, retry: true, field: Some("email"),
        "Too many registration or password-reset e-mails for this address in the period; try again after the time given.", id::AUTH_RATE_LIMITED;
    CatalogUnknownService = 3001, "catalog.unknown_service", NotFound, retry: false, field: Some("service"),
        "A service id the catalog does not have.", id::CATALOG_UNKNOWN_SERVICE;
    CatalogUnknownSubtype = 3002, "catalog.unknown_subtype", NotFound, retry: false, field: Some("subtype"),
        "A sub-type the service does not have, or none where the service has sub-types.", id::CATALOG_UNKNOWN_SUBTYPE;
    ApplicationNotFound = 3003, "application.not_found", NotFound, retry: false, field: Some("number"),
        "No such application, or not one the caller may see (the two are not told apart).", id::APPLICATION_NOT_FOUND;
    OutboxNotFound = 3004, "outbox.not_found", NotFound, retry: false, field: Some("id"),
        "No outbox message with this id waiting to be retried.", id::OUTBOX_NOT_FOUND;
    WorkflowNotAllowed = 4001, "workflow.not_allowed", NotAllowed, retry: false, field: None,
        "A move the transition table does not allow from the application's status.", id::WORKFLOW_NOT_ALLOWED;
    WorkflowActorNotPermitted = 4002, "workflow.actor_not_permitted", NotAllowed, retry: false, field: None,
        "An action this kind of actor never takes (an applicant accepting, an officer cancelling).", id::WORKFLOW_ACTOR_NOT_PERMITTED;
    CatalogServiceDisabled = 4003, "catalog.service_disabled", NotAllowed, retry: false, field: Some("service"),
        "A service the office has switched off, or removed from its catalog, for new applications.", id::CATALOG_SERVICE_DISABLED;
    CatalogRedirected = 4004, "catalog.redirected", NotAllowed, retry: false, field: Some("service"),
        "A service not applied for here (Akte Kelahiran goes to the IKD app).", id::CATALOG_REDIRECTED;
    AccountExists = 4005, "account.exists", NotAllowed, retry: false, field: Some("email"),
        "An account with this e-mail address exists already.", id::ACCOUNT_EXISTS;
    ProfileIncomplete = 4006, "profile.incomplete", NotAllowed, retry: false, field: None,
        "The profile lacks what an application needs (Isi Data Profil terlebih dahulu).", id::PROFILE_INCOMPLETE;
    ApplicationAlreadyOpen = 4007, "application.already_open", NotAllowed, retry: false, field: Some("service"),
        "The applicant has an open application for this service already.", id::APPLICATION_ALREADY_OPEN;
    ApplicationIdempotencyConflict = 4008, "application.idempotency_conflict", NotAllowed, retry: false, field: Some("idempotency_key"),
        "An idempotency key used before with a different form.", id::APPLICATION_IDEMPOTENCY_CONFLICT;
    NikClaimed = 4009, "nik.claimed", NotAllowed, retry: false, field: Some("nik"),
        "A NIK held by another account's profile; an officer can release it.", id::NIK_CLAIMED;
    HandleClosed = 4010, "handle.closed", NotAllowed, retry: false, field: None,
        "The handle was closed.", id::HANDLE_CLOSED;
    CouponNotAvailable = 4011, "coupon.not_available", NotAllowed, retry: false, field: None,
        "No pickup coupon: the application is not completed, or its service has none.", id::COUPON_NOT_AVAILABLE;
    DocumentWrongType = 5001, "document.wrong_type", Document, retry: false, field: None,
        "A file whose content is not one of the slot's types (whatever its name says).", id::DOCUMENT_WRONG_TYPE;
    DocumentTooLarge = 5002, "document.too_large", Document, retry: false, field: None,
        "A file over the slot's size limit.", id::DOCUMENT_TOO_LARGE;
    DocumentEmpty = 5003, "document.empty", Document, retry: false, field: None,
        "An empty file.", id::DOCUMENT_EMPTY;
    DocumentMissing = 5004, "document.missing", Document, retry: false, field: None,
        "A required document slot left empty.", id::DOCUMENT_MISSING;
    DocumentUnknownSlot = 5005, "document.unknown_slot", Document, retry: false, field: None,
        "A document for a slot the service (or sub-type) does not have.", id::DOCUMENT_UNKNOWN_SLOT;
    DocumentInvalidName = 5006, "document.invalid_name", Document, retry: false, field: None,
        "A file name that is not a plain name (path separators, .., control or invisible characters).", id::DOCUMENT_INVALID_NAME;
    DocumentDuplicate = 5007, "document.duplicate", Document, retry: false, field: None,
        "Two files for one document slot.", id::DOCUMENT_DUPLICATE;
    DocumentActiveContent = 5008, "document.active_content", Document, retry: false, field: None,
        "A PDF with active content (JavaScript, actions run on opening, embedded files, forms) or one that does not parse.", id::DOCUMENT_ACTIVE_CONTENT;
    DocumentAmbiguousType = 5009, "document.ambiguous_type", Document, retry: false, field: None,
        "A file that is two types at once (a JPEG that is also a PDF, …) or whose image does not decode.", id::DOCUMENT_AMBIGUOUS_TYPE;
    ApplicationTooLarge = 5010, "application.too_large", Document, retry: false, field: Some("documents"),
        "All documents together over the application's limit.", id::APPLICATION_TOO_LARGE;
    CouponInvalidSignature = 5101, "coupon.invalid_signature", Document, retry: false, field: Some("code"),
        "A coupon verification code not signed by this office key, or altered.", id::COUPON_INVALID_SIGNATURE;
    CouponMalformed = 5102, "coupon.malformed", Document, retry: false, field: None,
        "A coupon verification code or public key that is not one at all.", id::COUPON_MALFORMED;
    MailTemplate = 6001, "mail.template", Delivery, retry: false, field: None,
        "An e-mail template that does not parse, uses a variable its message lacks, or fails to render.", id::MAIL_TEMPLATE;
    MailConfig = 6002, "mail.config", Delivery, retry: false, field: None,
        "A mail setting that cannot work (sender address, SMTP host…).", id::MAIL_CONFIG;
    StoreDatabase = 9001, "store.database", Internal, retry: false, field: None,
        "The database failed (full disk, damaged file, newer schema…).", id::STORE_DATABASE;
    StoreBusy = 9002, "store.busy", Internal, retry: true, field: None,
        "The database stayed locked by other writers beyond the busy timeout.", id::STORE_BUSY;
    StoreIo = 9003, "store.io", Internal, retry: true, field: None,
        "Reading or writing a file of the data folder failed.", id::STORE_IO;
    StoreCorrupt = 9004, "store.corrupt", Internal, retry: false, field: None,
        "A stored value that cannot be read back (bad timestamp, unknown status…); the message names table, row and column.", id::STORE_CORRUPT;
    Internal = 9005, "internal", Internal, retry: false, field: None,
        "A failure inside lakse that is neither the caller's fault nor storage (password hashing, QR or font errors, a caught panic).", id::INTERNAL;
}

/// The catalogue as `tests/vectors/errors.json` holds it: the families with
/// their bases, then every code.
pub fn to_json() -> serde_json::Value {
    let families: Vec<_> = Family::ALL
        .iter()
        .map(|f| serde_json::json!({ "family": f.as_str(), "base": f.base() }))
        .collect();
    let errors: Vec<_> = ErrorCode::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "code": c.as_str(),
                "number": c.number(),
                "family": c.family().as_str(),
                "retryable": c.retryable(),
                "field": c.field(),
                "description": c.description(),
                "message_id": c.message_id(),
            })
        })
        .collect();
    serde_json::json!({ "families": families, "errors": errors })
}

/// The catalogue as `docs/errors.md` shows it, one table per family.
pub fn to_markdown() -> String {
    let mut out = String::from(
        "# Error catalogue\n\n\
         Generated from `lakse-core/src/error/catalogue.rs` by the test \
         `error_catalogue_files_are_fresh`; do not edit by hand.\n\n\
         Every error carries a stable code and number, its family, whether \
         retrying the same call can succeed, the field it concerns, an English \
         message for developers and an Indonesian one for applicants and officers.\n",
    );
    for family in Family::ALL {
        out.push_str(&format!(
            "\n## {} ({}xxx)\n\n| number | code | retryable | field | meaning | pesan |\n| --- | --- | --- | --- | --- | --- |\n",
            family.as_str(),
            family.base() / 1000
        ));
        for code in ErrorCode::ALL.iter().filter(|c| c.family() == family) {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {} |\n",
                code.number(),
                code.as_str(),
                if code.retryable() { "yes" } else { "no" },
                code.field().map_or("—".to_owned(), |f| format!("`{f}`")),
                code.description(),
                code.message_id(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_in_their_family_range_and_unique() {
        let mut numbers = std::collections::HashSet::new();
        let mut strings = std::collections::HashSet::new();
        for &code in ErrorCode::ALL {
            let base = code.family().base();
            assert!(
                (base..base + 1000).contains(&code.number()),
                "{} ({}) outside {}xxx",
                code.as_str(),
                code.number(),
                base / 1000
            );
            assert!(numbers.insert(code.number()));
            assert!(strings.insert(code.as_str()));
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
            assert_eq!(ErrorCode::from_number(code.number()), Some(code));
            let (group, name) = code.as_str().split_once('.').unwrap_or(("internal", "x"));
            assert!(!group.is_empty() && !name.is_empty());
            assert!(!code.message_id().is_empty() && !code.description().is_empty());
        }
        assert!(
            ErrorCode::ALL.windows(2).all(|w| w[0] < w[1]),
            "table in number order"
        );
    }
}
