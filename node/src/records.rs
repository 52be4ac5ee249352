//! The core's result records as plain JavaScript objects: camelCase keys,
//! `Date` for dates (midnight UTC) and instants, `Buffer` for bytes, `null`
//! for absent values, and the [`sensitive`](crate::sensitive) wrappers for
//! personal data and secrets.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use lakse_core as lc;
use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

use crate::enums::{Action, Actor, Family, FileType, Kind, OutboxState, RegionLevel, Sex, Status};
use crate::printed::{Print, Printed, camel_case};
use crate::sensitive::{EmailAddress, IdNumber, Secret, TextMap};

/// A calendar date as a `Date` at midnight UTC.
pub fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

fn list<T, U: From<T>>(items: Vec<T>) -> Vec<U> {
    items.into_iter().map(U::from).collect()
}

fn printed<T, U: From<T>>(items: Vec<T>) -> Vec<Printed<U>> {
    items.into_iter().map(Printed::of).collect()
}

/// Counts the core keeps in 64 bits are far below 2^53.
fn count(n: u64) -> f64 {
    n as f64
}

/// A parsed NIK (`parseNik`).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct NikRecord {
    /// The 16 digits (masked when printed; `nik.expose()` gives them).
    pub nik: IdNumber,
    /// The display form, `2171xxxxxxxx0001`.
    pub masked: String,
    /// Birth date (a `Date` at midnight UTC).
    pub birth_date: DateTime<Utc>,
    /// Sex.
    pub sex: Sex,
    /// Digits 13–16, 1–9999.
    pub serial: u32,
    /// Province code (2 digits).
    pub province_code: String,
    /// Province name, when the code is known.
    pub province_name: Option<String>,
    /// Regency code (4 digits).
    pub regency_code: String,
    /// Regency name, when the code is known.
    pub regency_name: Option<String>,
    /// District code (6 digits).
    pub district_code: String,
    /// District name, when the code is known.
    pub district_name: Option<String>,
    /// True when the region code was retired after a split (the NIK stays valid).
    pub retired: bool,
    /// The code of the region that took over a retired one.
    pub successor_code: Option<String>,
    /// The name of the region that took over a retired one.
    pub successor_name: Option<String>,
}

impl From<lc::nik::NikRecord> for NikRecord {
    fn from(r: lc::nik::NikRecord) -> Self {
        NikRecord {
            nik: r.nik.into(),
            masked: r.masked,
            birth_date: midnight(r.birth_date),
            sex: r.sex.into(),
            serial: r.serial.into(),
            province_code: r.province_code,
            province_name: r.province_name,
            regency_code: r.regency_code,
            regency_name: r.regency_name,
            district_code: r.district_code,
            district_name: r.district_name,
            retired: r.retired,
            successor_code: r.successor_code,
            successor_name: r.successor_name,
        }
    }
}

impl Print for NikRecord {
    fn shown() -> Option<&'static [String]> {
        static SHOWN: LazyLock<Vec<String>> =
            LazyLock::new(|| camel_case(lc::nik::NikRecord::PRINTED));
        Some(&SHOWN)
    }
}

/// A parsed No KK (`parseKk`).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct KkRecord {
    /// The 16 digits (masked when printed; `noKk.expose()` gives them).
    pub no_kk: IdNumber,
    /// The display form, `2171xxxxxxxx0001`.
    pub masked: String,
    /// Issue date (a `Date` at midnight UTC).
    pub issue_date: DateTime<Utc>,
    /// Digits 13–16, 1–9999.
    pub serial: u32,
    /// Province code (2 digits).
    pub province_code: String,
    /// Province name, when the code is known.
    pub province_name: Option<String>,
    /// Regency code (4 digits).
    pub regency_code: String,
    /// Regency name, when the code is known.
    pub regency_name: Option<String>,
    /// District code (6 digits).
    pub district_code: String,
    /// District name, when the code is known.
    pub district_name: Option<String>,
    /// True when the region code was retired after a split.
    pub retired: bool,
    /// The code of the region that took over a retired one.
    pub successor_code: Option<String>,
    /// The name of the region that took over a retired one.
    pub successor_name: Option<String>,
}

