//! Issue 9, the desk's part: each test is named after the hole it closes and
//! failed on the code before the fix.
//!
//! 3. a NIK is bound to the account whose profile holds it;
//! 5. an idempotency key reused with a different form is refused;
//! 6. removing a service from the catalog strands none of its applications;
//! 13. pickup dates stay within a year; no orphan files after a lost race.

mod common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, SystemTime};

use chrono::{Days, Months};
use common::{Desk, fixture, ktp_rusak, profile, upload};
use lakse_core::application::{Completion, NewApplication, Page, Resubmission};
use lakse_core::catalog::Catalog;
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Config, Error, Lakse, Status};
use sha2::{Digest, Sha256};

/// A JPEG fixture with a unique tail: still a JPEG by content, new bytes each time.
fn unique_jpeg(rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut bytes = fixture("selfie.jpg");
    bytes.extend_from_slice(&rng.u64(..).to_le_bytes());
    bytes
}

/// No part of an error (code, field, English or Indonesian message) holds any of `secrets`.
fn tells_nothing_of(err: &Error, secrets: &[&str]) {
    let all = format!(
        "{} {:?} {} {} {err:?}",
        err.code(),
        err.field(),
        err,
        err.message_id()
    );
    for s in secrets {
        assert!(!all.contains(s), "the error reveals {s:?}: {all}");
    }
}

/// A pickup tomorrow at the default place.
fn pickup(l: &Lakse) -> Completion {
    Completion {
        pickup_date: Some(l.today() + Days::new(1)),
        pickup_place: None,
        note: "sesuai jadwal pengambilan".into(),
    }
}

#[test]
fn a_nik_is_bound_to_its_owner() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let officer = desk.staff(Actor::Officer);

    // B, first, puts A's NIK in B's own profile and applies with it.
    let a_nik = "2171055209900001";
    let b = desk.account("b@example.com");
    l.update_profile(b.token.expose(), &profile("Pemohon B", a_nik))
        .expect("nobody holds it yet");
    let b_number = l
        .submit(b.token.expose(), &ktp_rusak())
        .expect("B submits")
        .number;

    // A comes along: refused, without a word about B or B's application.
    let a = desk.account("a@example.com");
    let err = l
        .update_profile(a.token.expose(), &profile("Difa Ananda Putri", a_nik))
        .unwrap_err();
    assert_eq!(err.code(), "nik.claimed");
    assert_eq!(err.field(), Some("nik"));
    tells_nothing_of(&err, &[&b_number, "Pemohon B", "b@example.com", a_nik]);
    assert_eq!(
        l.profile(a.token.expose()).expect("profile").nik.expose(),
        "",
        "nothing saved"
    );

    // Only staff release a NIK; the release is audited.
    assert_eq!(
        l.release_nik(b.token.expose(), a_nik).unwrap_err().code(),
        "auth.forbidden"
    );
    assert!(
        l.release_nik(officer.token.expose(), a_nik)
            .expect("release")
    );
    assert!(
        !l.release_nik(officer.token.expose(), a_nik).expect("again"),
        "nobody holds it any more"
    );
    let admin = desk.staff(Actor::Admin);
    let log = l
        .audit_log(admin.token.expose(), Page::default())
        .expect("audit")
        .items;
    let release = log
        .iter()
        .find(|e| e.what == "release_nik")
        .expect("the release is in the audit log");
    assert_eq!(release.actor, Actor::Officer);
    assert!(!release.detail.contains(a_nik), "{}", release.detail);

    // B's profile lost it: B can neither apply nor continue with it.
    let b_profile = l.profile(b.token.expose()).expect("profile");
    assert_eq!(b_profile.nik.expose(), "");
    assert!(b_profile.missing.contains(&"nik".to_owned()));
    assert_eq!(
        l.submit(b.token.expose(), &ktp_rusak()).unwrap_err().code(),
        "profile.incomplete"
    );

    // A claims it and applies, not blocked by B's application with it.
    l.update_profile(a.token.expose(), &profile("Difa Ananda Putri", a_nik))
        .expect("released, A claims it");
    l.update_profile(a.token.expose(), &profile("Difa Ananda", a_nik))
        .expect("saving one's own NIK again is no conflict");
    let a_number = l
        .submit(a.token.expose(), &ktp_rusak())
        .expect("A submits")
        .number;
    assert_ne!(a_number, b_number);

    // B's stale application stays for the officer to work to its end.
    l.reject(officer.token.expose(), &b_number, "NIK bukan milik pemohon")
        .expect("officer rejects B's");
    let err = l
        .resubmit(b.token.expose(), &b_number, &Resubmission::default())
        .unwrap_err();
    assert_eq!(err.code(), "nik.claimed", "B cannot go on with A's NIK");
    tells_nothing_of(&err, &[&a_number, "Difa", "a@example.com", a_nik]);

    // Nor can B take it back.
    let err = l
        .update_profile(b.token.expose(), &profile("Pemohon B", a_nik))
        .unwrap_err();
    assert_eq!(err.code(), "nik.claimed");
    tells_nothing_of(&err, &[&a_number, "Difa", "a@example.com", a_nik]);
}

