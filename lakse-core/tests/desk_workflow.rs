//! Every status × action × actor through the store: what the transition table
//! allows happens (with its history row and its notification, in one
//! transaction); what it refuses changes nothing.

mod common;

use chrono::Days;
use common::{Desk, ktp_rusak, upload};
use lakse_core::application::{Completion, Page, Resubmission, allowed, next};
use lakse_core::outbox::Kind;
use lakse_core::{Action, Actor, Session, Status};

struct Cast {
    officer: Session,
    admin: Session,
}

/// A new applicant's application, driven to `status` by the regular path.
fn application_in(desk: &Desk, cast: &Cast, status: Status, n: &mut u32) -> (Session, String) {
    *n += 1;
    let me = desk.applicant(&format!("pemohon{n}@example.com"));
    let l = &desk.lakse;
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    let o = cast.officer.token.expose();
    let pickup = Completion {
        pickup_date: Some(l.today() + Days::new(1)),
        pickup_place: None,
        note: "sesuai jadwal pengambilan".into(),
    };
    match status {
        Status::Diajukan => {}
        Status::Diproses => {
            l.accept(o, &number, "ok").expect("accept");
        }
        Status::Ditolak => {
            l.reject(o, &number, "perbaiki").expect("reject");
        }
        Status::Selesai => {
            l.accept(o, &number, "ok").expect("accept");
            l.complete(o, &number, &pickup).expect("complete");
        }
        Status::Dibatalkan => {
            l.cancel(me.token.expose(), &number).expect("cancel");
        }
        Status::Diambil => {
            l.accept(o, &number, "ok").expect("accept");
            l.complete(o, &number, &pickup).expect("complete");
            l.collect(o, &number).expect("collect");
        }
    }
    (me, number)
}

/// Runs `action` as `actor` (the owner when the actor is the applicant).
fn act(
    desk: &Desk,
    cast: &Cast,
    owner: &Session,
    number: &str,
    action: Action,
    actor: Actor,
) -> Result<Status, lakse_core::Error> {
    let l = &desk.lakse;
    let token = match actor {
        Actor::Applicant => owner.token.expose(),
        Actor::Officer => cast.officer.token.expose(),
        Actor::Admin => cast.admin.token.expose(),
    };
    let pickup = Completion {
        pickup_date: Some(l.today()),
        pickup_place: None,
        note: "siap diambil".into(),
    };
    let summary = match action {
        Action::Submit => l.submit(token, &ktp_rusak()),
        Action::Accept => l.accept(token, number, "ok"),
        Action::Reject => l.reject(token, number, "perbaiki"),
        Action::Resubmit => l.resubmit(
            token,
            number,
            &Resubmission {
                documents: vec![upload("swafoto", "selfie.jpg")],
                ..Resubmission::default()
            },
        ),
        Action::Complete => l.complete(token, number, &pickup),
        Action::Cancel => l.cancel(token, number),
        Action::Collect => l.collect(token, number),
    }?;
    Ok(summary.status)
}

fn expected_mail(action: Action) -> Option<Kind> {
    match action {
        Action::Accept => Some(Kind::Accepted),
        Action::Reject => Some(Kind::Rejected),
        Action::Complete => Some(Kind::Completed),
        _ => None,
    }
}

