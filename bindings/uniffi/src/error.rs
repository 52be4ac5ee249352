//! The one error type: every `lakse_core::Error` becomes a [`LakseError`]
//! (Kotlin `LakseException`, Swift `LakseError`) with one variant per
//! [`Family`], each carrying the code, number, field and both messages.
//! One mapping function, [`LakseError::from`]; callers branch on `code`.

use lakse_core::error::{ErrorInfo as CoreErrorInfo, Family};

use crate::convert::{Conv, record, same};

/// What kind of failure a code is; each is one variant of [`LakseError`].
#[uniffi::remote(Enum)]
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

same!(Family);

record! {
    /// An error as a plain record: what `parse_niks` returns per failed item.
    pub struct ErrorInfo => CoreErrorInfo {
        /// The stable code, e.g. `nik.invalid_date`.
        code: String,
        /// The stable number, e.g. 1004.
        number: u16,
        /// The family.
        family: Family,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The field concerned, if any.
        field: Option<String>,
        /// The developer's message, in English.
        message: String,
        /// The applicant's or officer's message, in Indonesian.
        message_id: String,
    }
}

/// A refusal or failure of lakse. The variant is the error's family; every
/// variant carries the same fields. (`detail` is the English message: Kotlin
/// reserves `message` for the exception's own text.)
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum LakseError {
    /// 1xxx: the caller's input (or configuration) is invalid.
    #[error("{code} ({number}): {detail}")]
    Input {
        /// The stable code, e.g. `nik.invalid_date`.
        code: String,
        /// The stable number, e.g. 1004.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later without changing it.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The applicant's or officer's message, in Indonesian.
        message_id: String,
    },
    /// 2xxx: authentication and sessions.
    #[error("{code} ({number}): {detail}")]
    Auth {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
    /// 3xxx: no such thing, or not one the caller may see.
    #[error("{code} ({number}): {detail}")]
    NotFound {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
    /// 4xxx: not allowed now or by this caller, or a conflict.
    #[error("{code} ({number}): {detail}")]
    NotAllowed {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
    /// 5xxx: uploaded documents and pickup coupons.
    #[error("{code} ({number}): {detail}")]
    Document {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
    /// 6xxx: e-mail templates and mail settings.
    #[error("{code} ({number}): {detail}")]
    Delivery {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
    /// 9xxx: storage and internal failures, not the caller's fault.
    #[error("{code} ({number}): {detail}")]
    Internal {
        /// The stable code.
        code: String,
        /// The stable number.
        number: u16,
        /// The input field it concerns, if any.
        field: Option<String>,
        /// Whether the same call can succeed later.
        retryable: bool,
        /// The developer's message, in English.
        detail: String,
        /// The message in Indonesian.
        message_id: String,
    },
}

#[uniffi::export]
impl LakseError {
    /// The error as one record, whichever its family: `e.info().code`.
    pub fn info(&self) -> ErrorInfo {
        let (family, code, number, field, retryable, detail, message_id) = match self {
            LakseError::Input {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::Input,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::Auth {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::Auth,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::NotFound {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::NotFound,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::NotAllowed {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::NotAllowed,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::Document {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::Document,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::Delivery {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::Delivery,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
            LakseError::Internal {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            } => (
                Family::Internal,
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            ),
        };
        ErrorInfo {
            code: code.clone(),
            number: *number,
            family,
            retryable: *retryable,
            field: field.clone(),
            message: detail.clone(),
            message_id: message_id.clone(),
        }
    }
}

impl From<lakse_core::Error> for LakseError {
    fn from(e: lakse_core::Error) -> Self {
        let info: ErrorInfo = CoreErrorInfo::from(&e).conv();
        let ErrorInfo {
            code,
            number,
            family,
            retryable,
            field,
            message: detail,
            message_id,
        } = info;
        match family {
            Family::Input => LakseError::Input {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::Auth => LakseError::Auth {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::NotFound => LakseError::NotFound {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::NotAllowed => LakseError::NotAllowed {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::Document => LakseError::Document {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::Delivery => LakseError::Delivery {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
            Family::Internal => LakseError::Internal {
                code,
                number,
                field,
                retryable,
                detail,
                message_id,
            },
        }
    }
}