impl From<lc::kk::KkRecord> for KkRecord {
    fn from(r: lc::kk::KkRecord) -> Self {
        KkRecord {
            no_kk: r.no_kk.into(),
            masked: r.masked,
            issue_date: midnight(r.issue_date),
            serial: r.serial.into(),
            province_code: r.province_code,
            province_name: r.province_name,
            regency_code: r.regency_code,
            regency_name: r.regency_name,
            district_code: r.district_code,
            district_name: r.district_name,
            retired: r.retired,
            successor_code: r.successor_code,
            successor_name: r.successor_name,
        }
    }
}

impl Print for KkRecord {
    fn shown() -> Option<&'static [String]> {
        static SHOWN: LazyLock<Vec<String>> =
            LazyLock::new(|| camel_case(lc::kk::KkRecord::PRINTED));
        Some(&SHOWN)
    }
}

/// An error as a plain record: one failed item of `parseNiks`.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ErrorInfo {
    /// The stable code, e.g. `nik.invalid_date`.
    pub code: String,
    /// The stable number, e.g. 1004.
    pub number: u32,
    /// The family.
    pub family: Family,
    /// Whether the same call can succeed later.
    pub retryable: bool,
    /// The field concerned, if any.
    pub field: Option<String>,
    /// The developer's message, in English.
    pub message: String,
    /// The applicant's or officer's message, in Indonesian.
    pub message_id: String,
}

impl From<lc::error::ErrorInfo> for ErrorInfo {
    fn from(e: lc::error::ErrorInfo) -> Self {
        ErrorInfo {
            code: e.code,
            number: e.number.into(),
            family: e.family.into(),
            retryable: e.retryable,
            field: e.field,
            message: e.message,
            message_id: e.message_id,
        }
    }
}

/// One item of `parseNiks`: the record, or the error for that item.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct NikOutcome {
    /// The parsed NIK, when valid.
    #[napi(ts_type = "NikRecord")]
    pub ok: Option<Printed<NikRecord>>,
    /// Why it is not, otherwise.
    pub error: Option<ErrorInfo>,
}

impl From<lc::api::NikOutcome> for NikOutcome {
    fn from(o: lc::api::NikOutcome) -> Self {
        NikOutcome {
            ok: o.ok.map(Printed::of),
            error: o.error.map(ErrorInfo::from),
        }
    }
}

/// An e-mail address checked as an account's (`parseEmail`).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct EmailRecord {
    /// The address as entered (NFKC-normalised, trimmed), for display to its
    /// owner and for sending (masked when printed; `address.expose()` gives it).
    pub address: EmailAddress,
    /// The form accounts are matched by: local part lowercased, domain in
    /// ASCII (IDNA) (masked when printed; `key.expose()` gives it).
    pub key: EmailAddress,
    /// The detail view's form, e.g. `d***1@gmail.com`.
    pub masked: String,
}

impl From<lc::email::EmailRecord> for EmailRecord {
    fn from(r: lc::email::EmailRecord) -> Self {
        EmailRecord {
            address: r.address.into(),
            key: r.key.into(),
            masked: r.masked,
        }
    }
}

/// What the applicant sees for a status (`statusLabel`).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct StatusLabel {
    /// The label in "Pengajuanku" (Diajukan shows as "Diproses", as in the manual).
    pub label: String,
    /// The note shown when the officer left none.
    pub default_note: String,
}

impl From<lc::application::StatusLabel> for StatusLabel {
    fn from(l: lc::application::StatusLabel) -> Self {
        StatusLabel {
            label: l.label,
            default_note: l.default_note,
        }
    }
}

/// What a verified coupon states (`verifyCoupon`).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct CouponClaims {
    /// The application number, e.g. `BTM-2026-000001-J`.
    pub number: String,
    /// NIK Pemohon, masked as printed.
    pub nik_masked: String,
    /// The service id.
    pub service: String,
    /// Tanggal Pengambilan (a `Date` at midnight UTC).
    pub pickup_date: DateTime<Utc>,
}

