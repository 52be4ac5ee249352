//! Shared set-up for the store tests: a data folder with a manual clock,
//! applicants with complete profiles, staff, fixture files.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use lakse_core::application::NewApplication;
use lakse_core::clock::ManualClock;
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::profile::ProfileInput;
use lakse_core::{Actor, Config, Lakse, Session};

pub const PASSWORD: &str = "kata-sandi-2024";

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub lakse: Lakse,
    pub clock: Arc<ManualClock>,
    next_serial: std::cell::Cell<u32>,
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).expect("fixture exists")
}

/// A test's random numbers: seeded from `LAKSE_SEED` when it is set (to
/// replay a failed run's choices), else from a fresh seed. While it lives, a
/// panicking test prints the seed.
pub struct Seeded {
    pub rng: fastrand::Rng,
    seed: u64,
}

impl Seeded {
    pub fn new() -> Seeded {
        let seed = match std::env::var("LAKSE_SEED") {
            Ok(text) => text
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("LAKSE_SEED={text:?} is not a number")),
            Err(_) => fastrand::u64(..),
        };
        Seeded {
            rng: fastrand::Rng::with_seed(seed),
            seed,
        }
    }
}

impl Drop for Seeded {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "\n*** random choices from LAKSE_SEED={} (set it to replay them) ***\n",
                self.seed
            );
        }
    }
}

/// Whether poppler-utils (`pdftotext`, `pdftoppm`, which read the coupon
/// back) is here; fails when the run requires it (`LAKSE_REQUIRE_TOOLS=1`).
pub fn poppler() -> bool {
    let found = ["pdftotext", "pdftoppm"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if found {
        return true;
    }
    if std::env::var("LAKSE_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("LAKSE_REQUIRE_TOOLS=1 but poppler-utils (pdftotext, pdftoppm) is not installed");
    }
    // Straight to stderr: the test harness captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: poppler-utils not installed (pdftotext/pdftoppm); coupon checks not run ***\n"
    );
    false
}

/// The text of a PDF, as `pdftotext` extracts it.
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A valid Batam NIK `2171 05 DD MM YY SSSS` (male, born 1960–1999), distinct per `i`.
pub fn nik(i: u32) -> String {
    let serial = i % 9999 + 1;
    let k = i / 9999;
    let (day, month, year) = (1 + k % 28, 1 + (k / 28) % 12, 60 + (k / 336) % 40);
    format!("217105{day:02}{month:02}{year:02}{serial:04}")
}

pub fn upload(slot: &str, name: &str) -> Upload {
    Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes: fixture(name),
    }
}

/// The newest outbox message of `kind` to `to`.
pub fn newest_mail(lakse: &Lakse, kind: Kind, to: &str) -> BTreeMap<String, String> {
    lakse
        .outbox(u32::MAX)
        .expect("outbox")
        .into_iter()
        .rev()
        .find(|m| m.kind == kind && m.to.expose().eq_ignore_ascii_case(to))
        .unwrap_or_else(|| panic!("no {kind:?} mail to {to}"))
        .data
}

/// A complete "Data Diri" for `nama` with `nik` (the sex follows the NIK's day).
pub fn profile(nama: &str, nik: &str) -> ProfileInput {
    let woman = nik
        .get(6..8)
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|d| d > 40);
    ProfileInput {
        nama: nama.into(),
        nik: nik.into(),
        no_kk: "2171050110150003".into(),
        whatsapp: "0812-7000-1234".into(),
        hp: String::new(),
        sex: if woman { "Perempuan" } else { "Laki-laki" }.into(),
        birth_place: "Batam".into(),
    }
}

/// Registers `email`, follows its link choosing [`PASSWORD`], and logs in.
pub fn sign_up(lakse: &Lakse, email: &str) -> Session {
    lakse.register(email).expect("register");
    let link = newest_mail(lakse, Kind::Confirmation, email);
    lakse
        .confirm_with_password(&link["token"], PASSWORD)
        .expect("confirm");
    lakse.login(email, PASSWORD).expect("login")
}

/// The admin's session, bootstrapping the first admin when there is none.
pub fn admin(lakse: &Lakse) -> Session {
    let email = "admin@disdukcapil.example";
    // Refused once an admin exists: then it is this one.
    let _ = lakse.bootstrap_admin(email, PASSWORD);
    lakse.login(email, PASSWORD).expect("admin login")
}

