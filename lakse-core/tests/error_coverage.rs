//! Every code of the error catalogue is raised through the public API at
//! least once (as pydantic-core keeps `test_all_errors_covered`): a code no
//! call can produce is dead, and a binding would map it for nothing.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Days, Duration};
use common::{Desk, fixture, ktp_rusak, pdf, profile, upload};
use lakse_core::application::{Completion, NewApplication, Page};
use lakse_core::clock::ManualClock;
use lakse_core::document::Upload;
use lakse_core::error::{ErrorCode, Result};
use lakse_core::options::{CatalogSource, OpenOptions};
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Config, Lakse, api, catalog::Catalog};
use serde_json::json;

/// The codes no public call can raise by design, each with where it is tested.
const NOT_THROUGH_THE_API: &[(&str, &str)] = &[(
    "internal",
    "a caught panic or a failing dependency; the C binding's forced-panic test raises it",
)];

#[derive(Default)]
struct Seen(BTreeSet<&'static str>);

impl Seen {
    /// Records the code of a refusal `what` expected.
    fn refused<T: std::fmt::Debug>(&mut self, expected: &str, outcome: Result<T>) {
        let err = outcome.expect_err(expected);
        assert_eq!(err.code(), expected, "{err}");
        self.0.insert(err.code());
    }
}

fn bad_pdf() -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>".as_slice(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
    ])
}

fn with(slot: &str, name: &str, bytes: Vec<u8>) -> NewApplication {
    let mut app = ktp_rusak();
    app.documents.retain(|d| d.slot != slot);
    app.documents.push(Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes,
    });
    app
}

#[test]
fn every_error_code_is_raised_through_the_public_api() {
    let mut seen = Seen::default();
    pure_functions(&mut seen);
    options(&mut seen);
    accounts(&mut seen);
    desk(&mut seen);
    storage(&mut seen);

    let exempt: BTreeSet<&str> = NOT_THROUGH_THE_API.iter().map(|(c, _)| *c).collect();
    let missing: Vec<&str> = ErrorCode::STRINGS
        .iter()
        .copied()
        .filter(|c| !seen.0.contains(c) && !exempt.contains(c))
        .collect();
    assert!(missing.is_empty(), "never raised: {missing:?}");
    assert!(
        exempt.iter().all(|c| !seen.0.contains(c)),
        "an exempt code was raised after all: drop it from NOT_THROUGH_THE_API"
    );
}

fn pure_functions(seen: &mut Seen) {
    for (text, code) in [
        ("217105520990001", "nik.invalid_length"),
        ("2171O55209900001", "nik.invalid_character"),
        ("9999055209900001", "nik.unknown_region"),
        ("2171053209900001", "nik.invalid_date"),
        ("2171055209900000", "nik.invalid_serial"),
    ] {
        seen.refused(code, api::parse_nik(text, None));
    }
    for (text, code) in [
        ("217105011015003", "kk.invalid_length"),
        ("2171O50110150003", "kk.invalid_character"),
        ("9999050110150003", "kk.unknown_region"),
        ("2171053210150003", "kk.invalid_date"),
        ("2171050110150000", "kk.invalid_serial"),
    ] {
        seen.refused(code, api::parse_kk(text, None));
    }
    seen.refused("phone.invalid", lakse_core::phone::normalize("12345"));
    seen.refused(
        "coupon.malformed",
        lakse_core::coupon::verify("kunci", "kode"),
    );
    let key = lakse_core::coupon::OfficeKey::from_seed([7; 32]).public_key();
    let other = lakse_core::coupon::OfficeKey::from_seed([8; 32]);
    let slip = lakse_core::coupon::Slip {
        office: Catalog::batam().office,
        number: "BTM-2026-000001-J".into(),
        nama: "Difa".into(),
        nik: "2171055209900001".into(),
        service: "cetak_ktp_kk".into(),
        service_name: "Cetak KTP/KK".into(),
        pickup_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        pickup_place: "Sekupang".into(),
        note: String::new(),
    };
    let forged = lakse_core::coupon::render(&slip, &other).expect("render");
    seen.refused(
        "coupon.invalid_signature",
        lakse_core::coupon::verify(&key, &forged.code),
    );
    seen.refused("api.unknown_operation", api::call_pure("nope", &json!({})));
    seen.refused(
        "api.invalid_arguments",
        api::call_pure("parse_nik", &json!({"text": 1})),
    );
    for (toml, code) in [("[[", "catalog.syntax"), ("x = 1", "catalog.invalid")] {
        seen.refused(code, Catalog::from_toml_str(toml));
    }
    let gif = Catalog::batam_toml().replacen("types = [\"jpg\", \"png\"]", "types = [\"gif\"]", 1);
    seen.refused("catalog.unknown_file_type", Catalog::from_toml_str(&gif));
    seen.refused(
        "catalog.unreadable",
        Catalog::from_path("/nonexistent/kantor.toml"),
    );
}

