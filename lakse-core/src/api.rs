//! The binding surface: every operation a binding mirrors, declared once.
//!
//! [`OPERATIONS`] lists them with their arguments and results; the test
//! `api_manifest_is_fresh` writes it, with the JSON Schema of every record,
//! to `tests/vectors/api.json`, which every binding's test suite compares its
//! own API against. [`call`] and [`call_pure`] run an operation named as a
//! string with JSON arguments: the C binding's engine and the shared
//! journeys' runner.
//!
//! Every argument and result is an owned value: strings, whole numbers,
//! booleans, `NaiveDate` (a calendar date), `DateTime<Utc>` (an instant),
//! byte buffers ([`Bytes`]), enums, records, lists and options. In JSON,
//! dates are `YYYY-MM-DD`, instants RFC 3339 in UTC, bytes standard base64,
//! and NIK / No KK always strings.
//!
//! ```
//! use lakse_core::api;
//! let nik = api::parse_nik("2171 0552 0990 0001", None)?;
//! assert_eq!(nik.masked, "2171xxxxxxxx0001");
//! assert_eq!(nik.regency_name.as_deref(), Some("Kota Batam"));
//!
//! let json = api::call_pure("parse_nik", &serde_json::json!({"text": "2171055209900001"}))?;
//! assert_eq!(json["birth_date"], "1990-09-12");
//! # Ok::<(), lakse_core::Error>(())
//! ```

use chrono::NaiveDate;
use serde_json::Value;

use crate::account::{Account, Session};
use crate::application::{
    Action, Actor, ApplicationDetail, ApplicationPage, ApplicationSummary, AuditPage, Completion,
    DocumentContent, NewApplication, Page, Resubmission, Status, StatusLabel,
};
use crate::catalog::{Office, Service};
use crate::coupon::{Coupon, CouponClaims};
use crate::delivery::DeliveryReport;
use crate::email::EmailRecord;
use crate::error::{Error, ErrorCode, ErrorInfo, Result};
use crate::kk::KkRecord;
use crate::lakse::Lakse;
use crate::nik::{Mode, NikInfo, NikRecord};
use crate::outbox::OutboxMessage;
use crate::profile::{Photo, Profile, ProfileInput};
use crate::sensitive::Bytes;

/// Whether an operation needs an open handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// A method of the [`Lakse`] handle: it may touch the database, files or
    /// the network, so bindings make it asynchronous where their language can.
    Handle,
    /// A pure function: no handle, no I/O; bindings keep it synchronous.
    Pure,
}

/// One operation of the surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// Its name in snake_case (bindings convert to their language's case).
    pub name: &'static str,
    /// Handle method or pure function.
    pub receiver: Receiver,
    /// Argument names with their Rust types.
    pub args: &'static [(&'static str, &'static str)],
    /// The result's Rust type (`()` for none).
    pub returns: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// One item of a batch parse: the record, or the error for that item.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct NikOutcome {
    /// The parsed NIK, when valid.
    pub ok: Option<NikRecord>,
    /// Why it is not, otherwise.
    pub error: Option<ErrorInfo>,
}

/// Reads argument `name` from a JSON object (missing means `null`).
fn arg<T: serde::de::DeserializeOwned>(args: &Value, name: &str) -> Result<T> {
    if !(args.is_object() || args.is_null()) {
        return Err(Error::rule(
            ErrorCode::ApiInvalidArguments,
            "args",
            "arguments are a JSON object",
        ));
    }
    decode(name, args.get(name).cloned().unwrap_or(Value::Null))
}

/// Reads `value` as the argument `name`. A mismatch names where it is
/// (`completion.pickup_date`, `options.session_ttl_seconds`) and what was
/// expected, never the value given: that may be a NIK or a password, and
/// serde's own message quotes it.
///
/// ```
/// use lakse_core::application::Completion;
/// use serde_json::json;
///
/// let err = lakse_core::api::decode::<Completion>(
///     "completion",
///     json!({ "pickup_date": "2171055209900001" }),
/// )
/// .unwrap_err();
/// assert_eq!(err.field(), Some("completion.pickup_date"));
/// assert!(!err.to_string().contains("2171055209900001"));
/// ```
pub fn decode<T: serde::de::DeserializeOwned>(name: &str, value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            name.to_owned()
        } else {
            format!("{name}.{path}")
        };
        let serde = e.into_inner().to_string();
        // "…, expected u32" / "…, expected one of `a`, `b`" come from the
        // type, "missing field `x`" from its shape: neither holds the value.
        let why = match serde.rsplit_once(", expected ") {
            Some((_, expected)) => format!("expected {expected}"),
            None if serde.starts_with("missing field `") => serde,
            None => format!(
                "not the expected type ({})",
                short_type_name(std::any::type_name::<T>())
            ),
        };
        Error::rule(ErrorCode::ApiInvalidArguments, field, why)
    })
}

