//! The one mapping from `lakse_core::Error` to a JavaScript `Error`, and the
//! panic boundary.
//!
//! Every failure of the core becomes an `Error` whose `message` is the
//! developer's English text and which carries the catalogue's `code`
//! (`nik.invalid_date`), `number` (1004), `family` (`input`), `field` (the
//! input concerned, or `null`), `retryable` and `messageId` (the message for
//! the applicant or officer, in Indonesian).
//!
//! A panic that unwinds out of the addon aborts Node. The core does not
//! panic on any input; should it, or this binding, panic anyway, [`caught`]
//! and [`guard`] turn it into the catalogue's `internal` error.

use lakse_core::error::ErrorInfo;
use napi::bindgen_prelude::*;

/// The JavaScript error for a core error; `env` is the calling thread's.
pub fn to_js(env: &Env, error: &lakse_core::Error) -> Error {
    let info = ErrorInfo::from(error);
    build(env, &info).unwrap_or_else(|e| e)
}

fn build(env: &Env, info: &ErrorInfo) -> Result<Error> {
    let plain = JsError::from(Error::new(info.code.clone(), info.message.clone()));
    let mut object = plain.into_unknown(*env).coerce_to_object()?;
    object.set_named_property("number", info.number)?;
    object.set_named_property("family", info.family.as_str())?;
    object.set_named_property("field", info.field.as_deref())?;
    object.set_named_property("retryable", info.retryable)?;
    object.set_named_property("messageId", info.message_id.as_str())?;
    Ok(Error::from(object.to_unknown()))
}

/// Runs the body of a synchronous entry point on the JavaScript thread: its
/// error, or a panic, becomes the catalogue's JavaScript error.
pub fn guard<T>(env: &Env, body: impl FnOnce() -> lakse_core::Result<T>) -> Result<T> {
    lakse_core::error::guard(body).map_err(|e| to_js(env, &e))
}