fn options(seen: &mut Seen) {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = OpenOptions::new(dir.path().join("data").to_string_lossy());
    let open = |o: OpenOptions| Lakse::open_with_options(&o).map(drop);
    seen.refused(
        "options.invalid_prefix",
        open(OpenOptions {
            number_prefix: "btm".into(),
            ..base.clone()
        }),
    );
    seen.refused(
        "options.invalid_lifetime",
        open(OpenOptions {
            session_ttl_seconds: 0,
            ..base.clone()
        }),
    );
    seen.refused("options.invalid", open(OpenOptions::new("")));
    seen.refused(
        "catalog.syntax",
        open(OpenOptions {
            catalog: CatalogSource::Toml { text: "[[".into() },
            ..base
        }),
    );
    // A broken template is refused when the configuration is built.
    seen.refused(
        "mail.template",
        lakse_core::mail::Templates::with_overrides([("rejected.txt", "{{ nope")]),
    );
}

fn accounts(seen: &mut Seen) {
    let desk = Desk::new();
    let l = &desk.lakse;
    seen.refused("input.required", l.register(""));
    seen.refused("email.invalid", l.register("bukan-email"));
    let me = desk.applicant("difa@example.com");
    seen.refused("account.exists", l.register("DIFA@example.com"));
    seen.refused(
        "auth.invalid_credentials",
        l.login("difa@example.com", "salah-sekali"),
    );
    seen.refused("auth.session_invalid", l.whoami("tidak-ada"));
    seen.refused("auth.token_invalid", l.confirm("tidak-ada"));
    seen.refused(
        "password.too_short",
        l.change_password(me.token.expose(), common::PASSWORD, "pendek"),
    );
    seen.refused(
        "password.unchanged",
        l.change_password(me.token.expose(), common::PASSWORD, common::PASSWORD),
    );
    seen.refused(
        "auth.forbidden",
        l.queue(me.token.expose(), None, None, Page::default()),
    );

    // Links: used, expired.
    l.register("budi@example.com").expect("register");
    let link = desk.mail(Kind::Confirmation, "budi@example.com")["token"].clone();
    l.confirm_with_password(&link, "kata-sandi-2024")
        .expect("confirm");
    seen.refused(
        "auth.token_used",
        l.confirm_with_password(&link, "kata-sandi-2025"),
    );
    l.register("citra@example.com").expect("register");
    let link = desk.mail(Kind::Confirmation, "citra@example.com")["token"].clone();
    desk.clock.advance(Duration::hours(2));
    seen.refused("auth.token_expired", l.confirm(&link));
    for _ in 0..3 {
        l.forgot_password("budi@example.com").expect("reset mail");
    }
    seen.refused("auth.rate_limited", l.forgot_password("budi@example.com"));

    // A generated password must be changed first.
    let admin = desk.staff(Actor::Admin);
    seen.refused(
        "account.invalid_role",
        l.create_staff(
            admin.token.expose(),
            "x@disdukcapil.example",
            Actor::Applicant,
        ),
    );
    l.create_staff(
        admin.token.expose(),
        "baru@disdukcapil.example",
        Actor::Officer,
    )
    .expect("staff");
    let otp = desk.mail(Kind::Credentials, "baru@disdukcapil.example")["password"].clone();
    let first = l.login("baru@disdukcapil.example", &otp).expect("login");
    seen.refused(
        "auth.password_change_required",
        l.profile(first.token.expose()),
    );

    // Lockout after five failures.
    for _ in 0..5 {
        let _ = l.login("budi@example.com", "salah-sekali");
    }
    seen.refused(
        "auth.locked",
        l.login("budi@example.com", "kata-sandi-2024"),
    );
    seen.refused("outbox.not_found", l.retry_outbox(999_999));
}

