//! Who may see and do what: applicants only their own applications (another's
//! is "not found", never the data), only staff move applications forward,
//! staff reads are audited, and tokens and sessions are refused when they
//! are wrong, expired, reused or someone else's.

mod common;

use chrono::Duration;
use common::{Desk, PASSWORD, ktp_rusak, upload};
use lakse_core::application::{Completion, Page, Resubmission};
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Status};

#[test]
fn applicant_b_cannot_touch_applicant_a() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let a = desk.applicant("a@example.com");
    let b = desk.applicant("b@example.com");
    let number = l
        .submit(a.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;

    assert_eq!(
        l.my_applications(b.token.expose(), Page::default())
            .expect("list")
            .total,
        0
    );
    fn not_found<T: std::fmt::Debug>(r: Result<T, lakse_core::Error>) -> &'static str {
        r.unwrap_err().code()
    }
    assert_eq!(
        not_found(l.application(b.token.expose(), &number)),
        "application.not_found"
    );
    assert_eq!(
        not_found(l.document(b.token.expose(), &number, "kk")),
        "application.not_found"
    );
    assert_eq!(
        not_found(l.cancel(b.token.expose(), &number)),
        "application.not_found"
    );
    let fix = Resubmission {
        documents: vec![upload("swafoto", "selfie.jpg")],
        ..Resubmission::default()
    };
    assert_eq!(
        not_found(l.resubmit(b.token.expose(), &number, &fix)),
        "application.not_found"
    );
    // A number that does not exist answers exactly the same.
    assert_eq!(
        not_found(l.application(b.token.expose(), "BTM-2026-999999-X")),
        "application.not_found"
    );

    // Applicants never process, not even their own.
    let done = Completion {
        pickup_date: Some(l.today()),
        pickup_place: None,
        note: String::new(),
    };
    for r in [
        l.accept(a.token.expose(), &number, "ok"),
        l.reject(a.token.expose(), &number, "no"),
        l.complete(a.token.expose(), &number, &done),
        l.collect(a.token.expose(), &number),
    ] {
        assert_eq!(r.unwrap_err().code(), "workflow.actor_not_permitted");
    }
    assert_eq!(
        l.queue(a.token.expose(), None, None, Page::default())
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    assert_eq!(
        l.audit_log(a.token.expose(), Page::default())
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );

    // Nothing changed, and the owner still sees everything.
    let detail = l
        .application(a.token.expose(), &number)
        .expect("owner reads");
    assert_eq!(detail.summary.status, Status::Diajukan);
    assert_eq!(detail.history.len(), 1);
    let doc = l
        .document(a.token.expose(), &number, "kk")
        .expect("owner downloads");
    assert_eq!(doc.bytes, common::fixture("kk.png"));
    assert_eq!(doc.mime, "image/png");
}

