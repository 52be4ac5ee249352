#![no_main]

//! The JSON surface of the pure operations, `api::call_pure(op, &args)`, as
//! the C binding and the journeys' runner call it.
//!
//! The first input byte picks an operation: one of the pure ones, a handle
//! method (which `call_pure` must not run), or the rest of the input as a
//! name. The rest is the arguments: parsed as JSON when it is JSON, and
//! otherwise given as a string to every argument of the operation.
//! `tests/run-fuzz.sh` sets `LAKSE_FUZZ_SEED_DIR` to the corpus folder, and
//! a few well-formed calls of each operation are written there as seeds.
//!
//! Checks, besides no panic:
//! - the same call gives the same answer twice;
//! - a result reads back as the operation's Rust type and writes out as the
//!   same JSON, and keeps its operation's rules: a NIK or No KK record
//!   parses again from its own digits to the same record and masks digits
//!   5-12, a normalised phone number is its own normal form, a batch has one
//!   outcome per text, each as `parse_nik` answers it, a status is what
//!   `application::next` says, coupon claims are what `coupon::verify` says;
//! - an error has a code from `Error::CODES`, its `ErrorInfo` survives JSON,
//!   a handle method or an unknown name is `api.unknown_operation`, and no
//!   error message about arguments holds 16 digits in a row (no variant
//!   carries a raw NIK or No KK: messages are safe to show and to log).


use chrono::NaiveDate;
use lakse_core::api::{self, NikOutcome, OPERATIONS, Receiver};
use lakse_core::application::{Action, Actor, Status, StatusLabel};
use lakse_core::coupon::{self, CouponClaims, OfficeKey, Slip};
use lakse_core::error::ErrorInfo;
use lakse_core::email::EmailRecord;
use lakse_core::kk::KkRecord;
use lakse_core::nik::NikRecord;
use lakse_core::{Error, Result};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn pure_ops() -> Vec<&'static str> {
    OPERATIONS
        .iter()
        .filter(|op| op.receiver == Receiver::Pure)
        .map(|op| op.name)
        .collect()
}

/// A few well-formed calls of each pure operation, as seed files (selector
/// byte + JSON).
fn write_seeds() {
    let Some(dir) = std::env::var_os("LAKSE_FUZZ_SEED_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("seed folder");
    let key = OfficeKey::from_seed([7; 32]);
    let slip = Slip {
        office: lakse_core::catalog::Catalog::batam().office,
        number: "BTM-2026-000001-J".into(),
        nama: "Difa Ananda Putri".into(),
        nik: "2171055209900001".into(),
        service: "cetak_ktp_kk".into(),
        service_name: "Cetak KTP/KK".into(),
        pickup_date: NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        pickup_place: "Sekupang".into(),
        note: "".into(),
    };
    let code = coupon::render(&slip, &key).expect("renders").code;
    let calls = [
        (
            "parse_nik",
            json!({"text": "2171 0552 0990 0001", "today": "2026-11-25"}),
        ),
        ("parse_nik", json!({"text": "9171014101010009"})),
        (
            "parse_niks",
            json!({"texts": ["2171055209900001", "12", "9471010101010001"], "today": "2026-11-25"}),
        ),
        (
            "parse_kk",
            json!({"text": "2171101503200042", "today": "2026-11-25"}),
        ),
        ("normalize_phone", json!({"text": "0812-3456-7890"})),
        ("mask_nik", json!({"text": "2171055209900001"})),
        ("mask_kk", json!({"text": "2171.0501.1015.0003"})),
        ("mask_phone", json!({"text": "0812 3456 7890"})),
        ("parse_email", json!({"text": " Warga@Bücher.Example "})),
        ("initial_status", json!({"actor": "applicant"})),
        (
            "allowed_actions",
            json!({"status": "diproses", "actor": "officer"}),
        ),
        ("status_label", json!({"status": "diajukan"})),
        (
            "next_status",
            json!({"status": "diajukan", "action": "accept", "actor": "officer"}),
        ),
        (
            "next_status",
            json!({"status": "ditolak", "action": "resubmit", "actor": "applicant"}),
        ),
        (
            "verify_coupon",
            json!({"payload": code, "public_key": key.public_key()}),
        ),
    ];
    let ops = pure_ops();
    for (i, (op, args)) in calls.iter().enumerate() {
        let selector = ops.iter().position(|o| o == op).expect("a pure operation") as u8;
        let mut bytes = vec![selector];
        bytes.extend(serde_json::to_vec(args).expect("JSON"));
        std::fs::write(dir.join(format!("{op}-{i}")), bytes).expect("seed");
    }
}

/// `value` read as a `T` and written out again is `value`.
fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("a result does not read back: {e}: {value}"));
    assert_eq!(&serde_json::to_value(&typed).expect("writes"), value);
    typed
}

fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> T {
    serde_json::from_value(args.get(name).cloned().unwrap_or(Value::Null))
        .expect("an argument the call accepted reads")
}

fn sixteen_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 16 {
            return true;
        }
    }
    false
}

fn masks(masked: &str, digits: &str) {
    assert_eq!(digits.len(), 16);
    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(masked, format!("{}xxxxxxxx{}", &digits[..4], &digits[12..]));
}

fn check_ok(op: &str, args: &Value, out: &Value) {
    let today = args.get("today").cloned().unwrap_or(Value::Null);
    match op {
        "parse_nik" => {
            let record: NikRecord = round_trip(out);
            masks(&record.masked, record.nik.expose());
            assert!((1..=9999).contains(&record.serial));
            let again = api::call_pure(
                "parse_nik",
                &json!({"text": record.nik.expose(), "today": today}),
            );
            assert_eq!(again.as_ref().ok(), Some(out));
        }
        "parse_kk" => {
            let record: KkRecord = round_trip(out);
            masks(&record.masked, record.no_kk.expose());
            assert!((1..=9999).contains(&record.serial));
            let again = api::call_pure(
                "parse_kk",
                &json!({"text": record.no_kk.expose(), "today": today}),
            );
            assert_eq!(again.as_ref().ok(), Some(out));
        }
        "parse_niks" => {
            let outcomes: Vec<NikOutcome> = round_trip(out);
            let texts: Vec<String> = arg(args, "texts");
            assert_eq!(outcomes.len(), texts.len());
            for (text, outcome) in texts.iter().zip(&outcomes) {
                let one = api::call_pure("parse_nik", &json!({"text": text, "today": today}));
                match (one, &outcome.ok, &outcome.error) {
                    (Ok(record), Some(ok), None) => {
                        assert_eq!(record, serde_json::to_value(ok).expect("writes"))
                    }
                    (Err(e), None, Some(error)) => assert_eq!(ErrorInfo::from(&e), *error),
                    other => panic!("parse_niks and parse_nik disagree: {other:?}"),
                }
            }
        }
        "normalize_phone" => {
            let phone: String = round_trip(out);
            assert!(phone.starts_with("+628"), "{phone}");
            assert!(phone[1..].bytes().all(|b| b.is_ascii_digit()));
            let again = api::call_pure("normalize_phone", &json!({"text": phone}));
            assert_eq!(again.as_ref().ok(), Some(out));
        }
        "mask_nik" => {
            let masked: String = round_trip(out);
            assert_eq!(masked.len(), 16);
            assert_eq!(&masked[4..12], "xxxxxxxx");
            assert!(
                masked[..4]
                    .bytes()
                    .chain(masked[12..].bytes())
                    .all(|b| b.is_ascii_digit())
            );
        }
        "mask_kk" => {
            let masked: String = round_trip(out);
            assert_eq!(masked.len(), 16);
            assert_eq!(&masked[4..12], "xxxxxxxx");
            assert_eq!(
                lakse_core::api::mask_kk(&arg::<String>(args, "text")).as_ref(),
                Ok(&masked)
            );
        }
        "mask_phone" => {
            let masked: String = round_trip(out);
            assert!(masked.starts_with("+628"), "{masked}");
            assert!(masked[1..].bytes().all(|b| b.is_ascii_digit() || b == b'*'));
            // The display form of the number's own normal form is the same.
            let phone = lakse_core::phone::normalize(&arg::<String>(args, "text"))
                .expect("a number mask_phone took normalises");
            assert_eq!(lakse_core::phone::mask(&phone), Ok(masked));
        }
        "parse_email" => {
            let record: EmailRecord = round_trip(out);
            assert!(record.masked.contains("***"), "{}", record.masked);
            // The address as kept parses again to the same record.
            let again = api::call_pure("parse_email", &json!({"text": record.address.expose()}));
            assert_eq!(again.as_ref().ok(), Some(out));
        }
        "initial_status" => {
            let status: Status = round_trip(out);
            let direct = lakse_core::application::initial(arg::<Actor>(args, "actor"));
            assert_eq!(direct, Ok(status));
        }
        "allowed_actions" => {
            let actions: Vec<Action> = round_trip(out);
            let direct = lakse_core::application::allowed(
                arg::<Status>(args, "status"),
                arg::<Actor>(args, "actor"),
            );
            assert_eq!(direct, actions);
        }
        "status_label" => {
            let label: StatusLabel = round_trip(out);
            assert_eq!(StatusLabel::from(arg::<Status>(args, "status")), label);
        }
        "next_status" => {
            let status: Status = round_trip(out);
            let direct = lakse_core::application::next(
                arg::<Status>(args, "status"),
                arg::<Action>(args, "action"),
                arg::<Actor>(args, "actor"),
            );
            assert_eq!(direct, Ok(status));
        }
        "verify_coupon" => {
            let claims: CouponClaims = round_trip(out);
            let direct = coupon::verify(
                &arg::<String>(args, "public_key"),
                &arg::<String>(args, "payload"),
            );
            assert_eq!(direct, Ok(claims));
        }
        other => panic!("a pure operation this target does not know: {other}"),
    }
}

