//! E-mail delivery against a real SMTP server on 127.0.0.1 (`tests/smtp_sink.py`,
//! aiosmtpd): the whole journey's messages, SMTP down and back, parking and
//! retry, a process killed mid-delivery; and template overrides.
//!
//! The SMTP tests need a Python with aiosmtpd (`LAKSE_PYTHON`, default
//! `python3`). Without it they print "SKIPPED" and pass, unless
//! `LAKSE_REQUIRE_TOOLS=1`, which makes them fail.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use base64::Engine as _;
use chrono::{Days, Duration, TimeZone, Utc};
use common::{PASSWORD, ktp_rusak, upload};
use lakse_core::application::{Completion, Resubmission};
use lakse_core::clock::ManualClock;
use lakse_core::delivery::{Security, Smtp, Transport};
use lakse_core::mail::{MailConfig, Templates};
use lakse_core::outbox::Kind;
use lakse_core::profile::ProfileInput;
use lakse_core::{Config, Lakse};
use serde_json::Value;

const NIK: &str = "2171055209900001";

// ---------------------------------------------------------------------------
// The sink.

/// The Python to run the sink with, or `None` (after saying so) when aiosmtpd
/// is missing and tools are not required.
fn python() -> Option<String> {
    let python = std::env::var("LAKSE_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let ok = Command::new(&python)
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    if std::env::var("LAKSE_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("{python} cannot import aiosmtpd, and LAKSE_REQUIRE_TOOLS=1");
    }
    eprintln!(
        "\n*** SKIPPED: aiosmtpd not available ({python} cannot import it; set LAKSE_PYTHON) ***\n"
    );
    None
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

/// A running `tests/smtp_sink.py`, killed when dropped.
struct Sink {
    child: Child,
    dir: PathBuf,
}

impl Sink {
    fn start(python: &str, port: u16, dir: &Path) -> Sink {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/smtp_sink.py");
        let child = Command::new(python)
            .arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(dir)
            .spawn()
            .expect("start the SMTP sink");
        let mut sink = Sink {
            child,
            dir: dir.to_owned(),
        };
        let deadline = Instant::now() + StdDuration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = sink.child.try_wait() {
                panic!("the SMTP sink exited: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "the SMTP sink did not listen on {port}"
            );
            std::thread::sleep(StdDuration::from_millis(20));
        }
        sink
    }

    /// Every message received so far (decoded by the sink), oldest first.
    fn messages(&self) -> Vec<Value> {
        received(&self.dir)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn received(dir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("json"))
        .collect()
}

/// Every raw `.eml` the sink wrote, concatenated.
fn raw_received(dir: &Path) -> String {
    let mut out = String::new();
    for entry in std::fs::read_dir(dir).expect("sink folder").flatten() {
        if entry.path().extension().is_some_and(|e| e == "eml") {
            out.push_str(&String::from_utf8_lossy(
                &std::fs::read(entry.path()).expect("read"),
            ));
        }
    }
    out
}

fn field<'a>(m: &'a Value, key: &str) -> &'a str {
    m[key].as_str().unwrap_or_default()
}

/// The outbox id inside a `<lakse.{id}.{instance}@domain>` Message-ID.
fn outbox_id(message_id: &str) -> i64 {
    message_id
        .trim_start_matches("<lakse.")
        .split('.')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a lakse Message-ID: {message_id}"))
}

// ---------------------------------------------------------------------------
// Handles.

fn smtp_config(port: u16, clock: Arc<ManualClock>) -> Config {
    Config {
        clock,
        mail: MailConfig {
            transport: Transport::Smtp(Smtp::new("127.0.0.1", port, Security::None)),
            ..MailConfig::default()
        },
        ..Config::default()
    }
}

fn manual_clock() -> Arc<ManualClock> {
    // 2026-11-25 10:00 WIB.
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap(),
    ))
}

/// The first message the sink got for `to` with a subject containing `subject`.
fn find<'a>(messages: &'a [Value], to: &str, subject: &str) -> &'a Value {
    messages
        .iter()
        .find(|m| {
            m["rcpt_tos"][0]
                .as_str()
                .is_some_and(|r| r.eq_ignore_ascii_case(to))
                && field(m, "subject").contains(subject)
        })
        .unwrap_or_else(|| panic!("no message to {to} about {subject:?}"))
}