#[test]
fn staff_reads_are_audited_and_only_admins_read_the_audit() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let a = desk.applicant("a@example.com");
    let officer = desk.staff(Actor::Officer);
    let admin = desk.staff(Actor::Admin);
    let number = l
        .submit(a.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;

    l.application(a.token.expose(), &number)
        .expect("owner reads");
    assert!(
        l.audit_log(admin.token.expose(), Page::default())
            .expect("audit")
            .items
            .is_empty(),
        "own reads are not staff reads"
    );

    let detail = l
        .application(officer.token.expose(), &number)
        .expect("officer reads");
    assert_eq!(
        detail.nik_for_officer.as_ref().map(|n| n.expose()),
        Some("2171051209900001")
    );
    l.document(officer.token.expose(), &number, "form_f1")
        .expect("officer downloads");
    let log = l
        .audit_log(admin.token.expose(), Page::default())
        .expect("audit")
        .items;
    let what: Vec<_> = log
        .iter()
        .map(|e| (e.what.as_str(), e.actor, e.application_number.as_deref()))
        .collect();
    assert_eq!(
        what,
        vec![
            ("read_document", Actor::Officer, Some(number.as_str())),
            ("read_detail", Actor::Officer, Some(number.as_str())),
        ]
    );
    assert_eq!(log[0].detail, "form_f1");
    assert_eq!(
        l.audit_log(officer.token.expose(), Page::default())
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    // Staff may not submit, and officers may not create accounts.
    assert_eq!(
        l.submit(officer.token.expose(), &ktp_rusak())
            .unwrap_err()
            .code(),
        "workflow.actor_not_permitted"
    );
    assert_eq!(
        l.create_staff(
            officer.token.expose(),
            "x@disdukcapil.example",
            Actor::Officer
        )
        .unwrap_err()
        .code(),
        "auth.forbidden"
    );
    assert_eq!(
        l.bootstrap_admin("second@disdukcapil.example", PASSWORD)
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
}

#[test]
fn confirmation_tokens_expire_are_single_use_and_must_be_real() {
    let desk = Desk::new();
    let l = &desk.lakse;
    l.register("Difa@Example.com").expect("register");
    let link = desk.mail(Kind::Confirmation, "difa@example.com");
    assert_eq!(
        link["expires_at"], "25 Nov 2026, 11:30:00",
        "90 minutes, shown in WIB"
    );

    assert_eq!(
        l.confirm("not-a-token").unwrap_err().code(),
        "auth.token_invalid"
    );
    assert_eq!(l.confirm("").unwrap_err().code(), "auth.token_invalid");
    desk.clock.advance(Duration::minutes(90));
    assert_eq!(
        l.confirm(&link["token"]).unwrap_err().code(),
        "auth.token_expired"
    );
    assert_eq!(
        l.login("difa@example.com", "anything").unwrap_err().code(),
        "auth.invalid_credentials"
    );

    // A fresh registration sends a fresh link; it works once.
    l.register("difa@example.com").expect("register again");
    let link = desk.mail(Kind::Confirmation, "difa@example.com");
    desk.clock.advance(Duration::minutes(89));
    l.confirm(&link["token"]).expect("confirm");
    assert_eq!(
        l.confirm(&link["token"]).unwrap_err().code(),
        "auth.token_used"
    );
    assert_eq!(
        l.register("DIFA@example.com").unwrap_err().code(),
        "account.exists"
    );

    // The e-mailed password works, but nothing else until it is changed.
    let otp = desk.mail(Kind::Credentials, "difa@example.com");
    let first = l
        .login("difa@EXAMPLE.com", &otp["password"])
        .expect("login");
    assert!(first.must_change_password);
    assert_eq!(
        l.profile(first.token.expose()).unwrap_err().code(),
        "auth.password_change_required"
    );
    assert_eq!(
        l.change_password(first.token.expose(), &otp["password"], "short")
            .unwrap_err()
            .code(),
        "password.too_short"
    );
    l.change_password(first.token.expose(), &otp["password"], PASSWORD)
        .expect("change");
    l.profile(first.token.expose()).expect("now allowed");
    assert_eq!(
        l.login("difa@example.com", &otp["password"])
            .unwrap_err()
            .code(),
        "auth.invalid_credentials"
    );
}

#[test]
fn reset_tokens_belong_to_one_account() {
    let desk = Desk::new();
    let l = &desk.lakse;
    desk.account("a@example.com");
    desk.account("b@example.com");
    let before = desk.outbox_len();
    l.forgot_password("nobody@example.com")
        .expect("answers the same for unknown addresses");
    assert_eq!(desk.outbox_len(), before, "but sends nothing");
    l.forgot_password("A@example.com").expect("forgot");
    let reset = desk.mail(Kind::PasswordReset, "a@example.com");

    let err = l
        .reset_password("b@example.com", &reset["token"], "baru-sekali-2024")
        .unwrap_err();
    assert_eq!(err.code(), "auth.token_invalid", "A's token cannot reset B");
    let confirm_token = desk.mail(Kind::Confirmation, "a@example.com");
    let err = l
        .reset_password("a@example.com", &confirm_token["token"], "baru-sekali-2024")
        .unwrap_err();
    assert_eq!(
        err.code(),
        "auth.token_invalid",
        "a confirmation link is not a reset link"
    );

    let session = l.login("a@example.com", PASSWORD).expect("login");
    l.reset_password("a@example.com", &reset["token"], "baru-sekali-2024")
        .expect("reset");
    assert_eq!(
        l.whoami(session.token.expose()).unwrap_err().code(),
        "auth.session_invalid",
        "sessions end"
    );
    assert_eq!(
        l.reset_password("a@example.com", &reset["token"], "lagi-lagi-2024")
            .unwrap_err()
            .code(),
        "auth.token_used"
    );
    l.login("a@example.com", "baru-sekali-2024")
        .expect("new password");
    l.login("b@example.com", PASSWORD).expect("B untouched");

    l.forgot_password("a@example.com").expect("forgot");
    let reset = desk.mail(Kind::PasswordReset, "a@example.com");
    desk.clock.advance(Duration::minutes(61));
    assert_eq!(
        l.reset_password("a@example.com", &reset["token"], "lagi-lagi-2024")
            .unwrap_err()
            .code(),
        "auth.token_expired"
    );
}

#[test]
fn five_failures_lock_login_for_fifteen_minutes() {
    let desk = Desk::new();
    let l = &desk.lakse;
    desk.account("a@example.com");
    for _ in 0..5 {
        assert_eq!(
            l.login("a@example.com", "salah").unwrap_err().code(),
            "auth.invalid_credentials"
        );
        desk.clock.advance(Duration::minutes(1));
    }
    // Locked: even the right password is refused, without being checked.
    assert_eq!(
        l.login("A@example.com", PASSWORD).unwrap_err().code(),
        "auth.locked"
    );
    desk.clock.advance(Duration::minutes(13));
    assert_eq!(
        l.login("a@example.com", PASSWORD).unwrap_err().code(),
        "auth.locked"
    );
    desk.clock.advance(Duration::minutes(1));
    l.login("a@example.com", PASSWORD)
        .expect("released after 15 minutes");
    // Success forgives earlier failures.
    for _ in 0..4 {
        l.login("a@example.com", "salah").unwrap_err();
    }
    l.login("a@example.com", PASSWORD)
        .expect("4 failures do not lock");
    l.login("a@example.com", "salah").unwrap_err();
    l.login("a@example.com", PASSWORD)
        .expect("the count restarted");
}

#[test]
fn sessions_expire_and_end_at_logout() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let s = desk.account("a@example.com");
    assert_eq!(
        l.whoami(s.token.expose()).expect("whoami").email.expose(),
        "a@example.com"
    );
    assert_eq!(
        l.whoami("forged").unwrap_err().code(),
        "auth.session_invalid"
    );
    desk.clock.advance(Duration::hours(12));
    assert_eq!(
        l.whoami(s.token.expose()).unwrap_err().code(),
        "auth.session_invalid"
    );
    let s = l.login("a@example.com", PASSWORD).expect("login");
    l.logout(s.token.expose()).expect("logout");
    assert_eq!(
        l.whoami(s.token.expose()).unwrap_err().code(),
        "auth.session_invalid"
    );
    assert!(
        !format!("{s:?}").contains(s.token.expose()),
        "Debug never shows the token"
    );
}

#[test]
fn a_closed_handle_refuses_everything() {
    let desk = Desk::new();
    let s = desk.account("a@example.com");
    desk.lakse.close();
    assert_eq!(
        desk.lakse.whoami(s.token.expose()).unwrap_err().code(),
        "handle.closed"
    );
    assert_eq!(
        desk.lakse.register("b@example.com").unwrap_err().code(),
        "handle.closed"
    );
    assert_eq!(desk.lakse.outbox(1).unwrap_err().code(), "handle.closed");
}

#[test]
fn old_login_failures_are_forgotten() {
    let desk = Desk::new();
    desk.account("a@example.com");
    for _ in 0..20 {
        let err = desk.lakse.login("a@example.com", "salah").unwrap_err();
        assert_eq!(
            err.code(),
            "auth.invalid_credentials",
            "spread out, they never lock"
        );
        desk.clock.advance(Duration::minutes(20));
    }
    // Only failures that could still count (window + lockout, 30 minutes) are kept.
    assert_eq!(desk.rows("login_failures"), 2);
}
