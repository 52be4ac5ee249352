//! Dates shown to people are Indonesian: every e-mail kind (as composed for
//! sending, subject and text parts decoded), the pickup coupon (as
//! `pdftotext` reads it), and "Pengajuanku", the officer queue and "Detail
//! Pengajuan" (every text they carry) hold no English month name and no
//! AM/PM. The journey runs in May, August, October and December, the months
//! whose names differ.
//!
//! The coupon part needs poppler-utils, like `tests/coupon.rs`.

mod common;

use base64::Engine as _;
use chrono::{NaiveDate, TimeZone, Utc};
use common::{Desk, PASSWORD, ktp_rusak};
use lakse_core::application::{Completion, Page, Resubmission};
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Lakse, Session};

/// English month names that differ from the Indonesian ones (April,
/// September and November are spelt alike), matched as whole words in any case.
const ENGLISH_MONTHS: [&str; 9] = [
    "January", "February", "March", "May", "June", "July", "August", "October", "December",
];
/// English abbreviations that differ from the Indonesian ones, and the
/// 12-hour clock's markers, matched as whole words exactly.
const ENGLISH_MARKS: [&str; 7] = ["Aug", "Oct", "Dec", "AM", "PM", "am", "pm"];

/// The English words of `text` that show a date or time in English.
fn english_in(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            ENGLISH_MARKS.contains(w) || ENGLISH_MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
        })
        .collect()
}

#[test]
fn the_scan_sees_english_dates() {
    assert_eq!(
        english_in("05 Dec 2026, 02:30:53 PM; 1 may; Agu Okt Des Mei April"),
        ["Dec", "PM", "may"]
    );
}

/// Quoted-printable to bytes (RFC 2045: `=XX`, and `=` ending a line joins it to the next).
fn unquote(body: &str) -> Vec<u8> {
    let b = body.replace("=\n", "").into_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// What a mail reader shows of a composed message: the subject and every
/// `text/*` part, decoded (attachments and the other headers left out).
fn readable(message: &[u8]) -> String {
    let text = String::from_utf8_lossy(message).replace("\r\n", "\n");
    let (head, _) = text.split_once("\n\n").expect("headers and body");
    let mut out: Vec<String> = head
        .replace("\n ", " ")
        .lines()
        .filter_map(|l| l.strip_prefix("Subject: "))
        .map(str::to_owned)
        .collect();
    let boundaries: Vec<String> = text
        .split("boundary=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|b| format!("--{b}"))
        .collect();
    let mut parts: Vec<String> = vec![String::new()];
    for line in text.lines() {
        if boundaries.iter().any(|b| line.starts_with(b.as_str())) {
            parts.push(String::new());
        } else if let Some(part) = parts.last_mut() {
            part.push_str(line);
            part.push('\n');
        }
    }
    for part in parts.iter().skip(1) {
        let Some((headers, body)) = part.split_once("\n\n") else {
            continue;
        };
        let headers = headers.to_ascii_lowercase();
        if !headers.contains("content-type: text/") {
            continue;
        }
        let bytes = if headers.contains("content-transfer-encoding: base64") {
            let compact: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .expect("base64 part")
        } else if headers.contains("content-transfer-encoding: quoted-printable") {
            unquote(body)
        } else {
            body.as_bytes().to_vec()
        };
        out.push(String::from_utf8(bytes).expect("UTF-8 text part"));
    }
    assert!(out.len() >= 3, "subject, text and HTML:\n{text}");
    out.join("\n")
}

/// 14:30:53 WIB on `y-m-d`; months later, `people` log in again.
fn afternoon(desk: &Desk, (y, m, d): (i32, u32, u32), people: &mut [&mut Session]) {
    desk.clock.set(
        Utc.with_ymd_and_hms(y, m, d, 7, 30, 53)
            .single()
            .expect("a time"),
    );
    for session in people {
        **session = desk
            .lakse
            .login(session.email.expose(), PASSWORD)
            .expect("login");
    }
}

/// The first text shown as `what`.
fn text_of<'a>(shown: &'a [(String, String)], what: &str) -> &'a str {
    shown
        .iter()
        .find(|(w, _)| w == what)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("nothing shown as {what}"))
}

