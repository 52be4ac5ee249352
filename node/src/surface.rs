//! What `index.js` needs to report a JavaScript argument napi-rs could not
//! convert as the catalogue's `api.invalid_arguments`, naming the argument:
//! the surface's argument names and types, read from
//! `lakse_core::api::OPERATIONS`, and the error itself, built by the one
//! mapping in [`crate::error`]. Not part of the typed API.

use lakse_core::error::ErrorCode;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error;

/// Every operation with its receiver and its arguments' names and neutral
/// types (`string`, `optional<date>`, `Page`), as JSON text.
#[napi(js_name = "__operations", skip_typescript, catch_unwind)]
pub fn operations(env: Env) -> Result<String> {
    error::guard(&env, || {
        let ops: Vec<serde_json::Value> = lakse_core::api::OPERATIONS
            .iter()
            .map(|op| {
                serde_json::json!({
                    "name": op.name,
                    "receiver": op.receiver,
                    "args": op.args.iter().map(|(name, ty)| serde_json::json!({
                        "name": name,
                        "type": lakse_core::api::neutral_type(ty),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(serde_json::Value::Array(ops).to_string())
    })
}

/// Throws `api.invalid_arguments` for `field`.
#[napi(js_name = "__invalidArguments", skip_typescript, catch_unwind)]
pub fn invalid_arguments(env: Env, field: String, reason: String) -> Result<()> {
    error::guard(&env, || {
        Err(lakse_core::Error::rule(
            ErrorCode::ApiInvalidArguments,
            field,
            reason,
        ))
    })
}