fn desk(seen: &mut Seen) {
    let desk = Desk::new();
    let l = &desk.lakse;
    let fresh = desk.account("kosong@example.com");
    seen.refused(
        "profile.incomplete",
        l.submit(fresh.token.expose(), &ktp_rusak()),
    );
    let mut p = profile("Difa", "2171055209900001");
    for (field, value, code) in [
        ("nama", "x".repeat(101), "input.too_long"),
        ("nama", "Difa\u{202E}".into(), "input.invalid_character"),
        ("nama", "Budi 中".into(), "coupon.unprintable_character"),
        ("sex", "lainnya".into(), "profile.invalid_sex"),
        ("sex", "Laki-laki".into(), "profile.sex_mismatch"),
    ] {
        let mut bad = p.clone();
        match field {
            "nama" => bad.nama = value,
            _ => bad.sex = value,
        }
        seen.refused(code, l.update_profile(fresh.token.expose(), &bad));
    }
    let me = desk.applicant("difa@example.com");
    p.nik = "2171051209900001".into();
    p.sex = "Laki-laki".into();
    seen.refused("nik.claimed", l.update_profile(fresh.token.expose(), &p));

    let t = me.token.expose();
    let submit = |app: &NewApplication| l.submit(t, app);
    let app = |service: &str, fields: &[(&str, &str)]| NewApplication {
        service: service.into(),
        keterangan: "keterangan".into(),
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect(),
        ..NewApplication::default()
    };
    seen.refused("catalog.unknown_service", submit(&app("paspor", &[])));
    seen.refused("catalog.redirected", submit(&app("akte_kelahiran", &[])));
    let mut no_subtype = ktp_rusak();
    no_subtype.subtype = Some("ktp_hitam".into());
    seen.refused("catalog.unknown_subtype", submit(&no_subtype));
    seen.refused(
        "field.unknown",
        submit(&app("pengaduan", &[("child_nik", "2171030206090001")])),
    );
    seen.refused(
        "field.age_limit",
        submit(&app("kia", &[("child_nik", "2171030106080001")])),
    );
    let pindah = |region: &str, members: &str| {
        app(
            "pindah",
            &[
                ("destination_address", "Jl. Merdeka 1"),
                ("destination_region", region),
                ("members_moving", members),
            ],
        )
    };
    seen.refused("field.invalid_region", submit(&pindah("21x1", "1")));
    seen.refused("field.unknown_region", submit(&pindah("9999", "1")));
    seen.refused("field.retired_region", submit(&pindah("9101", "1")));
    seen.refused("field.out_of_range", submit(&pindah("2171", "0")));
    let kematian = |date: &str| {
        app(
            "akte_kematian",
            &[
                ("deceased_nik", "2171050403500001"),
                ("date_of_death", date),
            ],
        )
    };
    seen.refused("field.invalid_date", submit(&kematian("kemarin")));
    seen.refused("field.date_in_future", submit(&kematian("2030-01-01")));
    seen.refused("field.date_before_birth", submit(&kematian("1950-03-03")));

    let mut big = fixture("selfie.jpg");
    big.resize(10 * 1024 * 1024 + 1, 0);
    seen.refused("document.too_large", submit(&with("swafoto", "s.jpg", big)));
    seen.refused(
        "document.wrong_type",
        submit(&with("kk", "kk.jpg", fixture("not-a-photo.jpg"))),
    );
    seen.refused(
        "document.empty",
        submit(&with("form_f2", "f.pdf", Vec::new())),
    );
    seen.refused(
        "document.invalid_name",
        submit(&with("form_f2", "../f.pdf", fixture("form.pdf"))),
    );
    seen.refused(
        "document.unknown_slot",
        submit(&with("kk_rusak", "kk.png", fixture("kk.png"))),
    );
    seen.refused(
        "document.active_content",
        submit(&with("form_f2", "f.pdf", bad_pdf())),
    );
    let mut polyglot = fixture("selfie.jpg");
    polyglot.extend_from_slice(b"%PDF-1.4\n");
    seen.refused(
        "document.ambiguous_type",
        submit(&with("swafoto", "s.jpg", polyglot)),
    );
    let mut twice = ktp_rusak();
    twice.documents.push(upload("kk", "kk.png"));
    seen.refused("document.duplicate", submit(&twice));
    let mut missing = ktp_rusak();
    missing.documents.retain(|d| d.slot != "form_f2");
    seen.refused("document.missing", submit(&missing));
    let mut heavy = ktp_rusak();
    for d in &mut heavy.documents {
        d.bytes.resize(9 * 1024 * 1024, 0);
    }
    seen.refused("application.too_large", submit(&heavy));

    let mut first = ktp_rusak();
    first.idempotency_key = Some("form-1".into());
    let number = submit(&first).expect("submit").number;
    seen.refused("application.already_open", submit(&ktp_rusak()));
    first.keterangan = "lain".into();
    seen.refused("application.idempotency_conflict", submit(&first));
    seen.refused("application.invalid_number", l.cancel(t, "BTM-2026"));
    seen.refused("coupon.not_available", l.coupon(t, &number));
    seen.refused(
        "workflow.actor_not_permitted",
        l.accept(t, &number, "saya sendiri"),
    );
    let officer = desk.staff(Actor::Officer);
    let o = officer.token.expose();
    let other = desk.applicant("budi@example.com");
    seen.refused(
        "application.not_found",
        l.application(other.token.expose(), &number),
    );
    seen.refused("workflow.not_allowed", l.collect(o, &number));
    l.accept(o, &number, "lengkap").expect("accept");
    let today = l.today();
    let completion = |date, place: Option<&str>| Completion {
        pickup_date: Some(date),
        pickup_place: place.map(str::to_owned),
        note: String::new(),
    };
    seen.refused(
        "pickup.date_in_past",
        l.complete(o, &number, &completion(today - Days::new(1), None)),
    );
    seen.refused(
        "pickup.date_too_far",
        l.complete(o, &number, &completion(today + Days::new(400), None)),
    );
    seen.refused(
        "pickup.unknown_place",
        l.complete(o, &number, &completion(today, Some("Mars"))),
    );

    // A service the office switched off.
    let toml = Catalog::batam_toml().replacen(
        "name = \"Pengaduan Masyarakat\"",
        "name = \"Pengaduan Masyarakat\"\nenabled = false",
        1,
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        catalog: Catalog::from_toml_str(&toml).expect("catalog"),
        ..Config::default()
    };
    let off = Lakse::open_with(dir.path(), config).expect("open");
    let who = common::sign_up(&off, "x@example.com");
    off.update_profile(who.token.expose(), &profile("X", "2171055209900001"))
        .expect("profile");
    seen.refused(
        "catalog.service_disabled",
        off.submit(who.token.expose(), &app("pengaduan", &[])),
    );
    off.close();
    seen.refused("handle.closed", off.whoami(who.token.expose()));
}