impl From<lc::coupon::CouponClaims> for CouponClaims {
    fn from(c: lc::coupon::CouponClaims) -> Self {
        CouponClaims {
            number: c.number,
            nik_masked: c.nik_masked,
            service: c.service,
            pickup_date: midnight(c.pickup_date),
        }
    }
}

/// A logged-in session.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Session {
    /// The session token (`token.expose()` to pass it on).
    pub token: Secret,
    /// The account's id.
    pub account_id: i64,
    /// The account's address.
    pub email: EmailAddress,
    /// Applicant, officer or admin.
    pub role: Actor,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
    /// True until the account chooses its own password.
    pub must_change_password: bool,
}

impl From<lc::Session> for Session {
    fn from(s: lc::Session) -> Self {
        Session {
            token: s.token.into(),
            account_id: s.account_id,
            email: s.email.into(),
            role: s.role.into(),
            expires_at: s.expires_at,
            must_change_password: s.must_change_password,
        }
    }
}

/// An account as seen by itself or an admin.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// The e-mail address as registered.
    pub email: EmailAddress,
    /// Applicant, officer or admin.
    pub role: Actor,
    /// False until the confirmation link is followed.
    pub active: bool,
    /// True until the account chooses its own password.
    pub must_change_password: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl From<lc::Account> for Account {
    fn from(a: lc::Account) -> Self {
        Account {
            id: a.id,
            email: a.email.into(),
            role: a.role.into(),
            active: a.active,
            must_change_password: a.must_change_password,
            created_at: a.created_at,
        }
    }
}

/// The applicant's profile ("Data Diri").
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Profile {
    /// The account's address.
    pub email: EmailAddress,
    /// Nama Lengkap.
    pub nama: String,
    /// NIK (empty until filled in).
    pub nik: IdNumber,
    /// NIK, masked.
    pub nik_masked: String,
    /// No KK (empty until filled in).
    pub no_kk: IdNumber,
    /// No KK, masked.
    pub no_kk_masked: String,
    /// WhatsApp, in +62 form.
    pub whatsapp: String,
    /// Phone, in +62 form.
    pub hp: String,
    /// Sex, once filled in.
    pub sex: Option<Sex>,
    /// Tempat Lahir.
    pub birth_place: String,
    /// Whether a photo was uploaded.
    pub has_photo: bool,
    /// The fields still missing before an application can be submitted.
    pub missing: Vec<String>,
}

impl From<lc::profile::Profile> for Profile {
    fn from(p: lc::profile::Profile) -> Self {
        Profile {
            email: p.email.into(),
            nama: p.nama,
            nik: p.nik.into(),
            nik_masked: p.nik_masked,
            no_kk: p.no_kk.into(),
            no_kk_masked: p.no_kk_masked,
            whatsapp: p.whatsapp,
            hp: p.hp,
            sex: p.sex.map(Sex::from),
            birth_place: p.birth_place,
            has_photo: p.has_photo,
            missing: p.missing,
        }
    }
}

impl Print for Profile {
    const FREE_TEXT: &'static [&'static str] = &["nama", "birthPlace"];
}

/// The profile photo.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Photo {
    /// The image.
    pub bytes: Buffer,
    /// MIME type.
    pub mime: String,
}

impl From<lc::profile::Photo> for Photo {
    fn from(p: lc::profile::Photo) -> Self {
        Photo {
            bytes: p.bytes.into(),
            mime: p.mime,
        }
    }
}

/// One row of "Pengajuanku" or of the officer queue.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ApplicationSummary {
    /// The application number (`BTM-2026-000123-C`).
    pub number: String,
    /// Nama Pemohon.
    pub nama: String,
    /// NIK Pemohon, masked.
    pub nik_masked: String,
    /// The service id.
    pub service: String,
    /// "Jenis Layanan" as shown.
    pub service_name: String,
    /// The sub-type's name, if any.
    pub subtype_name: Option<String>,
    /// Waktu Pengajuan.
    pub submitted_at: DateTime<Utc>,
    /// Waktu Pengajuan in the office's time zone, as the manual prints it.
    pub submitted_at_local: String,
    /// The status.
    pub status: Status,
    /// The status as shown ("Diproses" for a submitted application).
    pub status_label: String,
    /// Keterangan: the officer's note, or the status's default note.
    pub note: String,
    /// What the viewer may do now.
    pub actions: Vec<Action>,
}