// ---------------------------------------------------------------------------
// The journey.

#[test]
fn the_whole_journey_arrives_over_smtp() {
    let Some(python) = python() else { return };
    let data = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _sink = Sink::start(&python, port, inbox.path());
    let clock = manual_clock();
    let lakse = Lakse::open_with(data.path(), smtp_config(port, clock.clone())).expect("open");
    let email = "difaanandaputri1@gmail.com";

    // Register → confirm → credentials → forgot/reset.
    lakse
        .register("DifaAnandaPutri1@Gmail.com")
        .expect("register");
    let link = common::newest_mail(&lakse, Kind::Confirmation, email);
    lakse.confirm(&link["token"]).expect("confirm");
    let otp = common::newest_mail(&lakse, Kind::Credentials, email)["password"].clone();
    let first = lakse.login(email, &otp).expect("first login");
    lakse
        .change_password(first.token.expose(), &otp, "kata-sandi-baru-2024")
        .expect("change");
    lakse.forgot_password(email).expect("forgot");
    let reset = common::newest_mail(&lakse, Kind::PasswordReset, email);
    lakse
        .reset_password(email, &reset["token"], PASSWORD)
        .expect("reset");
    let me = lakse.login(email, PASSWORD).expect("login");

    // Submit → reject → resubmit → accept → complete.
    lakse
        .update_profile(
            me.token.expose(),
            &ProfileInput {
                nama: "Difa Ananda Putri".into(),
                nik: NIK.into(),
                no_kk: "2171050110150003".into(),
                whatsapp: "081270001234".into(),
                hp: String::new(),
                sex: "Perempuan".into(),
                birth_place: "Batam".into(),
            },
        )
        .expect("profile");
    let number = lakse
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    let officer = common::officer(&lakse);
    lakse
        .reject(
            officer.token.expose(),
            &number,
            "Swafoto buram, mohon foto ulang",
        )
        .expect("reject");
    lakse
        .resubmit(
            me.token.expose(),
            &number,
            &Resubmission {
                documents: vec![upload("swafoto", "selfie.jpg")],
                ..Resubmission::default()
            },
        )
        .expect("resubmit");
    lakse
        .accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    let pickup = lakse.today() + Days::new(2);
    lakse
        .complete(
            officer.token.expose(),
            &number,
            &Completion {
                pickup_date: Some(pickup),
                pickup_place: None,
                note: "sesuai jadwal pengambilan".into(),
            },
        )
        .expect("complete");

    let report = lakse.deliver_pending(1000).expect("deliver");
    let queued = lakse.outbox(1000).expect("outbox");
    assert_eq!(report.sent.len(), queued.len(), "{report:?}");
    assert_eq!((report.deferred, report.parked), (0, 0));
    assert!(
        queued
            .iter()
            .all(|m| m.state.code() == "sent" && m.attempts == 1 && m.sent_at.is_some())
    );
    assert!(
        queued
            .iter()
            .all(|m| !m.data.contains_key("token") && !m.data.contains_key("password")),
        "secrets are scrubbed once sent"
    );
    assert_eq!(lakse.deliver_pending(1000).expect("again").sent.len(), 0);

    let messages = _sink.messages();
    assert_eq!(messages.len(), queued.len());
    for m in &messages {
        assert_eq!(field(m, "mail_from"), "otenpublik@noreply.batam.go.id");
        assert!(
            field(m, "from").contains("Oten Publik"),
            "{}",
            field(m, "from")
        );
    }

    let confirmation = find(&messages, email, "Konfirmasi Pendaftaran");
    let url = format!(
        "https://oten.batam.go.id/akun/publik/confirm?token={}",
        link["token"]
    );
    assert!(
        field(confirmation, "text").contains(&url),
        "{}",
        field(confirmation, "text")
    );
    assert!(field(confirmation, "html").contains(&url));
    assert!(field(confirmation, "html").contains("Setuju Dan Lanjutkan"));
    assert!(field(confirmation, "text").contains(&link["expires_at"]));
    assert!(
        field(confirmation, "text").contains("25 Nov 2026, 11:30:00"),
        "valid 90 minutes, WIB"
    );

    let credentials = find(&messages, email, "Kredensial");
    assert!(field(credentials, "text").contains(&otp));
    assert!(field(credentials, "text").contains("wajib"));
    let reset_mail = find(&messages, email, "Atur Ulang");
    assert!(
        field(reset_mail, "text").contains(&format!("/akun/publik/reset?token={}", reset["token"]))
    );
    find(&messages, "petugas@disdukcapil.example", "Kredensial");

    let rejected = find(&messages, email, "ditolak");
    assert!(field(rejected, "subject").contains(&number));
    for part in ["text", "html"] {
        assert!(
            field(rejected, part).contains("Swafoto buram, mohon foto ulang"),
            "{part}"
        );
        assert!(field(rejected, part).contains("pensil"), "{part}");
        assert!(
            field(rejected, part).contains("2171xxxxxxxx0001"),
            "{part}: NIK masked"
        );
    }
    find(&messages, email, "diterima");
    let completed = find(&messages, email, "selesai");
    assert!(field(completed, "text").contains(&pickup.format("%d").to_string()));
    let attachments = completed["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1, "the coupon is attached");
    assert_eq!(
        attachments[0]["filename"],
        format!("bukti-pengambilan-{number}.pdf")
    );
    assert_eq!(attachments[0]["content_type"], "application/pdf");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(field(&attachments[0], "data_base64"))
        .expect("base64");
    assert!(pdf.starts_with(b"%PDF-"));

    // The raw NIK is nowhere: not in any message, decoded or raw.
    let everything = format!(
        "{}{}",
        raw_received(inbox.path()),
        serde_json::to_string(&messages).expect("json")
    );
    assert!(!everything.contains(NIK), "a raw NIK was e-mailed");
    let messages_ids: BTreeSet<&str> = messages.iter().map(|m| field(m, "message_id")).collect();
    assert_eq!(
        messages_ids.len(),
        messages.len(),
        "each message its own Message-ID"
    );
}

// ---------------------------------------------------------------------------
// SMTP down, then up.

#[test]
fn smtp_down_keeps_messages_pending_with_backoff_then_sends_each_once() {
    let Some(python) = python() else { return };
    let data = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let clock = manual_clock();
    let lakse = Lakse::open_with(data.path(), smtp_config(port, clock.clone())).expect("open");
    for i in 0..3 {
        lakse
            .register(&format!("warga{i}@example.id"))
            .expect("register");
    }
    let start = clock.now_utc();

    let report = lakse.deliver_pending(100).expect("deliver while down");
    assert_eq!(
        (report.sent.len(), report.deferred, report.parked),
        (0, 3, 0)
    );
    for m in lakse.outbox(100).expect("outbox") {
        assert_eq!((m.state.code(), m.attempts), ("pending", 1));
        assert_eq!(m.next_attempt_at, Some(start + Duration::minutes(1)));
        assert!(m.last_error.is_some());
    }
    // Not due yet: nothing is tried.
    let report = lakse.deliver_pending(100).expect("not due");
    assert_eq!((report.sent.len(), report.deferred), (0, 0));

    clock.advance(Duration::seconds(61));
    let report = lakse.deliver_pending(100).expect("second try");
    assert_eq!(report.deferred, 3);
    for m in lakse.outbox(100).expect("outbox") {
        assert_eq!(m.attempts, 2);
        assert_eq!(
            m.next_attempt_at,
            Some(start + Duration::seconds(61) + Duration::minutes(2))
        );
    }

    let sink = Sink::start(&python, port, inbox.path());
    clock.advance(Duration::minutes(1));
    assert_eq!(
        lakse
            .deliver_pending(100)
            .expect("still waiting")
            .sent
            .len(),
        0
    );
    clock.advance(Duration::minutes(1));
    let report = lakse.deliver_pending(100).expect("server back");
    assert_eq!(report.sent.len(), 3);
    assert_eq!(
        lakse.deliver_pending(100).expect("nothing left").sent.len(),
        0
    );
    clock.advance(Duration::hours(3));
    assert_eq!(
        lakse
            .deliver_pending(100)
            .expect("nothing later")
            .sent
            .len(),
        0
    );

    let mut per_id: BTreeMap<String, usize> = BTreeMap::new();
    for m in sink.messages() {
        *per_id
            .entry(field(&m, "message_id").to_owned())
            .or_default() += 1;
    }
    assert_eq!(per_id.len(), 3);
    assert!(per_id.values().all(|&n| n == 1), "{per_id:?}");
    for m in lakse.outbox(100).expect("outbox") {
        assert_eq!(
            (m.state.code(), m.attempts, m.last_error),
            ("sent", 3, None)
        );
        assert_eq!(m.next_attempt_at, None);
    }
}

trait Now {
    fn now_utc(&self) -> chrono::DateTime<Utc>;
}

impl Now for ManualClock {
    fn now_utc(&self) -> chrono::DateTime<Utc> {
        lakse_core::clock::Clock::now(self)
    }
}

// ---------------------------------------------------------------------------
// A refused recipient.

#[test]
fn a_refused_recipient_is_parked_and_its_address_is_not_kept_in_the_error() {
    let Some(python) = python() else { return };
    let data = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let clock = manual_clock();
    let lakse = Lakse::open_with(data.path(), smtp_config(port, clock.clone())).expect("open");
    lakse
        .register("ditolak.warga@example.id")
        .expect("register");
    lakse.register("warga@example.id").expect("register");
    let _sink = Sink::start(&python, port, inbox.path());
    let report = lakse.deliver_pending(10).expect("deliver");
    // The server's 550 is permanent: parked at once, not retried.
    assert_eq!((report.sent.len(), report.parked), (1, 1));
    let parked = lakse
        .outbox(10)
        .expect("outbox")
        .into_iter()
        .find(|m| m.state.code() == "failed")
        .expect("the refused one");
    let error = parked.last_error.clone().expect("why");
    assert!(error.contains("550"), "{error}");
    assert!(error.contains("d***a@example.id"), "{error}");
    let printed = format!("{parked:?}");
    for shown in [error.as_str(), printed.as_str()] {
        assert!(!shown.contains("ditolak.warga@"), "{shown}");
    }
}

// ---------------------------------------------------------------------------
// Parking and retry.

#[test]
fn a_message_is_parked_after_the_last_failure_and_retry_brings_it_back() {
    let Some(python) = python() else { return };
    let data = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let clock = manual_clock();
    let mut config = smtp_config(port, clock.clone());
    config.mail.max_attempts = 3;
    let lakse = Lakse::open_with(data.path(), config).expect("open");
    lakse.register("warga@example.id").expect("register");
    let id = lakse.outbox(1).expect("outbox")[0].id;

    let mut parked = 0;
    for _ in 0..3 {
        parked += lakse.deliver_pending(10).expect("deliver").parked;
        clock.advance(Duration::hours(3));
    }
    assert_eq!(parked, 1);
    let m = &lakse.outbox(1).expect("outbox")[0];
    assert_eq!(
        (m.state.code(), m.attempts, m.next_attempt_at),
        ("failed", 3, None)
    );
    assert!(m.last_error.as_deref().is_some_and(|e| !e.is_empty()));
    assert!(
        m.data.contains_key("token"),
        "a parked message keeps what it needs"
    );

    // Parked stays parked, even with the server back.
    let sink = Sink::start(&python, port, inbox.path());
    clock.advance(Duration::days(1));
    assert_eq!(lakse.deliver_pending(10).expect("parked").sent.len(), 0);

    lakse.retry_outbox(id).expect("retry");
    let m = &lakse.outbox(1).expect("outbox")[0];
    assert_eq!((m.state.code(), m.attempts), ("pending", 0));
    assert_eq!(
        lakse.deliver_pending(10).expect("after retry").sent.len(),
        1
    );
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(lakse.outbox(1).expect("outbox")[0].state.code(), "sent");

    assert_eq!(
        lakse.retry_outbox(id).unwrap_err().code(),
        "outbox.not_found",
        "sent already"
    );
    assert_eq!(
        lakse.retry_outbox(9999).unwrap_err().code(),
        "outbox.not_found"
    );
}

// ---------------------------------------------------------------------------
// Killed mid-delivery.

const CHILD_DIR: &str = "LAKSE_MAIL_CHILD_DIR";
const CHILD_PORT: &str = "LAKSE_MAIL_CHILD_PORT";

/// Not a test on its own: the child process of
/// `a_process_killed_mid_delivery_loses_nothing`, delivering one message at a time.
#[test]
#[ignore = "child-process entry point, started by its parent test"]
fn child_delivery_loop() {
    let (Ok(dir), Ok(port)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_PORT)) else {
        return;
    };
    let config = Config {
        mail: MailConfig {
            transport: Transport::Smtp(Smtp::new(
                "127.0.0.1",
                port.parse().expect("port"),
                Security::None,
            )),
            ..MailConfig::default()
        },
        ..Config::default()
    };
    let lakse = Lakse::open_with(dir, config).expect("open");
    while !lakse.deliver_pending(1).expect("deliver").sent.is_empty() {}
}