#[test]
fn every_text_a_person_sees_shows_dates_in_indonesian() {
    let desk = Desk::new();
    let l: &Lakse = &desk.lakse;
    let pickup = NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date");

    // Mei: the accounts are made (confirmation and credentials e-mails).
    afternoon(&desk, (2026, 5, 30), &mut []);
    let mut me = desk.applicant("pemohon@example.com");
    let mut officer = desk.staff(Actor::Officer);
    // Agu: submitted, rejected, resubmitted.
    afternoon(&desk, (2026, 8, 10), &mut [&mut me, &mut officer]);
    let number = l
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    l.reject(officer.token.expose(), &number, "foto buram")
        .expect("reject");
    l.resubmit(me.token.expose(), &number, &Resubmission::default())
        .expect("resubmit");
    // Okt: accepted and completed for a pickup in Des; a password reset.
    afternoon(&desk, (2026, 10, 1), &mut [&mut me, &mut officer]);
    l.accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    l.complete(
        officer.token.expose(),
        &number,
        &Completion {
            pickup_date: Some(pickup),
            pickup_place: None,
            note: "sesuai jadwal pengambilan".into(),
        },
    )
    .expect("complete");
    l.forgot_password("pemohon@example.com").expect("reset");

    // Everything people are shown, by what it is.
    let mut shown: Vec<(String, String)> = Vec::new();
    let messages = l.outbox(1000).expect("outbox");
    for kind in Kind::ALL {
        assert!(
            messages.iter().any(|m| m.kind == kind),
            "no {kind:?} e-mail to check"
        );
    }
    for m in &messages {
        let composed = l.compose_outbox(m.id).expect("compose");
        shown.push((format!("e-mail {}", m.kind.code()), readable(&composed)));
    }
    let lakse_core::application::ApplicationPage {
        items: mine,
        total: _,
        ..
    } = l
        .my_applications(me.token.expose(), Page::default())
        .expect("mine");
    shown.push(("Pengajuanku".into(), format!("{mine:?}")));
    let queue = l
        .queue(officer.token.expose(), None, None, Page::default())
        .expect("queue");
    shown.push(("queue".into(), format!("{queue:?}")));
    let detail = l.application(me.token.expose(), &number).expect("detail");
    shown.push(("Detail Pengajuan".into(), format!("{detail:?}")));
    if common::poppler() {
        let coupon = l.coupon(me.token.expose(), &number).expect("coupon");
        let dir = tempfile::tempdir().expect("tempdir");
        let pdf = dir.path().join(&coupon.file_name);
        std::fs::write(&pdf, &coupon.bytes).expect("write the coupon");
        shown.push(("coupon".into(), common::pdftotext(&pdf)));
    }

    let english: Vec<String> = shown
        .iter()
        .flat_map(|(what, text)| {
            english_in(text)
                .into_iter()
                .map(move |w| format!("{what}: {w}"))
        })
        .collect();
    assert!(english.is_empty(), "English dates shown: {english:#?}");

    // And the dates are there, in Indonesian.
    assert_eq!(detail.summary.submitted_at_local, "10 Agu 2026, 14:30:53");
    assert_eq!(mine[0].submitted_at_local, "10 Agu 2026, 14:30:53");
    for (what, date) in [
        // 90 and 60 minutes after the request.
        ("e-mail confirmation", "30 Mei 2026, 16:00:53"),
        ("e-mail password_reset", "01 Okt 2026, 15:30:53"),
        ("e-mail completed", "05 Des 2026"),
    ] {
        let text = text_of(&shown, what);
        assert!(text.contains(date), "{what} lacks {date}:\n{text}");
    }
    if common::poppler() {
        let coupon = text_of(&shown, "coupon");
        assert!(coupon.contains("05 Des 2026"), "{coupon}");
    }
}