impl From<lc::application::ApplicationSummary> for ApplicationSummary {
    fn from(s: lc::application::ApplicationSummary) -> Self {
        ApplicationSummary {
            number: s.number,
            nama: s.nama,
            nik_masked: s.nik_masked,
            service: s.service,
            service_name: s.service_name,
            subtype_name: s.subtype_name,
            submitted_at: s.submitted_at,
            submitted_at_local: s.submitted_at_local,
            status: s.status.into(),
            status_label: s.status_label,
            note: s.note,
            actions: list(s.actions),
        }
    }
}

impl Print for ApplicationSummary {
    const FREE_TEXT: &'static [&'static str] = &["nama", "note"];
}

/// One page of "Pengajuanku" or of the officer queue.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ApplicationPage {
    /// The rows of this page.
    #[napi(ts_type = "Array<ApplicationSummary>")]
    pub items: Vec<Printed<ApplicationSummary>>,
    /// How many rows the whole list has.
    pub total: f64,
    /// Rows skipped before this page.
    pub offset: u32,
    /// The page size used.
    pub limit: u32,
}

impl From<lc::application::ApplicationPage> for ApplicationPage {
    fn from(p: lc::application::ApplicationPage) -> Self {
        ApplicationPage {
            items: printed(p.items),
            total: count(p.total),
            offset: p.offset,
            limit: p.limit,
        }
    }
}

/// One document of an application.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct DocumentInfo {
    /// The slot id.
    pub slot: String,
    /// The slot's name as the applicant sees it ("Form F1").
    pub name: String,
    /// The original file name.
    pub file_name: String,
    /// Size in bytes.
    pub size: f64,
    /// MIME type, from the content.
    pub mime: String,
}

impl From<lc::application::DocumentInfo> for DocumentInfo {
    fn from(d: lc::application::DocumentInfo) -> Self {
        DocumentInfo {
            slot: d.slot,
            name: d.name,
            file_name: d.file_name,
            size: count(d.size),
            mime: d.mime,
        }
    }
}

impl Print for DocumentInfo {
    const FREE_TEXT: &'static [&'static str] = &["fileName"];
}

/// One recorded transition.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (account id).
    pub actor_id: i64,
    /// In which role.
    pub actor: Actor,
    /// What they did.
    pub action: Action,
    /// The status before (`null` for the submission).
    pub from: Option<Status>,
    /// The status after.
    pub to: Status,
    /// The note given.
    pub note: String,
}

impl From<lc::application::HistoryEntry> for HistoryEntry {
    fn from(h: lc::application::HistoryEntry) -> Self {
        HistoryEntry {
            at: h.at,
            actor_id: h.actor_id,
            actor: h.actor.into(),
            action: h.action.into(),
            from: h.from.map(Status::from),
            to: h.to.into(),
            note: h.note,
        }
    }
}

impl Print for HistoryEntry {
    const FREE_TEXT: &'static [&'static str] = &["note"];
}

/// Where and when to collect the documents.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Pickup {
    /// Tanggal Pengambilan (a `Date` at midnight UTC).
    pub date: DateTime<Utc>,
    /// Tempat Pengambilan.
    pub place: String,
}

impl From<lc::application::Pickup> for Pickup {
    fn from(p: lc::application::Pickup) -> Self {
        Pickup {
            date: midnight(p.date),
            place: p.place,
        }
    }
}

