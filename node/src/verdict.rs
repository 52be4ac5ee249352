//! The native half of `parseNik` and `parseNiks` (`nik.js` is the other):
//! one number per NIK instead of a record, and the pieces `nik.js` asks for
//! when a record's field is read. Not part of the typed API.
//!
//! A verdict is minus the error number for a refused NIK, otherwise a
//! non-negative integer below 2^53:
//! `((days since 1900-01-01 × 2 + female) × 10,000 + serial) × 1,000,000 + district code`.
//! A birth date before 1900 or too late for that range (only possible with
//! an odd `today`) gives `NaN`, and `nik.js` falls back to the full record.

use chrono::{DateTime, NaiveDate, Utc};
use lakse_core::nik::{NikInfo, Sex};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error;
use crate::inputs::day;
use crate::records::midnight;
use crate::sensitive::IdNumber;

/// Days from 1900-01-01 that still fit: 2^53 / (2 × 10^10).
const MAX_DAYS: i64 = 450_000;

fn verdict(text: &str, today: Option<NaiveDate>) -> f64 {
    match lakse_core::api::check_nik(text, today) {
        Ok(info) => pack(&info),
        Err(e) => -f64::from(e.number()),
    }
}

fn pack(info: &NikInfo) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let days = (info.birth_date - epoch).num_days();
    let district: u32 = match info.district.code().parse() {
        Ok(code) if (0..MAX_DAYS).contains(&days) => code,
        _ => return f64::NAN,
    };
    let female = i64::from(info.sex == Sex::Female);
    // Below 2^53, so every step is exact in an f64.
    let packed =
        ((days * 2 + female) * 10_000 + i64::from(info.serial)) * 1_000_000 + i64::from(district);
    packed as f64
}

/// `parseNik`'s verdict for one NIK.
#[napi(js_name = "__nikVerdict", skip_typescript, catch_unwind)]
pub fn nik_verdict(env: Env, text: String, today: Option<DateTime<Utc>>) -> Result<f64> {
    error::guard(&env, || Ok(verdict(&text, today.map(day))))
}

/// `parseNiks`' verdicts, one per item.
#[napi(js_name = "__nikVerdicts", skip_typescript, catch_unwind)]
pub fn nik_verdicts(
    env: Env,
    texts: Vec<String>,
    today: Option<DateTime<Utc>>,
) -> Result<Float64Array> {
    let today = today.map(day);
    error::guard(&env, || {
        let verdicts: Vec<f64> = texts.iter().map(|t| verdict(t, today)).collect();
        Ok(Float64Array::new(verdicts))
    })
}

/// `parseNiks`' verdicts for items joined with `\n` (one string crosses
/// N-API faster than a hundred thousand); `null` when an item held a `\n`
/// itself, so that the pieces are not the items.
#[napi(js_name = "__nikVerdictsJoined", skip_typescript, catch_unwind)]
pub fn nik_verdicts_joined(
    env: Env,
    joined: String,
    count: u32,
    today: Option<DateTime<Utc>>,
) -> Result<Option<Float64Array>> {
    let today = today.map(day);
    error::guard(&env, || {
        let verdicts: Vec<f64> = joined.split('\n').map(|t| verdict(t, today)).collect();
        Ok((verdicts.len() == count as usize).then(|| Float64Array::new(verdicts)))
    })
}

/// The NIK's digits, for a record's `nik` (its shape was checked by the verdict).
#[napi(js_name = "__nikNumber", skip_typescript, catch_unwind)]
pub fn nik_number(env: Env, text: String) -> Result<IdNumber> {
    error::guard(&env, || {
        lakse_core::nik::digits(&text)
            .map(|nik| lakse_core::sensitive::IdNumber::new(nik.expose()).into())
    })
}

/// The keys a printed `NikRecord` shows (the core's `NikRecord::PRINTED`),
/// for the records `nik.js` builds.
#[napi(js_name = "__nikPrinted", skip_typescript, catch_unwind)]
pub fn nik_printed() -> Vec<String> {
    crate::printed::camel_case(lakse_core::nik::NikRecord::PRINTED)
}

/// The region fields of a district code, from the core's table, as JSON
/// text with `NikRecord`'s keys (read once per code).
#[napi(js_name = "__place", skip_typescript, catch_unwind)]
pub fn place(env: Env, district: u32) -> Result<String> {
    error::guard(&env, || place_json(district))
}

fn place_json(district: u32) -> lakse_core::Result<String> {
    let Some(p) = lakse_core::region::place(&format!("{district:06}")) else {
        return Err(lakse_core::Error::internal(format!(
            "{district} is not a district code"
        )));
    };
    Ok(serde_json::json!({
        "provinceCode": p.province_code,
        "provinceName": p.province_name,
        "regencyCode": p.regency_code,
        "regencyName": p.regency_name,
        "districtCode": p.district_code,
        "districtName": p.district_name,
        "retired": p.retired,
        "successorCode": p.successor_code,
        "successorName": p.successor_name,
    })
    .to_string())
}

/// The field and message of a refused NIK, for `nik.js` to throw the
/// catalogue's error or to fill a `parseNiks` item's error when read (`null`
/// if the NIK is valid after all).
#[napi(js_name = "__nikRefusal", skip_typescript, catch_unwind)]
pub fn nik_refusal(
    env: Env,
    text: String,
    today: Option<DateTime<Utc>>,
) -> Result<Option<Vec<Option<String>>>> {
    error::guard(&env, || {
        Ok(lakse_core::api::check_nik(&text, today.map(day))
            .err()
            .map(|e| {
                let info = lakse_core::error::ErrorInfo::from(&e);
                vec![info.field, Some(info.message)]
            }))
    })
}

/// Today in WIB, as a `Date` at midnight UTC.
#[napi(js_name = "__today", skip_typescript, catch_unwind)]
pub fn today(env: Env) -> Result<DateTime<Utc>> {
    error::guard(&env, || Ok(midnight(lakse_core::clock::today_wib())))
}

/// The error catalogue (`tests/vectors/errors.json`'s shape), as JSON text.
#[napi(js_name = "__errors", skip_typescript, catch_unwind)]
pub fn errors(env: Env) -> Result<String> {
    error::guard(&env, || {
        Ok(lakse_core::error::catalogue::to_json().to_string())
    })
}