#[test]
fn every_transition_through_the_store() {
    let desk = Desk::new();
    let cast = Cast {
        officer: desk.staff(Actor::Officer),
        admin: desk.staff(Actor::Admin),
    };
    let mut n = 0;
    for status in Status::ALL {
        // One application for every refusal from this status: refusals change nothing.
        let (owner, number) = application_in(&desk, &cast, status, &mut n);
        for action in Action::ALL {
            for actor in Actor::ALL {
                let want = next(status, action, actor);
                if action == Action::Submit || want.is_ok() {
                    continue;
                }
                let before = desk
                    .lakse
                    .application(cast.admin.token.expose(), &number)
                    .expect("detail");
                let outbox = desk.outbox_len();
                let err = act(&desk, &cast, &owner, &number, action, actor).expect_err("refused");
                assert_eq!(
                    err.code(),
                    want.unwrap_err().code(),
                    "{status} {action} {actor}"
                );
                let after = desk
                    .lakse
                    .application(cast.admin.token.expose(), &number)
                    .expect("detail");
                assert_eq!(after.summary.status, status);
                assert_eq!(after.history, before.history, "{status} {action} {actor}");
                assert_eq!(desk.outbox_len(), outbox, "{status} {action} {actor}");
            }
        }
        // A fresh application for every allowed move.
        for actor in Actor::ALL {
            for action in allowed(status, actor) {
                let (owner, number) = application_in(&desk, &cast, status, &mut n);
                let before = desk
                    .lakse
                    .application(cast.admin.token.expose(), &number)
                    .expect("detail");
                let outbox = desk.outbox_len();
                let to = act(&desk, &cast, &owner, &number, action, actor).expect("allowed");
                assert_eq!(Ok(to), next(status, action, actor));
                let after = desk
                    .lakse
                    .application(cast.admin.token.expose(), &number)
                    .expect("detail");
                assert_eq!(after.summary.status, to);
                assert_eq!(after.history.len(), before.history.len() + 1);
                let last = after.history.last().expect("history");
                assert_eq!(
                    (last.action, last.actor, last.from, last.to),
                    (action, actor, Some(status), to)
                );
                let mails = desk.lakse.outbox(10_000).expect("outbox");
                match expected_mail(action) {
                    Some(kind) => {
                        assert_eq!(mails.len(), outbox + 1, "{status} {action} {actor}");
                        let mail = mails.last().expect("mail");
                        assert_eq!(mail.kind, kind);
                        assert_eq!(mail.to, owner.email);
                        assert_eq!(mail.data["number"], number);
                        assert_eq!(mail.data["nik_masked"], after.summary.nik_masked);
                    }
                    None => assert_eq!(mails.len(), outbox, "{status} {action} {actor}"),
                }
            }
        }
    }
}

#[test]
fn history_survives_rejection_and_resubmission() {
    let desk = Desk::new();
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("difa@example.com");
    let l = &desk.lakse;
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    let rejected = l
        .reject(officer.token.expose(), &number, "foto buram, perbaiki")
        .expect("reject");
    assert_eq!(rejected.status_label, "Ditolak");
    let mine = l
        .my_applications(me.token.expose(), Page::default())
        .expect("list")
        .items;
    assert_eq!(mine[0].actions, vec![Action::Resubmit], "the pencil button");
    assert_eq!(mine[0].note, "foto buram, perbaiki");
    assert_eq!(
        desk.mail(Kind::Rejected, "difa@example.com")["note"],
        "foto buram, perbaiki"
    );

    let mut fix = Resubmission {
        documents: vec![
            upload("swafoto", "selfie.jpg"),
            upload("ktp_rusak", "ktp-rusak.jpg"),
        ],
        keterangan: Some("sudah diperbaiki".into()),
        ..Resubmission::default()
    };
    let again = l
        .resubmit(me.token.expose(), &number, &fix)
        .expect("resubmit");
    assert_eq!(
        (again.status, again.status_label.as_str()),
        (Status::Diajukan, "Diproses")
    );
    assert_eq!(again.note, "Mohon Tunggu Informasi Selanjutnya");
    // Only a rejected application can be corrected.
    fix.documents.clear();
    assert_eq!(
        l.resubmit(me.token.expose(), &number, &fix)
            .unwrap_err()
            .code(),
        "workflow.not_allowed"
    );

    let detail = l.application(me.token.expose(), &number).expect("detail");
    let steps: Vec<_> = detail.history.iter().map(|h| (h.action, h.to)).collect();
    assert_eq!(
        steps,
        vec![
            (Action::Submit, Status::Diajukan),
            (Action::Reject, Status::Ditolak),
            (Action::Resubmit, Status::Diajukan),
        ]
    );
    assert_eq!(detail.history[1].note, "foto buram, perbaiki");
    assert_eq!(detail.keterangan, "sudah diperbaiki");
    assert_eq!(
        detail.documents.len(),
        5,
        "unchanged slots keep their documents"
    );
    assert_eq!(
        detail.nik_for_officer, None,
        "applicants see their NIK masked only"
    );
}