#[test]
fn a_nik_is_bound_to_its_owner_even_when_claimed_at_once() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let sessions: Vec<_> = (0..4)
        .map(|i| desk.account(&format!("p{i}@example.com")).token)
        .collect();
    let start = Barrier::new(sessions.len());
    let won = std::thread::scope(|s| {
        let handles: Vec<_> = sessions
            .iter()
            .map(|token| {
                let start = &start;
                s.spawn(move || {
                    start.wait();
                    l.update_profile(token.expose(), &profile("Pemohon", "2171051209900077"))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .filter(|r| match r {
                Ok(_) => true,
                Err(e) => {
                    assert_eq!(e.code(), "nik.claimed");
                    false
                }
            })
            .count()
    });
    assert_eq!(won, 1, "exactly one account holds the NIK");
}

#[test]
fn a_nik_is_bound_to_its_owner_in_databases_from_before() {
    // A version-3 database where two profiles hold one NIK: the older account keeps it.
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("lakse.db");
    {
        let conn = rusqlite::Connection::open(&db).expect("db");
        for sql in [
            include_str!("../src/store/migrations/0001_initial.sql"),
            include_str!("../src/store/migrations/0002_audit.sql"),
            include_str!("../src/store/migrations/0003_delivery.sql"),
        ] {
            conn.execute_batch(sql).expect("version 1 to 3");
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO accounts (id, email, email_key, role, active, created_at) VALUES
                 (1, 'lama@example.com', 'lama@example.com', 'applicant', 1, 0),
                 (2, 'baru@example.com', 'baru@example.com', 'applicant', 1, 0),
                 (3, 'lain@example.com', 'lain@example.com', 'applicant', 1, 0);
             INSERT INTO profiles (account_id, nama, nik, updated_at) VALUES
                 (1, 'Pemohon Lama', '2171051209900005', 0),
                 (2, 'Pemohon Baru', '2171051209900005', 0),
                 (3, 'Pemohon Lain', '2171051209900006', 0);",
        )
        .expect("a duplicate NIK");
    }
    Lakse::open(dir.path()).expect("upgrade").close();
    let conn = rusqlite::Connection::open(&db).expect("db");
    let profiles: Vec<(i64, String, String)> = conn
        .prepare("SELECT account_id, nama, nik FROM profiles ORDER BY account_id")
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let expected = [
        (1, "Pemohon Lama", "2171051209900005"),
        (2, "Pemohon Baru", ""),
        (3, "Pemohon Lain", "2171051209900006"),
    ]
    .map(|(id, nama, nik)| (id, nama.to_owned(), nik.to_owned()));
    assert_eq!(
        profiles, expected,
        "the later account is asked for its NIK again"
    );
    let err = conn
        .execute(
            "UPDATE profiles SET nik = '2171051209900005' WHERE account_id = 2",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
}

#[test]
fn an_idempotency_key_reused_with_a_different_form_is_refused() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let me = desk.applicant("difa@example.com");
    let mut app = ktp_rusak();
    app.idempotency_key = Some("form-7f3a".into());
    let first = l.submit(me.token.expose(), &app).expect("submit");
    let files = desk.stored_files();

    // The same form again (a double click, a retry): the first application.
    assert_eq!(
        l.submit(me.token.expose(), &app).expect("again").number,
        first.number
    );
    let mut same = app.clone();
    same.keterangan = format!("  {}  ", app.keterangan);
    same.documents.reverse();
    assert_eq!(
        l.submit(me.token.expose(), &same)
            .expect("same content")
            .number,
        first.number,
        "the same content, however it is ordered and padded"
    );

    // The same key with another form: refused, naming nothing.
    let mut other_text = app.clone();
    other_text.keterangan = "KTP hilang".into();
    let mut other_file = app.clone();
    other_file.documents[4] = Upload {
        slot: "swafoto".into(),
        file_name: "selfie.jpg".into(),
        bytes: unique_jpeg(&mut fastrand::Rng::with_seed(7)),
    };
    let mut other_subtype = app.clone();
    other_subtype.subtype = Some("kk_rusak".into());
    other_subtype.documents = vec![
        upload("kk", "kk.png"),
        upload("kk_rusak", "form.jpg"),
        upload("form_f1", "form.pdf"),
        upload("form_f2", "form.jpg"),
        upload("swafoto", "selfie.jpg"),
    ];
    for (what, form) in [
        ("keterangan", other_text),
        ("document", other_file),
        ("sub-type", other_subtype),
    ] {
        let err = l.submit(me.token.expose(), &form).unwrap_err();
        assert_eq!(err.code(), "application.idempotency_conflict", "{what}");
        assert_eq!(err.field(), Some("idempotency_key"), "{what}");
        tells_nothing_of(&err, &[&first.number]);
    }
    assert_eq!(
        l.my_applications(me.token.expose(), Page::default())
            .expect("list")
            .total,
        1,
        "nothing created"
    );
    assert_eq!(
        desk.stored_files(),
        files,
        "no file written for a refused form"
    );
    assert_eq!(
        l.application(me.token.expose(), &first.number)
            .expect("detail")
            .keterangan,
        "KTP rusak",
        "the first application is untouched"
    );
}

/// Batam's catalog without `cetak_ktp_kk`, or with it switched off.
fn catalog_without_cetak(disable_only: bool) -> Catalog {
    let mut catalog = Catalog::batam();
    if disable_only {
        for s in &mut catalog.services {
            if s.id == "cetak_ktp_kk" {
                s.enabled = false;
            }
        }
    } else {
        catalog.services.retain(|s| s.id != "cetak_ktp_kk");
    }
    catalog
}

#[test]
fn removing_a_service_from_the_catalog_strands_no_application() {
    for disable_only in [false, true] {
        let desk = Desk::new();
        let before = &desk.lakse;
        let officer = desk.staff(Actor::Officer);
        let a = desk.applicant("a@example.com");
        let b = desk.applicant("b@example.com");
        let c = desk.applicant("c@example.com");
        let accepted = before
            .submit(a.token.expose(), &ktp_rusak())
            .expect("a")
            .number;
        before
            .accept(officer.token.expose(), &accepted, "ok")
            .expect("accept");
        let rejected = before
            .submit(b.token.expose(), &ktp_rusak())
            .expect("b")
            .number;
        before
            .reject(officer.token.expose(), &rejected, "foto buram")
            .expect("reject");
        let waiting = before
            .submit(c.token.expose(), &ktp_rusak())
            .expect("c")
            .number;
        let was = before
            .application(a.token.expose(), &accepted)
            .expect("detail");
        before.close();

        // The office reopens with a catalog that no longer offers the service.
        let config = Config {
            catalog: catalog_without_cetak(disable_only),
            clock: desk.clock.clone(),
            ..Config::default()
        };
        let l = Lakse::open_with(desk.dir.path(), config).expect("reopen");
        let case = if disable_only { "disabled" } else { "removed" };

        // Readable: Pengajuanku, the detail, the queue, a document.
        let mine = l
            .my_applications(a.token.expose(), Page::default())
            .expect(case)
            .items;
        assert_eq!(
            mine[0].service_name, "Cetak KTP/KK (RUSAK DAN HILANG)",
            "{case}"
        );
        assert_eq!(mine[0].subtype_name.as_deref(), Some("KTP Rusak"), "{case}");
        let detail = l.application(a.token.expose(), &accepted).expect(case);
        assert_eq!(detail.documents, was.documents, "{case}");
        assert_eq!(detail.counter_note, was.counter_note, "{case}");
        assert_eq!(detail.summary.service_name, was.summary.service_name);
        l.application(officer.token.expose(), &waiting).expect(case);
        l.document(officer.token.expose(), &accepted, "form_f1")
            .expect(case);
        let queue = l
            .queue(
                officer.token.expose(),
                None,
                Some("cetak_ktp_kk"),
                Page::default(),
            )
            .expect(case);
        assert_eq!(queue.items.len(), 3, "{case}");

        // Workable to the end: complete (with its coupon and e-mail), collect.
        l.complete(officer.token.expose(), &accepted, &pickup(&l))
            .expect(case);
        let mail = common::newest_mail(&l, Kind::Completed, "a@example.com");
        assert_eq!(mail["service"], "Cetak KTP/KK (RUSAK DAN HILANG)", "{case}");
        let coupon = l.coupon(a.token.expose(), &accepted).expect(case);
        assert!(coupon.bytes.starts_with(b"%PDF"), "{case}");
        l.collect(officer.token.expose(), &accepted).expect(case);
        // The rejected one is corrected and taken up; the waiting one too.
        let fixed = Resubmission {
            documents: vec![upload("swafoto", "selfie.jpg")],
            keterangan: Some("foto diganti".into()),
            ..Resubmission::default()
        };
        l.resubmit(b.token.expose(), &rejected, &fixed).expect(case);
        l.accept(officer.token.expose(), &rejected, "ok")
            .expect(case);
        l.reject(officer.token.expose(), &waiting, "berkas kurang")
            .expect(case);
        assert_eq!(
            l.application(b.token.expose(), &rejected)
                .expect(case)
                .summary
                .status,
            Status::Diproses
        );

        // Only new applications are refused.
        let err = l.submit(c.token.expose(), &ktp_rusak()).unwrap_err();
        assert_eq!(err.code(), "catalog.service_disabled", "{case}");
        assert_eq!(
            l.submit(
                c.token.expose(),
                &NewApplication {
                    service: "no_such_service".into(),
                    ..ktp_rusak()
                }
            )
            .unwrap_err()
            .code(),
            "catalog.unknown_service",
            "{case}: a service never offered is still unknown"
        );
    }
}

#[test]
fn removing_a_service_from_the_catalog_strands_no_application_from_before() {
    // An application from before definitions were kept takes the definition
    // of the catalog the folder is next opened with, and keeps it.
    let desk = Desk::new();
    let officer = desk.staff(Actor::Officer);
    let a = desk.applicant("a@example.com");
    let number = desk
        .lakse
        .submit(a.token.expose(), &ktp_rusak())
        .expect("a")
        .number;
    desk.lakse.close();
    let conn = rusqlite::Connection::open(desk.dir.path().join("lakse.db")).expect("db");
    // (Before version 4 there was no definition to remove.)
    let kept: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM pragma_table_info('applications') WHERE name = 'service_sha256'",
            [],
            |r| r.get(0),
        )
        .expect("columns");
    if kept > 0 {
        conn.execute_batch(
            "UPDATE applications SET service_sha256 = NULL; DELETE FROM service_definitions;",
        )
        .expect("as from before");
    }
    let open = |catalog: Catalog| {
        let config = Config {
            catalog,
            clock: desk.clock.clone(),
            ..Config::default()
        };
        Lakse::open_with(desk.dir.path(), config).expect("open")
    };
    open(Catalog::batam()).close();
    let l = open(catalog_without_cetak(false));
    let detail = l.application(a.token.expose(), &number).expect("detail");
    assert_eq!(detail.documents.len(), 5);
    assert_eq!(detail.summary.subtype_name.as_deref(), Some("KTP Rusak"));
    l.accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    l.complete(officer.token.expose(), &number, &pickup(&l))
        .expect("complete");
    l.coupon(a.token.expose(), &number).expect("coupon");
}

#[test]
fn a_pickup_date_in_year_262142_is_refused() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("difa@example.com");
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    l.accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    let on = |date| Completion {
        pickup_date: Some(date),
        ..pickup(l)
    };
    let a_year = l.today().checked_add_months(Months::new(12)).expect("date");
    for too_far in [chrono::NaiveDate::MAX, a_year + Days::new(1)] {
        let err = l
            .complete(officer.token.expose(), &number, &on(too_far))
            .unwrap_err();
        assert_eq!(err.code(), "pickup.date_too_far", "{too_far}");
        assert_eq!(err.field(), Some("pickup_date"));
    }
    assert_eq!(
        l.complete(
            officer.token.expose(),
            &number,
            &on(l.today() - Days::new(1))
        )
        .unwrap_err()
        .code(),
        "pickup.date_in_past"
    );
    let done = l
        .complete(officer.token.expose(), &number, &on(a_year))
        .expect("a year ahead is the furthest");
    assert_eq!(done.status, Status::Selesai);
}

/// Every file under `documents/<2 hex>/` with the hash its path names.
fn stored(desk: &Desk) -> Vec<(std::path::PathBuf, String)> {
    let root = desk.dir.path().join("documents");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("documents").flatten() {
        let prefix = dir.file_name().to_string_lossy().into_owned();
        if prefix == "tmp" || !dir.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).expect("dir").flatten() {
            out.push((
                f.path(),
                format!("{prefix}{}", f.file_name().to_string_lossy()),
            ));
        }
    }
    out
}