/// "Detail Pengajuan".
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ApplicationDetail {
    /// The list row.
    #[napi(ts_type = "ApplicationSummary")]
    pub summary: Printed<ApplicationSummary>,
    /// No KK Pemohon, masked.
    pub no_kk_masked: String,
    /// Email Pemohon, masked.
    pub email_masked: String,
    /// WhatsApp, in +62 form.
    pub whatsapp: String,
    /// The sub-type id, if any.
    pub subtype: Option<String>,
    /// The applicant's Keterangan.
    pub keterangan: String,
    /// The extra fields, normalised (`fields.get('child_nik')`; printed masked).
    pub fields: TextMap,
    /// The documents, in catalog order.
    #[napi(ts_type = "Array<DocumentInfo>")]
    pub documents: Vec<Printed<DocumentInfo>>,
    /// Every transition, oldest first.
    #[napi(ts_type = "Array<HistoryEntry>")]
    pub history: Vec<Printed<HistoryEntry>>,
    /// Where and when to collect, once Selesai.
    pub pickup: Option<Pickup>,
    /// The service's counter note (e.g. loket 14).
    pub counter_note: Option<String>,
    /// The full NIK, for officers only (their read is audited); `null` for applicants.
    pub nik_for_officer: Option<IdNumber>,
}

impl From<lc::application::ApplicationDetail> for ApplicationDetail {
    fn from(d: lc::application::ApplicationDetail) -> Self {
        ApplicationDetail {
            summary: Printed::of(d.summary),
            no_kk_masked: d.no_kk_masked,
            email_masked: d.email_masked,
            whatsapp: d.whatsapp,
            subtype: d.subtype,
            keterangan: d.keterangan,
            fields: TextMap::fields(d.fields),
            documents: printed(d.documents),
            history: printed(d.history),
            pickup: d.pickup.map(Pickup::from),
            counter_note: d.counter_note,
            nik_for_officer: d.nik_for_officer.map(IdNumber::from),
        }
    }
}

impl Print for ApplicationDetail {
    const FREE_TEXT: &'static [&'static str] = &["keterangan"];
}

/// A stored document's content.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct DocumentContent {
    /// The original file name.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// The bytes.
    pub bytes: Buffer,
}

impl From<lc::application::DocumentContent> for DocumentContent {
    fn from(d: lc::application::DocumentContent) -> Self {
        DocumentContent {
            file_name: d.file_name,
            mime: d.mime,
            bytes: d.bytes.into(),
        }
    }
}

impl Print for DocumentContent {
    const FREE_TEXT: &'static [&'static str] = &["fileName"];
}

/// One audit-log entry: who read or changed what.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (account id).
    pub actor_id: i64,
    /// In which role.
    pub actor: Actor,
    /// What (`read_detail`, `read_document`, …).
    pub what: String,
    /// The application concerned, if any.
    pub application_number: Option<String>,
    /// Details (never personal data).
    pub detail: String,
}

impl From<lc::application::AuditEntry> for AuditEntry {
    fn from(a: lc::application::AuditEntry) -> Self {
        AuditEntry {
            at: a.at,
            actor_id: a.actor_id,
            actor: a.actor.into(),
            what: a.what,
            application_number: a.application_number,
            detail: a.detail,
        }
    }
}

impl Print for AuditEntry {
    const FREE_TEXT: &'static [&'static str] = &["detail"];
}

/// One page of the audit log.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct AuditPage {
    /// The entries of this page, newest first.
    #[napi(ts_type = "Array<AuditEntry>")]
    pub items: Vec<Printed<AuditEntry>>,
    /// How many entries the whole log has.
    pub total: f64,
    /// Entries skipped before this page.
    pub offset: u32,
    /// The page size used.
    pub limit: u32,
}

impl From<lc::application::AuditPage> for AuditPage {
    fn from(p: lc::application::AuditPage) -> Self {
        AuditPage {
            items: printed(p.items),
            total: count(p.total),
            offset: p.offset,
            limit: p.limit,
        }
    }
}

/// A rendered pickup coupon ("Bukti Pengambilan Dokumen").
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Coupon {
    /// The file name to offer.
    pub file_name: String,
    /// The PDF.
    pub bytes: Buffer,
    /// The verification code printed on it, for `verifyCoupon`.
    pub code: String,
}