#[test]
fn completion_checks_date_place_and_reason() {
    let desk = Desk::new();
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("difa@example.com");
    let l = &desk.lakse;
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    assert_eq!(
        l.reject(officer.token.expose(), &number, "  ")
            .unwrap_err()
            .code(),
        "input.required"
    );
    l.accept(officer.token.expose(), &number, "")
        .expect("accept");
    let yesterday = l.today() - Days::new(1);
    let done = |date, place: Option<&str>| Completion {
        pickup_date: date,
        pickup_place: place.map(str::to_owned),
        note: "sesuai jadwal pengambilan".into(),
    };
    let err = l
        .complete(
            officer.token.expose(),
            &number,
            &done(Some(yesterday), None),
        )
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("pickup.date_in_past", Some("pickup_date"))
    );
    let err = l
        .complete(officer.token.expose(), &number, &done(None, None))
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("input.required", Some("pickup_date"))
    );
    let err = l
        .complete(
            officer.token.expose(),
            &number,
            &done(Some(l.today()), Some("Rumah saya")),
        )
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("pickup.unknown_place", Some("pickup_place"))
    );
    let done = l
        .complete(
            officer.token.expose(),
            &number,
            &done(Some(l.today() + Days::new(2)), None),
        )
        .expect("complete");
    assert_eq!(done.status, Status::Selesai);
    let detail = l.application(me.token.expose(), &number).expect("detail");
    let pickup = detail.pickup.expect("pickup");
    assert_eq!(pickup.date, l.today() + Days::new(2));
    assert!(pickup.place.starts_with("Komp. Perkantoran Sekupang"));
    let mail = desk.mail(Kind::Completed, "difa@example.com");
    assert_eq!(
        mail["pickup_date"],
        (l.today() + Days::new(2)).format("%Y-%m-%d").to_string()
    );
}

#[test]
fn submit_is_idempotent_and_one_open_per_nik_and_service() {
    let desk = Desk::new();
    let me = desk.applicant("difa@example.com");
    let l = &desk.lakse;
    let mut app = ktp_rusak();
    app.keterangan = "KTP patah.\r\nFoto pada KTP tidak terbaca.".into();
    app.idempotency_key = Some("form-7f3a".into());
    let first = l.submit(me.token.expose(), &app).expect("submit");
    let second = l.submit(me.token.expose(), &app).expect("double click");
    assert_eq!(first.number, second.number);
    let detail = l
        .application(me.token.expose(), &first.number)
        .expect("detail");
    assert_eq!(
        detail.keterangan, "KTP patah.\nFoto pada KTP tidak terbaca.",
        "line breaks kept"
    );
    assert_eq!(
        l.my_applications(me.token.expose(), Page::default())
            .expect("list")
            .total,
        1
    );

    app.idempotency_key = Some("another-form".into());
    let err = l.submit(me.token.expose(), &app).unwrap_err();
    assert_eq!(err.code(), "application.already_open");
    assert!(
        !err.to_string().contains(&first.number),
        "the refusal names no application"
    );

    l.cancel(me.token.expose(), &first.number).expect("cancel");
    let third = l
        .submit(me.token.expose(), &app)
        .expect("a closed one does not block");
    assert_ne!(third.number, first.number);
    let page = l
        .my_applications(
            me.token.expose(),
            Page {
                offset: 0,
                limit: 1,
            },
        )
        .expect("list");
    let (mine, total) = (page.items, page.total);
    assert_eq!((total, mine.len()), (2, 1));
    assert_eq!(mine[0].number, third.number, "newest first");
}

#[test]
fn redirected_and_unknown_services_are_refused_with_where_to_go() {
    let desk = Desk::new();
    let me = desk.applicant("difa@example.com");
    let mut app = ktp_rusak();
    app.service = "akte_kelahiran".into();
    app.subtype = None;
    match desk.lakse.submit(me.token.expose(), &app).unwrap_err() {
        lakse_core::Error::ServiceRedirected {
            message, locations, ..
        } => {
            assert_eq!(locations.len(), 3);
            assert!(message.contains("Identitas Kependudukan Digital"));
        }
        other => panic!("unexpected {other:?}"),
    }
    app.service = "paspor".into();
    assert_eq!(
        desk.lakse
            .submit(me.token.expose(), &app)
            .unwrap_err()
            .code(),
        "catalog.unknown_service"
    );
    let mut app = ktp_rusak();
    app.subtype = Some("sim_hilang".into());
    assert_eq!(
        desk.lakse
            .submit(me.token.expose(), &app)
            .unwrap_err()
            .code(),
        "catalog.unknown_subtype"
    );
    assert_eq!(desk.rows("applications"), 0);
}