/// A staff account made by the admin, logged in after choosing [`PASSWORD`]
/// in place of the e-mailed one.
pub fn staff(lakse: &Lakse, email: &str, role: Actor) -> Session {
    lakse
        .create_staff(admin(lakse).token.expose(), email, role)
        .expect("create staff");
    let otp = newest_mail(lakse, Kind::Credentials, email);
    let first = lakse.login(email, &otp["password"]).expect("first login");
    lakse
        .change_password(first.token.expose(), &otp["password"], PASSWORD)
        .expect("change password");
    lakse.login(email, PASSWORD).expect("login")
}

/// The officer `petugas@disdukcapil.example`.
pub fn officer(lakse: &Lakse) -> Session {
    staff(lakse, "petugas@disdukcapil.example", Actor::Officer)
}

/// A complete "Cetak KTP/KK — KTP Rusak" application.
pub fn ktp_rusak() -> NewApplication {
    NewApplication {
        service: "cetak_ktp_kk".into(),
        subtype: Some("ktp_rusak".into()),
        keterangan: "KTP rusak".into(),
        documents: vec![
            upload("kk", "kk.png"),
            upload("ktp_rusak", "ktp-rusak.jpg"),
            upload("form_f1", "form.pdf"),
            upload("form_f2", "form.jpg"),
            upload("swafoto", "selfie.jpg"),
        ],
        ..NewApplication::default()
    }
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().expect("tempdir");
        // 2026-11-25 10:00 WIB.
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap(),
        ));
        let config = Config {
            clock: clock.clone(),
            ..Config::default()
        };
        let lakse = Lakse::open_with(dir.path(), config).expect("open");
        Desk {
            dir,
            lakse,
            clock,
            next_serial: std::cell::Cell::new(1),
        }
    }

    /// The newest outbox message of `kind` to `to`.
    pub fn mail(&self, kind: Kind, to: &str) -> BTreeMap<String, String> {
        newest_mail(&self.lakse, kind, to)
    }

    pub fn outbox_len(&self) -> usize {
        self.lakse.outbox(10_000).expect("outbox").len()
    }

    /// A confirmed, logged-in account with its own password (no profile).
    pub fn account(&self, email: &str) -> Session {
        sign_up(&self.lakse, email)
    }

    /// A logged-in applicant with a complete profile and a NIK of its own.
    pub fn applicant(&self, email: &str) -> Session {
        let session = self.account(email);
        let serial = self.next_serial.get();
        self.next_serial.set(serial + 1);
        self.lakse
            .update_profile(
                session.token.expose(),
                &profile(
                    &format!("Pemohon {serial}"),
                    &format!("217105120990{serial:04}"),
                ),
            )
            .expect("profile");
        session
    }

    /// A logged-in staff member (officer or admin).
    pub fn staff(&self, role: Actor) -> Session {
        if role == Actor::Admin {
            return admin(&self.lakse);
        }
        let email = format!("petugas{}@disdukcapil.example", self.next_serial.get());
        self.next_serial.set(self.next_serial.get() + 1);
        staff(&self.lakse, &email, role)
    }

    /// Files under `documents/`, not counting the temporary folder.
    pub fn stored_files(&self) -> usize {
        let root = self.dir.path().join("documents");
        std::fs::read_dir(&root)
            .expect("documents folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name() != "tmp")
            .map(|e| std::fs::read_dir(e.path()).map(|d| d.count()).unwrap_or(0))
            .sum()
    }

    /// Rows of a table, read straight from the database.
    pub fn rows(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.dir.path().join("lakse.db")).expect("db");
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }
}

/// A PDF of `objects`, numbered from 1 (object 1 is the catalog), with a
/// correct cross-reference table: a file that parses, so the upload checks
/// read what is in it.
pub fn pdf<B: AsRef<[u8]>>(objects: &[B]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body.as_ref());
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A one-page PDF that holds `filler` in a stream of its own: new bytes
/// make a new file that still parses.
pub fn pdf_holding(filler: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} >>\nstream\n", filler.len()).into_bytes();
    stream.extend_from_slice(filler);
    stream.extend_from_slice(b"\nendstream");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".as_slice(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        &stream,
    ])
}