impl From<lc::coupon::Coupon> for Coupon {
    fn from(c: lc::coupon::Coupon) -> Self {
        Coupon {
            file_name: c.file_name,
            bytes: c.bytes.into(),
            code: c.code,
        }
    }
}

/// One queued notification.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct OutboxMessage {
    /// Its id.
    pub id: i64,
    /// What it is about.
    pub kind: Kind,
    /// The recipient.
    pub to: EmailAddress,
    /// Template data (`data.get('token')`; printed with secrets redacted).
    pub data: TextMap,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Pending, sent, or parked after too many failures.
    pub state: OutboxState,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// When a pending message is next tried.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<lc::outbox::OutboxMessage> for OutboxMessage {
    fn from(m: lc::outbox::OutboxMessage) -> Self {
        OutboxMessage {
            id: m.id,
            kind: m.kind.into(),
            to: m.to.into(),
            data: TextMap::template_data(m.data),
            created_at: m.created_at,
            state: m.state.into(),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            sent_at: m.sent_at,
        }
    }
}

impl Print for OutboxMessage {
    const FREE_TEXT: &'static [&'static str] = &["lastError"];
}

/// One message a delivery run sent.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct SentMessage {
    /// The outbox id.
    pub id: i64,
    /// What it is about.
    pub kind: Kind,
    /// Its `Message-ID`.
    pub message_id: String,
    /// The `.eml` file written, for folder delivery.
    pub file: Option<String>,
}

impl From<lc::delivery::SentMessage> for SentMessage {
    fn from(m: lc::delivery::SentMessage) -> Self {
        SentMessage {
            id: m.id,
            kind: m.kind.into(),
            message_id: m.message_id,
            file: m.file.map(|p| p.to_string_lossy().into_owned()),
        }
    }
}

/// What one `deliverPending` run did.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct DeliveryReport {
    /// The messages sent.
    pub sent: Vec<SentMessage>,
    /// Messages that failed this time and will be tried again later.
    pub deferred: u32,
    /// Messages that failed for good and were parked.
    pub parked: u32,
}

impl From<lc::delivery::DeliveryReport> for DeliveryReport {
    fn from(r: lc::delivery::DeliveryReport) -> Self {
        DeliveryReport {
            sent: list(r.sent),
            deferred: r.deferred,
            parked: r.parked,
        }
    }
}

/// The office the catalog describes.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Office {
    /// E.g. "DINAS KEPENDUDUKAN DAN CATATAN SIPIL".
    pub name: String,
    /// E.g. "KOTA BATAM".
    pub city: String,
}

impl From<lc::catalog::Office> for Office {
    fn from(o: lc::catalog::Office) -> Self {
        Office {
            name: o.name,
            city: o.city,
        }
    }
}

/// A service's sub-type ("Keterangan Layanan").
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Subtype {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

impl From<lc::catalog::Subtype> for Subtype {
    fn from(s: lc::catalog::Subtype) -> Self {
        Subtype {
            id: s.id,
            name: s.name,
        }
    }
}

/// Accepted types and size limit of one upload.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct FileRule {
    /// Accepted types.
    pub types: Vec<FileType>,
    /// Largest accepted file, in bytes.
    pub max_bytes: f64,
}

impl From<lc::catalog::FileRule> for FileRule {
    fn from(r: lc::catalog::FileRule) -> Self {
        FileRule {
            types: list(r.types),
            max_bytes: count(r.max_bytes),
        }
    }
}

/// One document upload a service asks for.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct DocumentSlot {
    /// The slot id.
    pub id: String,
    /// Its name as the applicant sees it.
    pub name: String,
    /// Whether it must be uploaded.
    pub required: bool,
    /// Accepted types and size.
    pub rule: FileRule,
    /// The sub-types it applies to (empty: all).
    pub when: Vec<String>,
    /// A note shown beside it.
    pub note: Option<String>,
    /// The label of the form to download, if any.
    pub form_label: Option<String>,
}