fn storage(seen: &mut Seen) {
    // A file where the documents folder belongs.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("documents"), b"x").expect("write");
    seen.refused("store.io", Lakse::open(dir.path()).map(drop));

    // A database file that is not one.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("lakse.db"), vec![7u8; 4096]).expect("write");
    seen.refused("store.database", Lakse::open(dir.path()).map(drop));

    // A row damaged behind lakse's back.
    let desk = Desk::new();
    let me = desk.applicant("difa@example.com");
    let number = desk
        .lakse
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    let db = rusqlite::Connection::open(desk.dir.path().join("lakse.db")).expect("db");
    db.execute("UPDATE applications SET status = 'hilang'", [])
        .expect("damage");
    seen.refused(
        "store.corrupt",
        desk.lakse.application(me.token.expose(), &number),
    );

    // Another writer holding the database past the busy timeout.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        busy_timeout: std::time::Duration::from_millis(50),
        clock: Arc::new(ManualClock::new(chrono::Utc::now())),
        ..Config::default()
    };
    let lakse = Lakse::open_with(dir.path(), config).expect("open");
    let holder = rusqlite::Connection::open(dir.path().join("lakse.db")).expect("db");
    holder.execute_batch("BEGIN IMMEDIATE").expect("lock");
    seen.refused("store.busy", lakse.register("sibuk@example.com"));
    holder.execute_batch("ROLLBACK").expect("unlock");

    // A sender address no mail can carry.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::default();
    config.mail.sender_address = "bukan alamat".into();
    let lakse = Lakse::open_with(dir.path(), config).expect("open");
    lakse.register("warga@example.com").expect("register");
    let id = lakse.outbox(1).expect("outbox")[0].id;
    seen.refused("mail.config", lakse.compose_outbox(id));
}
