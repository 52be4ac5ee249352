//! The core's privacy wrappers as JavaScript classes.
//!
//! A result never holds a NIK, a No KK, a token, a password or an e-mail
//! address as a bare string: it holds one of these objects, whose
//! `toString()`, `toJSON()` and `util.inspect` form are masked exactly as the
//! core masks them in `Debug`, and whose value is reached only through an
//! explicit `expose()` (or `toObject()` for a map of texts).

use std::collections::BTreeMap;

use lakse_core::sensitive as core;
use napi::{Env, Result};
use napi_derive::napi;

use crate::error;

/// A NIK or No KK. Printed and serialised masked (`2171xxxxxxxx0001`);
/// `expose()` gives the 16 digits, always as a string.
#[napi]
pub struct IdNumber {
    inner: core::IdNumber,
}

#[napi]
impl IdNumber {
    /// The 16 digits themselves. Personal data: show them to their owner, never log them.
    #[napi(catch_unwind)]
    pub fn expose(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.expose().to_owned()))
    }

    /// The display form, `2171xxxxxxxx0001`.
    #[napi(getter, catch_unwind)]
    pub fn masked(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// The display form.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn to_js_string(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// The display form: what `JSON.stringify` writes.
    #[napi(js_name = "toJSON", catch_unwind)]
    pub fn to_json(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// What `util.inspect` shows.
    #[napi(symbol_for = "nodejs.util.inspect.custom", catch_unwind)]
    pub fn inspect(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(format!("{:?}", self.inner)))
    }
}

impl From<core::IdNumber> for IdNumber {
    fn from(inner: core::IdNumber) -> Self {
        IdNumber { inner }
    }
}

/// A session or link token, or a password. Printed and serialised as
/// `<redacted>`; `expose()` gives the secret to pass on.
#[napi]
pub struct Secret {
    inner: core::Secret,
}

#[napi]
impl Secret {
    /// The secret itself: pass it on, never log it.
    #[napi(catch_unwind)]
    pub fn expose(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.expose().to_owned()))
    }

    /// `<redacted>`.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn to_js_string(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.to_string()))
    }

    /// `<redacted>`: what `JSON.stringify` writes.
    #[napi(js_name = "toJSON", catch_unwind)]
    pub fn to_json(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.to_string()))
    }

    /// What `util.inspect` shows.
    #[napi(symbol_for = "nodejs.util.inspect.custom", catch_unwind)]
    pub fn inspect(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(format!("{:?}", self.inner)))
    }
}

impl From<core::Secret> for Secret {
    fn from(inner: core::Secret) -> Self {
        Secret { inner }
    }
}

/// An e-mail address. Printed and serialised masked (`d***a@example.com`);
/// `expose()` gives the address, for sending and for its owner.
#[napi]
pub struct EmailAddress {
    inner: core::EmailAddress,
}

#[napi]
impl EmailAddress {
    /// The address itself.
    #[napi(catch_unwind)]
    pub fn expose(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.expose().to_owned()))
    }

    /// The display form, `d***a@example.com`.
    #[napi(getter, catch_unwind)]
    pub fn masked(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// The display form.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn to_js_string(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// The display form: what `JSON.stringify` writes.
    #[napi(js_name = "toJSON", catch_unwind)]
    pub fn to_json(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(self.inner.masked()))
    }

    /// What `util.inspect` shows.
    #[napi(symbol_for = "nodejs.util.inspect.custom", catch_unwind)]
    pub fn inspect(&self, env: Env) -> Result<String> {
        error::guard(&env, || Ok(format!("{:?}", self.inner)))
    }
}

impl From<core::EmailAddress> for EmailAddress {
    fn from(inner: core::EmailAddress) -> Self {
        EmailAddress { inner }
    }
}

/// Text values by name that may hold personal data or secrets: an
/// application's extra fields (a child's NIK), an e-mail's template data (a
/// link token, a one-time password). `get()` and `toObject()` give the
/// values; `JSON.stringify` and `util.inspect` show them masked as the core's
/// `Debug` does.
#[napi]
pub struct TextMap {
    values: BTreeMap<String, String>,
    masked: BTreeMap<String, String>,
}

#[napi]
impl TextMap {
    /// The value of `key`, or `null`.
    #[napi(catch_unwind)]
    pub fn get(&self, env: Env, key: String) -> Result<Option<String>> {
        error::guard(&env, || Ok(self.values.get(&key).cloned()))
    }

    /// The keys, sorted.
    #[napi(catch_unwind)]
    pub fn keys(&self, env: Env) -> Result<Vec<String>> {
        error::guard(&env, || Ok(self.values.keys().cloned().collect()))
    }

    /// The values themselves, as a plain object.
    #[napi(js_name = "toObject", catch_unwind)]
    pub fn to_object(&self, env: Env) -> Result<BTreeMap<String, String>> {
        error::guard(&env, || Ok(self.values.clone()))
    }

    /// The values masked: what `JSON.stringify` writes.
    #[napi(js_name = "toJSON", catch_unwind)]
    pub fn to_json(&self, env: Env) -> Result<BTreeMap<String, String>> {
        error::guard(&env, || Ok(self.masked.clone()))
    }

    /// What `util.inspect` shows: the masked values.
    #[napi(symbol_for = "nodejs.util.inspect.custom", catch_unwind)]
    pub fn inspect(&self, env: Env) -> Result<BTreeMap<String, String>> {
        error::guard(&env, || Ok(self.masked.clone()))
    }
}

impl TextMap {
    /// Form fields: every run of 16 or more digits masked.
    pub fn fields(values: BTreeMap<String, String>) -> TextMap {
        let masked = values
            .iter()
            .map(|(k, v)| (k.clone(), core::mask_free_text(v)))
            .collect();
        TextMap { values, masked }
    }

    /// An outbox message's template data, masked as `OutboxMessage`'s `Debug`
    /// masks it: secrets redacted, addresses masked, long digit runs masked.
    pub fn template_data(values: BTreeMap<String, String>) -> TextMap {
        let masked = values
            .iter()
            .map(|(k, v)| (k.clone(), lakse_core::outbox::mask_data(k, v)))
            .collect();
        TextMap { values, masked }
    }
}