/// `core::option::Option<alloc::string::String>` as `Option<String>`.
fn short_type_name(full: &str) -> String {
    let mut out = String::new();
    let mut segment = String::new();
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            segment.clear();
        } else if c.is_alphanumeric() || c == '_' {
            segment.push(c);
        } else {
            out.push_str(&segment);
            segment.clear();
            out.push(c);
        }
    }
    out + &segment
}

fn to_json<T: serde::Serialize>(value: T) -> Result<Value> {
    serde_json::to_value(value).map_err(Error::internal)
}

fn unknown(op: &str) -> Error {
    Error::rule(
        ErrorCode::ApiUnknownOperation,
        "op",
        format!("no operation {:?}", op.chars().take(64).collect::<String>()),
    )
}

macro_rules! surface {
    (
        handle($lakse:ident) {
            $( $(#[doc = $hdoc:literal])* fn $hname:ident($($harg:ident: $hty:ty),*) -> $hret:ty = $hcall:expr; )*
        }
        pure {
            $( $(#[doc = $pdoc:literal])* fn $pname:ident($($parg:ident: $pty:ty),*) -> $pret:ty = $pcall:expr; )*
        }
    ) => {
        /// Every operation of the binding surface, handle methods first.
        pub const OPERATIONS: &[Operation] = &[
            $(Operation {
                name: stringify!($hname),
                receiver: Receiver::Handle,
                args: &[$((stringify!($harg), stringify!($hty))),*],
                returns: stringify!($hret),
                doc: concat!($($hdoc),*),
            },)*
            $(Operation {
                name: stringify!($pname),
                receiver: Receiver::Pure,
                args: &[$((stringify!($parg), stringify!($pty))),*],
                returns: stringify!($pret),
                doc: concat!($($pdoc),*),
            },)*
        ];

        /// Runs the handle method `op` with the JSON object `args`, returning its
        /// result as JSON. Unknown names and ill-typed arguments are typed errors,
        /// and a panic is [`Error::Internal`] ([`guard`](crate::error::guard)).
        pub fn call($lakse: &Lakse, op: &str, args: &Value) -> Result<Value> {
            crate::error::guard(|| match op {
                $(stringify!($hname) => {
                    $(let $harg: $hty = arg(args, stringify!($harg))?;)*
                    let out: $hret = $hcall?;
                    to_json(out)
                })*
                _ => Err(unknown(op)),
            })
        }

        /// Runs the pure function `op` with the JSON object `args` (a panic is
        /// [`Error::Internal`], as in [`call`]).
        pub fn call_pure(op: &str, args: &Value) -> Result<Value> {
            crate::error::guard(|| match op {
                $(stringify!($pname) => {
                    $(let $parg: $pty = arg(args, stringify!($parg))?;)*
                    let out: $pret = $pcall?;
                    to_json(out)
                })*
                _ => Err(unknown(op)),
            })
        }

        /// The JSON Schema definitions of every type the operations take and give.
        pub fn schema_definitions() -> serde_json::Map<String, Value> {
            let mut generator = schemars::SchemaGenerator::default();
            $($(generator.subschema_for::<$hty>();)* generator.subschema_for::<$hret>();)*
            $($(generator.subschema_for::<$pty>();)* generator.subschema_for::<$pret>();)*
            generator.subschema_for::<ErrorInfo>();
            generator.subschema_for::<crate::OpenOptions>();
            generator.take_definitions(true)
        }
    };
}

surface! {
    handle(lakse) {
        /// Closes the handle: every later call fails with `handle.closed`.
        fn close() -> () = Ok::<(), Error>(lakse.close());
        /// The data folder's path.
        fn data_dir() -> String = lakse.data_dir();
        /// Today in the office's time zone.
        fn today() -> NaiveDate = lakse.check_open().map(|()| lakse.today());
        /// The office's public key, for verifying coupons offline.
        fn office_public_key() -> String = lakse.check_open().map(|()| lakse.office_public_key());
        /// The services the catalog lists, with their document slots and fields.
        fn services() -> Vec<Service> = lakse.services();
        /// The office the catalog describes.
        fn office() -> Office = lakse.office();
        /// The pickup places an officer may choose.
        fn pickup_places() -> Vec<String> = lakse.pickup_places();
        /// Registers an e-mail address and queues its confirmation link.
        fn register(email: String) -> () = lakse.register(&email);
        /// Follows a confirmation link: activates the account and mails a one-time password.
        fn confirm(token: String) -> () = lakse.confirm(&token);
        /// Follows a confirmation link choosing the password at once.
        fn confirm_with_password(token: String, password: String) -> () =
            lakse.confirm_with_password(&token, &password);
        /// Logs in.
        fn login(email: String, password: String) -> Session = lakse.login(&email, &password);
        /// Ends a session.
        fn logout(session: String) -> () = lakse.logout(&session);
        /// The session's account.
        fn whoami(session: String) -> Account = lakse.whoami(&session);
        /// Changes the password (ends the account's other sessions).
        fn change_password(session: String, old_password: String, new_password: String) -> () =
            lakse.change_password(&session, &old_password, &new_password);
        /// Queues a password-reset link (the same answer whether the address has an account or not).
        fn forgot_password(email: String) -> () = lakse.forgot_password(&email);
        /// Sets a new password with a reset link.
        fn reset_password(email: String, token: String, new_password: String) -> () =
            lakse.reset_password(&email, &token, &new_password);
        /// Creates the first admin account (only while there is none).
        fn bootstrap_admin(email: String, password: String) -> Account =
            lakse.bootstrap_admin(&email, &password);
        /// Creates an officer or admin account (admins only); mails its one-time password.
        fn create_staff(session: String, email: String, role: Actor) -> Account =
            lakse.create_staff(&session, &email, role);
        /// The caller's profile ("Data Diri").
        fn profile(session: String) -> Profile = lakse.profile(&session);
        /// Replaces the caller's profile.
        fn update_profile(session: String, input: ProfileInput) -> Profile =
            lakse.update_profile(&session, &input);
        /// Frees a NIK from the profile holding it (officers and admins; audited):
        /// true when a profile held it.
        fn release_nik(session: String, nik: String) -> bool = lakse.release_nik(&session, &nik);
        /// Uploads the profile photo (JPEG or PNG).
        fn set_profile_photo(session: String, file_name: String, bytes: Bytes) -> () =
            lakse.set_profile_photo(&session, &file_name, &bytes.0);
        /// The profile photo, if any.
        fn profile_photo(session: String) -> Option<Photo> = lakse.profile_photo(&session);
        /// Submits an application ("Permohonan").
        fn submit(session: String, application: NewApplication) -> ApplicationSummary =
            lakse.submit(&session, &application);
        /// "Pengajuanku": the caller's applications, newest first.
        fn my_applications(session: String, page: Page) -> ApplicationPage =
            lakse.my_applications(&session, page);
        /// "Detail Pengajuan" (officers' reads are audited).
        fn application(session: String, number: String) -> ApplicationDetail =
            lakse.application(&session, &number);
        /// One stored document of an application.
        fn document(session: String, number: String, slot: String) -> DocumentContent =
            lakse.document(&session, &number, &slot);
        /// Corrects and resubmits a rejected application.
        fn resubmit(session: String, number: String, change: Resubmission) -> ApplicationSummary =
            lakse.resubmit(&session, &number, &change);
        /// Cancels the caller's application.
        fn cancel(session: String, number: String) -> ApplicationSummary =
            lakse.cancel(&session, &number);
        /// The officer queue, oldest first, by status and service.
        fn queue(session: String, status: Option<Status>, service: Option<String>, page: Page) -> ApplicationPage =
            lakse.queue(&session, status, service.as_deref(), page);
        /// Accepts a submitted application for processing.
        fn accept(session: String, number: String, note: String) -> ApplicationSummary =
            lakse.accept(&session, &number, &note);
        /// Rejects an application with the reason the applicant must fix.
        fn reject(session: String, number: String, reason: String) -> ApplicationSummary =
            lakse.reject(&session, &number, &reason);
        /// Completes an application with the pickup date, place and note.
        fn complete(session: String, number: String, completion: Completion) -> ApplicationSummary =
            lakse.complete(&session, &number, &completion);
        /// Records that the documents were collected.
        fn collect(session: String, number: String) -> ApplicationSummary =
            lakse.collect(&session, &number);
        /// The audit log, newest first (admins only).
        fn audit_log(session: String, page: Page) -> AuditPage = lakse.audit_log(&session, page);
        /// The pickup coupon of a completed application.
        fn coupon(session: String, number: String) -> Coupon = lakse.coupon(&session, &number);
        /// The oldest `limit` messages of the outbox.
        fn outbox(limit: u32) -> Vec<OutboxMessage> = lakse.outbox(limit);
        /// Sends due messages (SMTP or folder), at least once each.
        fn deliver_pending(limit: u32) -> DeliveryReport = lakse.deliver_pending(limit);
        /// Sends a parked message again.
        fn retry_outbox(id: i64) -> () = lakse.retry_outbox(id);
        /// A message as the RFC 5322 bytes it is sent as.
        fn compose_outbox(id: i64) -> Bytes = lakse.compose_outbox(id).map(Bytes);
    }
    pure {
        /// Parses and checks a NIK (strict: the region must be known); `today` defaults to today in WIB.
        fn parse_nik(text: String, today: Option<NaiveDate>) -> NikRecord = parse_nik(&text, today);
        /// Parses many NIKs: one record or error per item, never failing for a bad item.
        fn parse_niks(texts: Vec<String>, today: Option<NaiveDate>) -> Vec<NikOutcome> =
            Ok::<Vec<NikOutcome>, Error>(parse_niks(&texts, today));
        /// Parses and checks a No KK.
        fn parse_kk(text: String, today: Option<NaiveDate>) -> KkRecord = parse_kk(&text, today);
        /// An Indonesian phone number in +62 form.
        fn normalize_phone(text: String) -> String = crate::phone::normalize(&text);
        /// A NIK's display form (`2171xxxxxxxx0001`), after checking its shape.
        fn mask_nik(text: String) -> String = mask_nik(&text);
        /// A No KK's display form (`2171xxxxxxxx0003`), after checking its shape.
        fn mask_kk(text: String) -> String = mask_kk(&text);
        /// An Indonesian phone number's display form (`+62812****7890`).
        fn mask_phone(text: String) -> String = crate::phone::mask(&text);
        /// Checks an e-mail address as an account's, with the form it is matched by.
        fn parse_email(text: String) -> EmailRecord =
            crate::email::parse(&text).map(|e| EmailRecord::from(&e));
        /// The status after `actor` takes `action` on an application in `status`.
        fn next_status(status: Status, action: Action, actor: Actor) -> Status =
            crate::application::next(status, action, actor);
        /// The status a new application starts in, when `actor` may submit one.
        fn initial_status(actor: Actor) -> Status = crate::application::initial(actor);
        /// What `actor` may do to an application in `status`, in table order.
        fn allowed_actions(status: Status, actor: Actor) -> Vec<Action> =
            Ok::<Vec<Action>, Error>(crate::application::allowed(status, actor));
        /// What the applicant sees for `status`: its label, and the note shown when the officer left none.
        fn status_label(status: Status) -> StatusLabel = Ok::<StatusLabel, Error>(StatusLabel::from(status));
        /// Checks a coupon's verification code with the office's public key alone.
        fn verify_coupon(payload: String, public_key: String) -> CouponClaims =
            crate::coupon::verify(&public_key, &payload);
    }
}

/// Checks a NIK as [`parse_nik`] does (strict mode, as of `today`, default
/// today in WIB), returning the parsed parts rather than the flat record:
/// for bindings that build their own records from them.
pub fn check_nik(text: &str, today: Option<NaiveDate>) -> Result<NikInfo> {
    let today = today.unwrap_or_else(crate::clock::today_wib);
    crate::nik::parse(text, Mode::Strict, today)
}

/// Parses and checks a NIK in strict mode, as of `today` (default: today in WIB).
pub fn parse_nik(text: &str, today: Option<NaiveDate>) -> Result<NikRecord> {
    check_nik(text, today).map(|info| NikRecord::from(&info))
}

/// Parses many NIKs; a bad item gives its error, never a failure of the batch.
pub fn parse_niks(texts: &[String], today: Option<NaiveDate>) -> Vec<NikOutcome> {
    let today = Some(today.unwrap_or_else(crate::clock::today_wib));
    texts
        .iter()
        .map(|text| match check_nik(text, today) {
            Ok(info) => NikOutcome {
                ok: Some(NikRecord::from(&info)),
                error: None,
            },
            Err(e) => NikOutcome {
                ok: None,
                error: Some(ErrorInfo::from(&e)),
            },
        })
        .collect()
}

/// Parses and checks a No KK in strict mode, as of `today` (default: today in WIB).
pub fn parse_kk(text: &str, today: Option<NaiveDate>) -> Result<KkRecord> {
    let today = today.unwrap_or_else(crate::clock::today_wib);
    crate::kk::parse(text, Mode::Strict, today).map(|info| KkRecord::from(&info))
}

/// A NIK's display form after checking its shape and date (lenient: any region).
pub fn mask_nik(text: &str) -> Result<String> {
    crate::nik::parse_today(text, Mode::Lenient).map(|info| info.nik.mask())
}

/// A No KK's display form, after checking its shape and date leniently as of
/// today in WIB (the region need not be known).
pub fn mask_kk(text: &str) -> Result<String> {
    crate::kk::parse_today(text, Mode::Lenient).map(|info| info.no_kk.mask())
}

/// The neutral name of a Rust type as the manifest writes it:
/// `string`, `date`, `timestamp`, `bytes`, `optional<…>`, `list<…>`, `void`,
/// integers by width, records and enums by name.
pub fn neutral_type(rust: &str) -> String {
    let t = rust.replace(' ', "");
    if let Some(inner) = t.strip_prefix("Option<").and_then(|s| s.strip_suffix('>')) {
        return format!("optional<{}>", neutral_type(inner));
    }
    if let Some(inner) = t.strip_prefix("Vec<").and_then(|s| s.strip_suffix('>')) {
        return format!("list<{}>", neutral_type(inner));
    }
    match t.as_str() {
        "()" => "void".into(),
        "String" => "string".into(),
        "NaiveDate" => "date".into(),
        "DateTime<Utc>" => "timestamp".into(),
        "Bytes" => "bytes".into(),
        other => other.into(),
    }
}

/// The manifest `tests/vectors/api.json` holds: every operation with its
/// neutral argument and result types, and the JSON Schema of every record.
pub fn manifest() -> Value {
    let operations: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            serde_json::json!({
                "name": op.name,
                "receiver": op.receiver,
                "doc": op.doc.trim(),
                "args": op.args.iter().map(|(name, ty)| serde_json::json!({
                    "name": name,
                    "type": neutral_type(ty),
                })).collect::<Vec<_>>(),
                "returns": neutral_type(op.returns),
            })
        })
        .collect();
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "types_note": "dates are YYYY-MM-DD, timestamps RFC 3339 UTC, bytes standard base64 in JSON; NIK and No KK are strings",
        "operations": operations,
        "types": schema_definitions(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for op in OPERATIONS {
            assert!(seen.insert(op.name), "{} twice", op.name);
            assert!(op.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(!op.doc.trim().is_empty(), "{} has no doc", op.name);
        }
    }

    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(
            short_type_name("core::option::Option<alloc::vec::Vec<alloc::string::String>>"),
            "Option<Vec<String>>"
        );
    }

    #[test]
    fn neutral_types_nest() {
        assert_eq!(
            neutral_type("Option<Vec<String>>"),
            "optional<list<string>>"
        );
        assert_eq!(neutral_type("Option < NaiveDate >"), "optional<date>");
        assert_eq!(neutral_type("()"), "void");
    }

    #[test]
    fn bad_arguments_and_names_are_typed_errors() {
        let err = call_pure("parse_nik", &serde_json::json!({"text": 5})).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("api.invalid_arguments", Some("text"))
        );
        let err = call_pure("nope", &Value::Null).unwrap_err();
        assert_eq!(err.code(), "api.unknown_operation");
        let err = call_pure("parse_nik", &serde_json::json!([1])).unwrap_err();
        assert_eq!(err.code(), "api.invalid_arguments");
        let err = call_pure(
            "next_status",
            &serde_json::json!({"status": "2171055209900001", "action": "x", "actor": "y"}),
        )
        .unwrap_err();
        assert!(!err.to_string().contains("2171055209900001"), "{err}");
    }
}