impl From<lc::catalog::DocumentSlot> for DocumentSlot {
    fn from(d: lc::catalog::DocumentSlot) -> Self {
        DocumentSlot {
            id: d.id,
            name: d.name,
            required: d.required,
            rule: d.rule.into(),
            when: d.when,
            note: d.note,
            form_label: d.form_label,
        }
    }
}

/// How an extra field's value is checked.
#[napi(
    discriminant = "kind",
    discriminant_case = "snake_case",
    object_from_js = false
)]
pub enum FieldKind {
    /// Free text, trimmed, at most `maxLen` characters.
    Text {
        /// Longest accepted text, in characters.
        max_len: f64,
    },
    /// A NIK, validated strictly.
    Nik {
        /// The person must be younger than this many full years, when set.
        younger_than_years: Option<u32>,
    },
    /// A current region code.
    Region {
        /// The levels accepted.
        levels: Vec<RegionLevel>,
    },
    /// A date.
    Date {
        /// Refuse dates after the application day.
        not_future: bool,
        /// Refuse dates before the birth date of the NIK in this field.
        not_before_birth_of: Option<String>,
    },
    /// A whole number in `min..=max`.
    Count {
        /// Smallest accepted number.
        min: u32,
        /// Largest accepted number.
        max: u32,
    },
}

impl From<lc::catalog::FieldKind> for FieldKind {
    fn from(k: lc::catalog::FieldKind) -> Self {
        use lc::catalog::FieldKind as K;
        match k {
            K::Text { max_len } => FieldKind::Text {
                max_len: max_len as f64,
            },
            K::Nik { younger_than_years } => FieldKind::Nik { younger_than_years },
            K::Region { levels } => FieldKind::Region {
                levels: list(levels),
            },
            K::Date {
                not_future,
                not_before_birth_of,
            } => FieldKind::Date {
                not_future,
                not_before_birth_of,
            },
            K::Count { min, max } => FieldKind::Count { min, max },
        }
    }
}

/// A service's extra field (e.g. the child's NIK).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ExtraField {
    /// Its id, the key in `fields`.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Whether it must be filled in.
    pub required: bool,
    /// How its value is checked.
    pub rule: FieldKind,
    /// A note shown beside it.
    pub note: Option<String>,
}

impl From<lc::catalog::ExtraField> for ExtraField {
    fn from(f: lc::catalog::ExtraField) -> Self {
        ExtraField {
            id: f.id,
            label: f.label,
            required: f.required,
            rule: f.rule.into(),
            note: f.note,
        }
    }
}

/// Where a service is handled instead (Akte Kelahiran: the IKD app).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Redirect {
    /// The message shown.
    pub message: String,
    /// The app's name.
    pub app: String,
    /// Where to get it.
    pub stores: Vec<String>,
    /// Where to go.
    pub locations: Vec<String>,
}

impl From<lc::catalog::Redirect> for Redirect {
    fn from(r: lc::catalog::Redirect) -> Self {
        Redirect {
            message: r.message,
            app: r.app,
            stores: r.stores,
            locations: r.locations,
        }
    }
}

/// A service of the catalog.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Service {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it takes applications.
    pub enabled: bool,
    /// Whether its completion gives a pickup coupon.
    pub coupon: bool,
    /// Whether Keterangan must be filled in.
    pub keterangan_required: bool,
    /// The counter note (e.g. loket 14).
    pub counter_note: Option<String>,
    /// Its sub-types.
    pub subtypes: Vec<Subtype>,
    /// The documents it asks for.
    pub documents: Vec<DocumentSlot>,
    /// Its extra fields.
    pub fields: Vec<ExtraField>,
    /// Where it is handled instead, if elsewhere.
    pub redirect: Option<Redirect>,
}

impl From<lc::catalog::Service> for Service {
    fn from(s: lc::catalog::Service) -> Self {
        Service {
            id: s.id,
            name: s.name,
            enabled: s.enabled,
            coupon: s.coupon,
            keterangan_required: s.keterangan_required,
            counter_note: s.counter_note,
            subtypes: list(s.subtypes),
            documents: list(s.documents),
            fields: list(s.fields),
            redirect: s.redirect.map(Redirect::from),
        }
    }
}