fn check_err(op: &str, e: &Error) {
    assert!(Error::CODES.contains(&e.code()), "{}", e.code());
    let info = ErrorInfo::from(e);
    let back: ErrorInfo = round_trip(&serde_json::to_value(&info).expect("writes"));
    assert_eq!(back, info);
    // An unknown operation's message names it: a name the caller wrote, not
    // an argument.
    if e.code() == "api.unknown_operation" {
        return;
    }
    assert!(
        !sixteen_digits(&info.message),
        "{op}: 16 digits in {:?}",
        info.message
    );
    assert!(
        !sixteen_digits(&info.message_id),
        "{op}: 16 digits in {:?}",
        info.message_id
    );
}

fn call(op: &str, args: &Value) -> Result<Value> {
    let first = api::call_pure(op, args);
    assert_eq!(first, api::call_pure(op, args), "{op}: two answers");
    first
}

fuzz_target!(init: write_seeds(), |data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let ops = pure_ops();
    let text = String::from_utf8_lossy(rest);
    let choice = usize::from(selector) % (ops.len() + 2);
    let (op, expect_unknown): (String, bool) = if choice < ops.len() {
        (ops[choice].to_owned(), false)
    } else if choice == ops.len() {
        let handles: Vec<&str> = OPERATIONS
            .iter()
            .filter(|op| op.receiver == Receiver::Handle)
            .map(|op| op.name)
            .collect();
        let pick = usize::from(rest.first().copied().unwrap_or(0)) % handles.len();
        (handles[pick].to_owned(), true)
    } else {
        let known = ops.contains(&text.as_ref());
        (text.clone().into_owned(), !known)
    };
    let args = match serde_json::from_slice::<Value>(rest) {
        Ok(json) => json,
        Err(_) => {
            let names = OPERATIONS
                .iter()
                .find(|o| o.name == op)
                .map_or(&[][..], |o| o.args);
            Value::Object(names.iter().map(|(name, _)| ((*name).to_owned(), json!(text))).collect())
        }
    };
    match call(&op, &args) {
        Ok(out) => {
            assert!(!expect_unknown, "call_pure ran {op:?}");
            check_ok(&op, &args, &out);
        }
        Err(e) => {
            check_err(&op, &e);
            if expect_unknown {
                assert_eq!(e.code(), "api.unknown_operation", "{op:?}");
            }
        }
    }
});
