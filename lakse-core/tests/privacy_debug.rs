//! Privacy by type: every public record, formatted with `{:?}` (and the
//! wrappers with `{}`), shows no NIK, No KK, token, password or e-mail
//! address. The records are real ones, made by the public API.

mod common;

use chrono::Days;
use common::{Desk, PASSWORD, ktp_rusak, upload};
use lakse_core::api;
use lakse_core::application::{Completion, NewApplication, Page, Resubmission};
use lakse_core::document::Upload;
use lakse_core::options::{DeliveryOptions, OpenOptions, SmtpSecurity};
use lakse_core::outbox::Kind;
use lakse_core::sensitive::Secret;
use lakse_core::{Actor, nik};

/// Fails when `shown` holds 16 digits in a row (also typed in groups, with
/// one space, dot or hyphen between digits) or any of `secrets`.
fn assert_private(what: &str, shown: &str, secrets: &[String]) {
    let mut digits = 0;
    let mut previous = ' ';
    for c in shown.chars() {
        digits = match c {
            '0'..='9' => digits + 1,
            ' ' | '.' | '-' if previous.is_ascii_digit() => digits,
            _ => 0,
        };
        previous = c;
        assert!(digits < 16, "{what} shows a 16-digit number: {shown}");
    }
    for secret in secrets {
        assert!(
            !shown.contains(secret.as_str()),
            "{what} shows a secret ({} chars): {shown}",
            secret.len()
        );
    }
}

