//! The pure functions of `lakse_core::api`: no handle, no I/O, synchronous.
//! Those that can fail run through [`guard`]: a panic is
//! `LakseException.Internal`, as in every binding (the others are caught by
//! UniFFI itself, as its `InternalException`).

use lakse_core::error::guard;

use crate::account::EmailRecord;
use crate::application::{Action, Actor, Status, StatusLabel};
use crate::convert::Conv;
use crate::coupon::CouponClaims;
use crate::error::LakseError;
use crate::identity::{KkRecord, NikOutcome, NikRecord};

/// Parses and checks a NIK (strict: the region must be known); `today`
/// defaults to today in WIB.
#[uniffi::export]
pub fn parse_nik(text: String, today: Option<chrono::NaiveDate>) -> Result<NikRecord, LakseError> {
    Ok(guard(|| lakse_core::api::parse_nik(&text, today))?.conv())
}

/// Parses many NIKs: one record or error per item, never failing for a bad item.
#[uniffi::export]
pub fn parse_niks(texts: Vec<String>, today: Option<chrono::NaiveDate>) -> Vec<NikOutcome> {
    lakse_core::api::parse_niks(&texts, today).conv()
}

/// Parses and checks a No KK.
#[uniffi::export]
pub fn parse_kk(text: String, today: Option<chrono::NaiveDate>) -> Result<KkRecord, LakseError> {
    Ok(guard(|| lakse_core::api::parse_kk(&text, today))?.conv())
}

/// An Indonesian phone number in +62 form.
#[uniffi::export]
pub fn normalize_phone(text: String) -> Result<String, LakseError> {
    Ok(guard(|| lakse_core::phone::normalize(&text))?)
}

/// A NIK's display form (`2171xxxxxxxx0001`), after checking its shape.
#[uniffi::export]
pub fn mask_nik(text: String) -> Result<String, LakseError> {
    Ok(guard(|| lakse_core::api::mask_nik(&text))?)
}

/// A No KK's display form (`2171xxxxxxxx0003`), after checking its shape and
/// date leniently as of today in WIB.
#[uniffi::export]
pub fn mask_kk(text: String) -> Result<String, LakseError> {
    Ok(guard(|| lakse_core::api::mask_kk(&text))?)
}

/// An Indonesian phone number's display form (`+62812****7890`).
#[uniffi::export]
pub fn mask_phone(text: String) -> Result<String, LakseError> {
    Ok(guard(|| lakse_core::phone::mask(&text))?)
}

/// Checks an e-mail address as an account's, with the form it is matched by
/// (both addresses print masked).
#[uniffi::export]
pub fn parse_email(text: String) -> Result<EmailRecord, LakseError> {
    let email = guard(|| {
        lakse_core::email::parse(&text).map(|email| lakse_core::email::EmailRecord::from(&email))
    })?;
    Ok(email.conv())
}

/// The status after `actor` takes `action` on an application in `status`.
#[uniffi::export]
pub fn next_status(status: Status, action: Action, actor: Actor) -> Result<Status, LakseError> {
    Ok(guard(|| {
        lakse_core::application::next(status, action, actor)
    })?)
}

/// The status a new application starts in, when `actor` may submit one.
#[uniffi::export]
pub fn initial_status(actor: Actor) -> Result<Status, LakseError> {
    Ok(guard(|| lakse_core::application::initial(actor))?)
}

/// What `actor` may do to an application in `status`, in table order.
#[uniffi::export]
pub fn allowed_actions(status: Status, actor: Actor) -> Vec<Action> {
    lakse_core::application::allowed(status, actor)
}

/// What the applicant sees for `status`: its label, and the note shown when
/// the officer left none.
#[uniffi::export]
pub fn status_label(status: Status) -> StatusLabel {
    lakse_core::application::StatusLabel::from(status).conv()
}

/// Checks a coupon's verification code with the office's public key alone.
#[uniffi::export]
pub fn verify_coupon(payload: String, public_key: String) -> Result<CouponClaims, LakseError> {
    Ok(guard(|| lakse_core::coupon::verify(&public_key, &payload))?.conv())
}