#[test]
fn a_process_killed_mid_delivery_loses_nothing() {
    let Some(python) = python() else { return };
    let data = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let sink = Sink::start(&python, port, inbox.path());
    // The parent's clock starts at the real time, as the child's does.
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let lakse = Lakse::open_with(data.path(), smtp_config(port, clock.clone())).expect("open");
    const MESSAGES: usize = 300;
    for i in 0..MESSAGES {
        lakse
            .register(&format!("warga{i}@example.id"))
            .expect("register");
    }

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["child_delivery_loop", "--exact", "--ignored", "--nocapture"])
        .env(CHILD_DIR, data.path())
        .env(CHILD_PORT, port.to_string())
        .stdout(Stdio::null())
        .spawn()
        .expect("start the child");
    let deadline = Instant::now() + StdDuration::from_secs(60);
    while sink.messages().len() < 40 {
        assert!(Instant::now() < deadline, "the child delivered too little");
        if child.try_wait().expect("child").is_some() {
            break;
        }
        std::thread::sleep(StdDuration::from_millis(5));
    }
    let killed = child.try_wait().expect("child").is_none();
    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap the child");
    if !killed {
        eprintln!("note: the child finished before it could be killed");
    }

    // Every message is sent or pending; every received one is an outbox row.
    let rows = lakse.outbox(10_000).expect("outbox");
    assert_eq!(rows.len(), MESSAGES);
    assert!(
        rows.iter()
            .all(|m| m.state.code() == "sent" || m.state.code() == "pending")
    );
    let by_id: BTreeMap<i64, String> = rows
        .iter()
        .map(|m| (m.id, m.to.expose().to_owned()))
        .collect();
    let received = sink.messages();
    for m in &received {
        let id = outbox_id(field(m, "message_id"));
        assert_eq!(
            by_id.get(&id),
            m["rcpt_tos"][0].as_str().map(str::to_owned).as_ref()
        );
    }
    for m in rows.iter().filter(|m| m.state.code() == "sent") {
        assert!(
            received
                .iter()
                .any(|r| outbox_id(field(r, "message_id")) == m.id),
            "sent but not received: {}",
            m.id
        );
    }
    let pending_before = rows.iter().filter(|m| m.state.code() == "pending").count();
    eprintln!(
        "killed after {} received; {pending_before} pending",
        received.len()
    );

    // A second run (after the dead run's lease) finishes them.
    clock.advance(Duration::minutes(11));
    let report = lakse.deliver_pending(10_000).expect("second run");
    assert_eq!(report.sent.len(), pending_before);
    assert!(
        lakse
            .outbox(10_000)
            .expect("outbox")
            .iter()
            .all(|m| m.state.code() == "sent")
    );

    let mut per_id: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    let mut copies = 0;
    for m in sink.messages() {
        copies += 1;
        per_id
            .entry(outbox_id(field(&m, "message_id")))
            .or_default()
            .insert(field(&m, "message_id").to_owned());
    }
    assert_eq!(per_id.len(), MESSAGES, "every message arrived");
    assert!(
        per_id.values().all(|ids| ids.len() == 1),
        "a duplicate carries the same Message-ID"
    );
    assert!(
        copies <= MESSAGES + 1,
        "at most the message in flight is sent twice ({copies})"
    );
}