#[test]
fn debug_of_every_public_record_masks_nik_kk_tokens_passwords_and_addresses() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let mut shown: Vec<(&str, String)> = Vec::new();
    let mut secrets = vec![
        PASSWORD.to_owned(),
        "difa@example.com".to_owned(),
        "petugas1@disdukcapil.example".to_owned(),
    ];

    l.register("difa@example.com").expect("register");
    let link = desk.mail(Kind::Confirmation, "difa@example.com")["token"].clone();
    secrets.push(link.clone());
    l.confirm_with_password(&link, PASSWORD).expect("confirm");
    let me = l.login("difa@example.com", PASSWORD).expect("login");
    secrets.push(me.token.expose().to_owned());
    let input = common::profile("Difa", "2171055209900001");
    shown.push(("ProfileInput", format!("{input:?}")));
    let profile = l
        .update_profile(me.token.expose(), &input)
        .expect("profile");
    l.set_profile_photo(
        me.token.expose(),
        "2171055209900001.jpg",
        &common::fixture("selfie.jpg"),
    )
    .expect("photo");
    shown.push(("Profile", format!("{profile:?}")));
    shown.push(("Session", format!("{me:?}")));
    shown.push((
        "Account",
        format!("{:?}", l.whoami(me.token.expose()).expect("me")),
    ));
    shown.push((
        "Photo",
        format!("{:?}", l.profile_photo(me.token.expose()).expect("photo")),
    ));

    // A child's NIK among the extra fields, a NIK typed into Keterangan.
    let kia = NewApplication {
        service: "kia".into(),
        keterangan: "Anak saya NIK 2171 0302 0615 0001, ibunya difa@example.com".into(),
        fields: [("child_nik".to_owned(), "2171030206150001".to_owned())].into(),
        documents: vec![
            Upload {
                file_name: "KK 2171.0501.1015.0003.png".into(),
                ..upload("kk", "kk.png")
            },
            upload("akta_kelahiran_anak", "form.pdf"),
            upload("form_f1", "form.pdf"),
        ],
        ..NewApplication::default()
    };
    shown.push(("NewApplication", format!("{kia:?}")));
    let child = l.submit(me.token.expose(), &kia).expect("kia");
    shown.push(("ApplicationSummary", format!("{child:?}")));
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("ktp")
        .number;
    let officer = desk.staff(Actor::Officer);
    secrets.push(officer.token.expose().to_owned());
    let detail = l
        .application(officer.token.expose(), &child.number)
        .expect("officer reads");
    assert!(detail.nik_for_officer.is_some());
    shown.push(("ApplicationDetail (officer)", format!("{detail:?}")));
    l.reject(
        officer.token.expose(),
        &number,
        "foto buram; NIK 2171-0552-0990-0001 tidak cocok",
    )
    .expect("reject");
    let change = Resubmission {
        keterangan: Some("NIK 2171055209900001".into()),
        fields: Some([("x".to_owned(), "2171055209900001".to_owned())].into()),
        documents: vec![upload("swafoto", "selfie.jpg")],
    };
    shown.push(("Resubmission", format!("{change:?}")));
    let change = Resubmission {
        fields: None,
        ..change
    };
    l.resubmit(me.token.expose(), &number, &change)
        .expect("resubmit");
    l.accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    let completion = Completion {
        pickup_date: Some(l.today() + Days::new(1)),
        pickup_place: None,
        note: "sesuai jadwal, kabari difa@example.com".into(),
    };
    l.complete(officer.token.expose(), &number, &completion)
        .expect("complete");
    let coupon = l.coupon(me.token.expose(), &number).expect("coupon");
    shown.push(("Coupon", format!("{coupon:?}")));
    shown.push((
        "CouponClaims",
        format!(
            "{:?}",
            lakse_core::coupon::verify(&l.office_public_key(), &coupon.code)
        ),
    ));
    shown.push((
        "DocumentContent",
        format!(
            "{:?}",
            l.document(me.token.expose(), &child.number, "kk")
                .expect("doc")
        ),
    ));
    shown.push((
        "ApplicationDetail (history, documents)",
        format!(
            "{:?}",
            l.application(me.token.expose(), &number).expect("detail")
        ),
    ));
    shown.push((
        "ApplicationPage",
        format!(
            "{:?}",
            l.my_applications(me.token.expose(), Page::default())
        ),
    ));
    let admin = desk.staff(Actor::Admin);
    secrets.push(admin.token.expose().to_owned());
    shown.push((
        "AuditPage",
        format!("{:?}", l.audit_log(admin.token.expose(), Page::default())),
    ));

    // The outbox holds links, one-time passwords and addresses.
    let outbox = l.outbox(1000).expect("outbox");
    for m in &outbox {
        for key in ["token", "password"] {
            if let Some(v) = m.data.get(key) {
                secrets.push(v.clone());
            }
        }
    }
    shown.push(("OutboxMessage", format!("{outbox:?}")));
    shown.push((
        "DeliveryReport",
        format!("{:?}", l.deliver_pending(100).expect("deliver")),
    ));

    // Pure functions and options.
    shown.push((
        "NikRecord",
        format!("{:?}", api::parse_nik("2171055209900001", None)),
    ));
    shown.push((
        "KkRecord",
        format!("{:?}", api::parse_kk("2171050110150003", None)),
    ));
    shown.push((
        "NikOutcome",
        format!("{:?}", api::parse_niks(&["2171055209900001".into()], None)),
    ));
    shown.push((
        "NikInfo",
        format!(
            "{:?}",
            nik::parse_today("2171055209900001", nik::Mode::Strict)
        ),
    ));
    let options = OpenOptions {
        office_key: Some(Secret::new("c2VlZC1vZi10aGUtb2ZmaWNlLWtleS0xMjM0NTY3ODk")),
        delivery: DeliveryOptions::Smtp {
            host: "smtp.batam.go.id".into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            username: Some("oten".into()),
            password: Some(Secret::new("smtp-rahasia-2024")),
            timeout_seconds: 30,
        },
        ..OpenOptions::new("/var/lib/lakse")
    };
    secrets.push("smtp-rahasia-2024".into());
    secrets.push("c2VlZC1vZi10aGUtb2ZmaWNlLWtleS0xMjM0NTY3ODk".into());
    shown.push(("OpenOptions", format!("{options:?}")));
    let err = l.update_profile("tidak-ada", &common::profile("Difa", "2171055209900001"));
    shown.push(("Error", format!("{err:?}")));
    shown.push((
        "ErrorInfo",
        format!(
            "{:?}",
            api::parse_nik("2171O55209900001", None)
                .map_err(|e| lakse_core::error::ErrorInfo::from(&e))
        ),
    ));

    for (what, text) in &shown {
        assert_private(what, text, &secrets);
    }
    // A printed NIK or KK record leaves out what would give the digits back:
    // the district and the date.
    for (what, text) in &shown {
        if what.starts_with("Nik") || what.starts_with("Kk") {
            for part in ["217105", "1990-09-12", "2015-10-01"] {
                assert!(!text.contains(part), "{what} shows {part}: {text}");
            }
        }
    }
    // The wrappers hide their value in Display too, and give it back on request.
    let wrapped = format!("{} {} {}", me.token, me.email, profile.nik);
    assert_private("Display of the wrappers", &wrapped, &secrets);
    assert_eq!(profile.nik.expose(), "2171055209900001");
}

#[test]
#[should_panic(expected = "16-digit")]
fn the_check_catches_a_raw_nik() {
    assert_private("a raw NIK", "nik: \"2171055209900001\"", &[]);
}

#[test]
#[should_panic(expected = "secret")]
fn the_check_catches_a_secret() {
    assert_private("a token", "token: abc123", &["abc123".to_owned()]);
}