/// Stored files no database row refers to.
fn orphans(desk: &Desk) -> Vec<String> {
    let conn = rusqlite::Connection::open(desk.dir.path().join("lakse.db")).expect("db");
    stored(desk)
        .into_iter()
        .map(|(_, sha)| sha)
        .filter(|sha| {
            let n: i64 = conn
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM blobs WHERE sha256 = ?1) \
                     + (SELECT COUNT(*) FROM application_documents WHERE sha256 = ?1)",
                    [sha],
                    |r| r.get(0),
                )
                .expect("count");
            n == 0
        })
        .collect()
}

fn set_age(path: &std::path::Path, age: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(SystemTime::now() - age)
        .expect("mtime");
}

#[test]
fn orphan_files_after_a_lost_submission_race_are_cleaned() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let me = desk.applicant("difa@example.com");
    let mut rng = fastrand::Rng::with_seed(13);
    // One applicant fires several different forms for one service at once
    // (several tabs): one wins, the others lose to the one-open rule.
    const RACERS: usize = 6;
    for round in 0..3 {
        let forms: Vec<NewApplication> = (0..RACERS)
            .map(|_| {
                let mut app = ktp_rusak();
                app.documents[1].bytes = unique_jpeg(&mut rng);
                app.documents[4].bytes = unique_jpeg(&mut rng);
                app
            })
            .collect();
        let start = Arc::new(Barrier::new(RACERS));
        let won: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = forms
                .iter()
                .map(|form| {
                    let (start, token) = (Arc::clone(&start), me.token.expose());
                    s.spawn(move || {
                        start.wait();
                        l.submit(token, form)
                    })
                })
                .collect();
            handles
                .into_iter()
                .filter_map(|h| match h.join().expect("no panic") {
                    Ok(s) => Some(s.number),
                    Err(e) => {
                        assert_eq!(e.code(), "application.already_open");
                        None
                    }
                })
                .collect()
        });
        assert_eq!(won.len(), 1, "round {round}");
        assert_eq!(orphans(&desk), Vec::<String>::new(), "round {round}");
        l.cancel(me.token.expose(), &won[0]).expect("cancel");
    }

    // What a killed process leaves (a file placed but never committed, a
    // temporary file) is collected when the folder is opened again, once it
    // is old enough not to belong to a submission still under way elsewhere.
    let stray = |bytes: &[u8]| {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = desk
            .dir
            .path()
            .join("documents")
            .join(&sha[..2])
            .join(&sha[2..]);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, bytes).expect("write");
        path
    };
    let old = stray(&unique_jpeg(&mut rng));
    set_age(&old, Duration::from_secs(2 * 3600));
    let fresh = stray(&unique_jpeg(&mut rng));
    let tmp_old = desk.dir.path().join("documents/tmp/.tmpKILLED");
    std::fs::write(&tmp_old, b"half a file").expect("tmp");
    set_age(&tmp_old, Duration::from_secs(2 * 3600));
    let tmp_fresh = desk.dir.path().join("documents/tmp/.tmpLIVE");
    std::fs::write(&tmp_fresh, b"being written").expect("tmp");
    let kept = stored(&desk).len() - 2;

    let config = Config {
        clock: desk.clock.clone(),
        ..Config::default()
    };
    // The folder was swept when the desk opened: within the hour, another
    // open does not sweep again.
    drop(Lakse::open_with(desk.dir.path(), config.clone()).expect("reopen"));
    assert!(old.exists(), "no second sweep within the hour");
    set_age(
        &desk.dir.path().join("documents/.swept"),
        Duration::from_secs(2 * 3600),
    );
    let again = Lakse::open_with(desk.dir.path(), config).expect("reopen");
    assert!(!old.exists(), "an old orphan is collected");
    assert!(!tmp_old.exists(), "an old temporary file is collected");
    assert!(fresh.exists(), "a young file may be a submission under way");
    assert!(tmp_fresh.exists(), "a young temporary file too");
    assert_eq!(stored(&desk).len(), kept + 1, "every referenced file stays");
    let mine = again
        .my_applications(me.token.expose(), Page::default())
        .expect("list")
        .items;
    for a in &mine {
        again
            .document(me.token.expose(), &a.number, "swafoto")
            .expect("still readable");
    }
}