#[test]
fn a_complaint_needs_its_keterangan_and_ends_without_a_pickup() {
    let desk = Desk::new();
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("warga@example.com");
    let l = &desk.lakse;
    let mut complaint = lakse_core::application::NewApplication {
        service: "pengaduan".into(),
        ..Default::default()
    };
    let err = l.submit(me.token.expose(), &complaint).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("input.required", Some("keterangan"))
    );
    complaint.keterangan = "é".repeat(2001);
    let err = l.submit(me.token.expose(), &complaint).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("input.too_long", Some("keterangan"))
    );
    assert_eq!(desk.rows("applications"), 0);

    complaint.keterangan = "Antrian di loket 14 terlalu lama.\nMohon ditambah petugas.".into();
    let number = l
        .submit(me.token.expose(), &complaint)
        .expect("a complaint with no attachment")
        .number;
    l.accept(officer.token.expose(), &number, "")
        .expect("accept");
    let answer = Completion {
        pickup_date: None,
        pickup_place: None,
        note: "Terima kasih, petugas loket 14 sudah ditambah.".into(),
    };
    let done = l
        .complete(officer.token.expose(), &number, &answer)
        .expect("answered");
    assert_eq!(done.note, answer.note, "the officer's answer is the note");
    let detail = l.application(me.token.expose(), &number).expect("detail");
    assert_eq!(detail.pickup, None, "nothing to collect");
    assert_eq!(
        l.coupon(me.token.expose(), &number).unwrap_err().code(),
        "coupon.not_available"
    );
}

#[test]
fn a_complaint_ends_at_selesai_with_the_officers_answer() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let me = desk.applicant("pengadu@example.com");
    let officer = desk.staff(Actor::Officer);
    let o = officer.token.expose();
    let complaint = lakse_core::application::NewApplication {
        service: "pengaduan".into(),
        keterangan: "Antrean di kantor kecamatan terlalu lama".into(),
        ..Default::default()
    };
    let number = l
        .submit(me.token.expose(), &complaint)
        .expect("submit")
        .number;
    l.accept(o, &number, "").expect("accept");

    // The answer is the note: without one nothing changes.
    let before = desk.rows("history");
    let err = l
        .complete(o, &number, &Completion::default())
        .expect_err("no answer");
    assert_eq!((err.code(), err.field()), ("input.required", Some("note")));
    assert_eq!(desk.rows("history"), before);
    assert_eq!(
        l.application(o, &number).expect("detail").summary.status,
        Status::Diproses
    );

    // A generic officer form's pickup fields mean nothing here: not checked, not kept.
    let done = l
        .complete(
            o,
            &number,
            &Completion {
                pickup_date: Some(l.today() - Days::new(3)),
                pickup_place: Some("Mars".into()),
                note: "Sudah kami tindak lanjuti dengan pihak kecamatan".into(),
            },
        )
        .expect("answered");
    assert_eq!(done.status, Status::Selesai);
    assert_eq!(
        done.note,
        "Sudah kami tindak lanjuti dengan pihak kecamatan"
    );
    assert!(
        !done.actions.contains(&Action::Collect),
        "{:?}",
        done.actions
    );
    let detail = l.application(me.token.expose(), &number).expect("detail");
    assert_eq!(detail.pickup, None);
    assert!(l.coupon(me.token.expose(), &number).is_err(), "no coupon");

    // Nothing to collect: it stays Selesai.
    let err = l.collect(o, &number).expect_err("no pickup");
    assert_eq!(err.code(), "workflow.not_allowed");
    assert_eq!(
        l.application(o, &number).expect("detail").summary.status,
        Status::Selesai
    );
}