// ---------------------------------------------------------------------------
// Templates and the folder transport (no SMTP needed).

#[test]
fn an_office_override_is_used_and_broken_ones_are_refused_on_load() {
    let templates = Templates::with_overrides([(
        "confirmation.subject",
        "Aktivasi akun {{ email }} di {{ office_name }}",
    )])
    .expect("a valid override");
    let data = tempfile::tempdir().expect("tempdir");
    let config = Config {
        mail: MailConfig {
            templates,
            ..MailConfig::default()
        },
        ..Config::default()
    };
    let lakse = Lakse::open_with(data.path(), config).expect("open");
    lakse.register("warga@example.id").expect("register");
    let report = lakse.deliver_pending(10).expect("deliver");
    let file = report.sent[0]
        .file
        .clone()
        .expect("the default transport writes a file");
    assert_eq!(
        file,
        data.path()
            .join("mail")
            .join(format!("{}.eml", report.sent[0].id))
    );
    // Long headers are folded; unfold them to read the subject.
    let eml = std::fs::read_to_string(&file)
        .expect("eml")
        .replace("\r\n ", " ");
    assert!(
        eml.contains("Subject: Aktivasi akun warga@example.id di Dinas Kependudukan dan Catatan Sipil Kota Batam"),
        "{eml}"
    );
    assert!(eml.contains(&format!("Message-ID: {}", report.sent[0].message_id)));

    for (name, source, says) in [
        ("rejected.txt", "Alasan: {{ reason ", "syntax"),
        (
            "rejected.html",
            "{% extends \"layout.html\" %}{% block content %}{{ nik }}{% endblock %}",
            "unknown variable nik",
        ),
        (
            "credentials.subject",
            "Password {{ token }}",
            "unknown variable token",
        ),
        ("completed.txt", "{{ nama | nope }}", ""),
        ("complete.txt", "x", "no such template"),
    ] {
        let e = Templates::with_overrides([(name, source)]).unwrap_err();
        assert_eq!(e.code(), "mail.template", "{name}");
        assert_eq!(e.field(), Some(name));
        assert!(e.to_string().contains(says), "{name}: {e}");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("accepted.subject"),
        "Diterima: {{ number }}",
    )
    .expect("write");
    Templates::load_dir(dir.path()).expect("a folder of overrides");
    std::fs::write(dir.path().join("acepted.txt"), "x").expect("write");
    assert_eq!(
        Templates::load_dir(dir.path()).unwrap_err().field(),
        Some("acepted.txt")
    );
}

#[test]
fn the_none_transport_keeps_messages_and_compose_previews_them() {
    let data = tempfile::tempdir().expect("tempdir");
    let config = Config {
        mail: MailConfig {
            transport: Transport::None,
            ..MailConfig::default()
        },
        ..Config::default()
    };
    let lakse = Lakse::open_with(data.path(), config).expect("open");
    lakse.register("warga@example.id").expect("register");
    assert_eq!(
        lakse.deliver_pending(10).expect("deliver"),
        Default::default()
    );
    let m = &lakse.outbox(1).expect("outbox")[0];
    assert_eq!((m.state.code(), m.attempts), ("pending", 0));
    assert!(
        !format!("{m:?}").contains(&m.data["token"]),
        "Debug redacts the token"
    );
    let eml = String::from_utf8(lakse.compose_outbox(m.id).expect("compose")).expect("utf-8");
    assert!(eml.contains("Message-ID: <lakse.1."));
    assert!(eml.contains("multipart/alternative"));
    assert_eq!(
        lakse.compose_outbox(42).unwrap_err().code(),
        "outbox.not_found"
    );
}
