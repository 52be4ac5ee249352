//! The pure functions: synchronous, no handle, no I/O.

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::enums::{Action, Actor, Status};
use crate::error;
use crate::inputs::day;
use crate::printed::Printed;
use crate::records::{CouponClaims, EmailRecord, KkRecord, NikOutcome, NikRecord, StatusLabel};

fn sync<T, U: From<T>>(env: &Env, body: impl FnOnce() -> lakse_core::Result<T>) -> Result<U> {
    error::guard(env, || body().map(U::from))
}

/// Parses and checks a NIK (strict: the region must be known); `today` (its
/// UTC calendar day) defaults to today in WIB.
#[napi(catch_unwind, ts_return_type = "NikRecord")]
pub fn parse_nik(
    env: Env,
    text: String,
    today: Option<DateTime<Utc>>,
) -> Result<Printed<NikRecord>> {
    error::guard(&env, || {
        lakse_core::api::parse_nik(&text, today.map(day)).map(Printed::of)
    })
}

/// Parses many NIKs: one record or error per item, never failing for a bad item.
#[napi(catch_unwind)]
pub fn parse_niks(
    env: Env,
    texts: Vec<String>,
    today: Option<DateTime<Utc>>,
) -> Result<Vec<NikOutcome>> {
    error::guard(&env, || {
        Ok(lakse_core::api::parse_niks(&texts, today.map(day))
            .into_iter()
            .map(NikOutcome::from)
            .collect())
    })
}

/// Parses and checks a No KK.
#[napi(catch_unwind, ts_return_type = "KkRecord")]
pub fn parse_kk(env: Env, text: String, today: Option<DateTime<Utc>>) -> Result<Printed<KkRecord>> {
    error::guard(&env, || {
        lakse_core::api::parse_kk(&text, today.map(day)).map(Printed::of)
    })
}

/// An Indonesian phone number in +62 form.
#[napi(catch_unwind)]
pub fn normalize_phone(env: Env, text: String) -> Result<String> {
    sync(&env, || lakse_core::phone::normalize(&text))
}

/// A NIK's display form (`2171xxxxxxxx0001`), after checking its shape.
#[napi(catch_unwind)]
pub fn mask_nik(env: Env, text: String) -> Result<String> {
    sync(&env, || lakse_core::api::mask_nik(&text))
}

/// A No KK's display form (`2171xxxxxxxx0003`), after checking its shape and
/// date leniently as of today in WIB (the region need not be known).
#[napi(catch_unwind)]
pub fn mask_kk(env: Env, text: String) -> Result<String> {
    sync(&env, || lakse_core::api::mask_kk(&text))
}

/// An Indonesian phone number's display form (`+62812****7890`).
#[napi(catch_unwind)]
pub fn mask_phone(env: Env, text: String) -> Result<String> {
    sync(&env, || lakse_core::phone::mask(&text))
}

/// Checks an e-mail address as an account's, with the form it is matched by.
#[napi(catch_unwind)]
pub fn parse_email(env: Env, text: String) -> Result<EmailRecord> {
    sync(&env, || {
        lakse_core::email::parse(&text).map(|e| lakse_core::email::EmailRecord::from(&e))
    })
}

/// The status after `actor` takes `action` on an application in `status`.
#[napi(catch_unwind)]
pub fn next_status(env: Env, status: Status, action: Action, actor: Actor) -> Result<Status> {
    sync(&env, || {
        lakse_core::application::next(status.into(), action.into(), actor.into())
    })
}

/// The status a new application starts in, when `actor` may submit one.
#[napi(catch_unwind)]
pub fn initial_status(env: Env, actor: Actor) -> Result<Status> {
    sync(&env, || lakse_core::application::initial(actor.into()))
}

/// What `actor` may do to an application in `status`, in table order.
#[napi(catch_unwind)]
pub fn allowed_actions(env: Env, status: Status, actor: Actor) -> Result<Vec<Action>> {
    error::guard(&env, || {
        Ok(
            lakse_core::application::allowed(status.into(), actor.into())
                .into_iter()
                .map(Action::from)
                .collect(),
        )
    })
}

/// What the applicant sees for `status`: its label, and the note shown when
/// the officer left none.
#[napi(catch_unwind)]
pub fn status_label(env: Env, status: Status) -> Result<StatusLabel> {
    sync(&env, || {
        Ok(lakse_core::application::StatusLabel::from(
            lakse_core::application::Status::from(status),
        ))
    })
}

/// Checks a coupon's verification code with the office's public key alone.
#[napi(catch_unwind)]
pub fn verify_coupon(env: Env, payload: String, public_key: String) -> Result<CouponClaims> {
    sync(&env, || lakse_core::coupon::verify(&public_key, &payload))
}
