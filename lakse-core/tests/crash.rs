//! Crash safety: a child process submits, rejects, resubmits (replacing
//! documents) and cancels applications in a loop on one data folder and is
//! killed with SIGKILL at an arbitrary point, three times in a row. After each
//! kill the folder reopens and: `PRAGMA integrity_check` is `ok` and no
//! foreign key dangles; every application whose submit returned has survived;
//! every application has a document for each required slot of its
//! service/sub-type; and every committed document (`application_documents`,
//! `blobs`, profile photos) has its file at `documents/<2 hex>/<62 hex>` with
//! exactly the content its SHA-256 names.
//!
//! The child re-executes this test binary with `--exact crash_child`; without
//! `LAKSE_CRASH_CHILD` that test does nothing.
//!
//! The random choices (file contents, progress before each kill, the delay
//! before it, each child's seed) come from `LAKSE_SEED` when set; a failing
//! run prints its seed. Where the kill lands still depends on timing.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::Days;
use common::{PASSWORD, Seeded, fixture, nik, profile};
use lakse_core::application::{Completion, NewApplication, Resubmission};
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::{Error, Lakse, Status};
use sha2::{Digest, Sha256};

const APPLICANTS: u32 = 3;
const KILLS: usize = 3;

/// `header` followed by random bytes, 20–300 KB in all: big enough that a
/// kill can land while a file is being written.
fn random_file(rng: &mut fastrand::Rng, header: &[u8]) -> Vec<u8> {
    let len = rng.usize(20_000..300_000);
    let mut v = header.to_vec();
    // Without 'P', random bytes never spell another format's signature
    // ("%PDF-", a ZIP's "PK"), which the upload checks would refuse.
    v.resize_with(len, || match rng.u8(..) {
        b'P' => b'Q',
        b => b,
    });
    v
}

fn random_jpeg(rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut v = fixture("selfie.jpg");
    v.extend(random_file(rng, b"").into_iter().take(100_000));
    v
}

fn random_pdf(rng: &mut fastrand::Rng) -> Vec<u8> {
    common::pdf_holding(&random_file(rng, b""))
}

fn upload(slot: &str, name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes,
    }
}

fn application(rng: &mut fastrand::Rng) -> NewApplication {
    NewApplication {
        service: "cetak_ktp_kk".into(),
        subtype: Some("ktp_rusak".into()),
        keterangan: "KTP rusak terkena air".into(),
        documents: vec![
            upload("kk", "kk.pdf", random_pdf(rng)),
            upload("ktp_rusak", "ktp.jpg", random_jpeg(rng)),
            upload("form_f1", "f1.pdf", random_pdf(rng)),
            upload("form_f2", "f2.pdf", random_pdf(rng)),
            upload("swafoto", "swafoto.jpg", random_jpeg(rng)),
        ],
        ..NewApplication::default()
    }
}

/// Drives an open application (left over from a killed run) to a closed status.
fn close(
    lakse: &Lakse,
    applicant: &str,
    officer: &str,
    number: &str,
    rng: &mut fastrand::Rng,
) -> Result<(), Error> {
    loop {
        match lakse.application(applicant, number)?.summary.status {
            Status::Diajukan => {
                lakse.cancel(applicant, number)?;
            }
            Status::Diproses => {
                let done = Completion {
                    pickup_date: Some(lakse.today() + Days::new(1)),
                    pickup_place: None,
                    note: "selesai".into(),
                };
                lakse.complete(officer, number, &done)?;
            }
            Status::Ditolak => {
                let change = Resubmission {
                    documents: vec![upload("swafoto", "swafoto-baru.jpg", random_jpeg(rng))],
                    ..Resubmission::default()
                };
                lakse.resubmit(applicant, number, &change)?;
            }
            _ => return Ok(()),
        }
    }
}

/// The child: loops until killed, printing `@@SUBMITTED <number>` after each submit returned.
#[test]
#[ignore = "child-process entry point, started by its parent test"]
fn crash_child() {
    let Some(dir) = std::env::var_os("LAKSE_CRASH_CHILD") else {
        return;
    };
    let sessions: Vec<String> = std::env::var("LAKSE_SESSIONS")
        .expect("sessions")
        .split(',')
        .map(str::to_owned)
        .collect();
    let officer = std::env::var("LAKSE_OFFICER").expect("officer");
    let seed: u64 = std::env::var("LAKSE_CHILD_SEED")
        .expect("seed")
        .parse()
        .expect("seed");
    let lakse = Lakse::open(&dir).expect("open in child");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut stdout = std::io::stdout();
    for i in 0.. {
        let me = &sessions[i % sessions.len()];
        let number = match lakse.submit(me, &application(&mut rng)) {
            Ok(s) => s.number,
            Err(Error::ApplicationOpen) => {
                // The refusal names no application: find ours in Pengajuanku.
                let page = lakse
                    .my_applications(me, lakse_core::application::Page::default())
                    .expect("pengajuanku");
                let (mine, _) = (page.items, page.total);
                let open = mine
                    .iter()
                    .find(|a| a.status.is_open())
                    .expect("an open application");
                close(&lakse, me, &officer, &open.number, &mut rng).expect("close leftover");
                continue;
            }
            Err(e) => panic!("submit: {e}"),
        };
        writeln!(stdout, "@@SUBMITTED {number}").expect("stdout");
        stdout.flush().expect("flush");
        lakse
            .reject(&officer, &number, "foto buram")
            .expect("reject");
        let change = Resubmission {
            keterangan: Some("foto diperbaiki".into()),
            documents: vec![
                upload("ktp_rusak", "ktp-baru.jpg", random_jpeg(&mut rng)),
                upload("swafoto", "swafoto-baru.jpg", random_jpeg(&mut rng)),
            ],
            ..Resubmission::default()
        };
        lakse.resubmit(me, &number, &change).expect("resubmit");
        lakse.cancel(me, &number).expect("cancel");
    }
}

/// Sessions for an officer and `APPLICANTS` applicants (each with a photo).
fn setup(lakse: &Lakse) -> (String, Vec<String>) {
    let officer = common::officer(lakse);
    let email = |i: u32| format!("pemohon{i}@example.com");
    for i in 0..APPLICANTS {
        lakse.register(&email(i)).expect("register");
    }
    let mail: HashMap<(Kind, String), std::collections::BTreeMap<String, String>> = lakse
        .outbox(1000)
        .expect("outbox")
        .into_iter()
        .map(|m| ((m.kind, m.to.expose().to_lowercase()), m.data))
        .collect();
    let applicants = (0..APPLICANTS)
        .map(|i| {
            let token = &mail[&(Kind::Confirmation, email(i))]["token"];
            lakse
                .confirm_with_password(token, PASSWORD)
                .expect("confirm");
            let s = lakse.login(&email(i), PASSWORD).expect("login");
            lakse
                .update_profile(s.token.expose(), &profile(&format!("Pemohon {i}"), &nik(i)))
                .expect("profile");
            lakse
                .set_profile_photo(s.token.expose(), "selfie.jpg", &fixture("selfie.jpg"))
                .expect("photo");
            s.token.expose().to_owned()
        })
        .collect();
    (officer.token.expose().to_owned(), applicants)
}

/// Runs a child (its randomness from `seed`) until it has submitted
/// `progress` applications, lets it go on for `jitter_ms` more, kills it,
/// and returns the numbers it was told.
fn run_and_kill(
    dir: &Path,
    officer: &str,
    applicants: &[String],
    (seed, progress, jitter_ms): (u64, usize, u64),
) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("LAKSE_CRASH_CHILD", dir)
        .env("LAKSE_SESSIONS", applicants.join(","))
        .env("LAKSE_OFFICER", officer)
        .env("LAKSE_CHILD_SEED", seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    let mut lines = BufReader::new(child.stdout.take().expect("child stdout")).lines();
    let mut submitted = Vec::new();
    while submitted.len() < progress {
        match lines.next() {
            Some(line) => {
                if let Some(n) = line
                    .expect("child output")
                    .split_once("@@SUBMITTED ")
                    .map(|(_, n)| n)
                {
                    submitted.push(n.to_owned());
                }
            }
            None => panic!("child ended before making progress: {:?}", child.wait()),
        }
    }
    // Let it run a random while more, so the kill lands anywhere in the
    // loop (this picks the crash point; it synchronises nothing).
    std::thread::sleep(std::time::Duration::from_millis(jitter_ms));
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("reap child");
    assert!(
        !status.success(),
        "the child was killed, not finished: {status}"
    );
    // Lines written before the kill still count: those submits returned.
    for line in lines {
        let Ok(line) = line else { break };
        if let Some(n) = line.split_once("@@SUBMITTED ").map(|(_, n)| n) {
            submitted.push(n.to_owned());
        }
    }
    submitted
}

fn sha256_file(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|b| hex::encode(Sha256::digest(&b)))
}

/// The checks after a crash.
fn verify(dir: &Path, told: &[String]) {
    let db = rusqlite::Connection::open(dir.join("lakse.db")).expect("reopen db");
    let integrity: Vec<String> = db
        .prepare("PRAGMA integrity_check")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(integrity, vec!["ok".to_owned()], "integrity_check");
    let dangling: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(dangling, 0, "dangling foreign keys");

    let apps: Vec<(i64, String, String, Option<String>, String)> = db
        .prepare("SELECT id, number, service, subtype, status FROM applications")
        .expect("sql")
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let numbers: BTreeSet<&str> = apps.iter().map(|a| a.1.as_str()).collect();
    for n in told {
        assert!(
            numbers.contains(n.as_str()),
            "{n} was submitted (Ok returned) but is gone"
        );
    }

    let catalog = lakse_core::catalog::Catalog::batam();
    let mut docs = db
        .prepare("SELECT slot FROM application_documents WHERE application_id = ?1")
        .expect("sql");
    let mut last_status = db
        .prepare("SELECT to_status FROM history WHERE application_id = ?1 ORDER BY id DESC LIMIT 1")
        .expect("sql");
    for (id, number, service, subtype, status) in &apps {
        let slots: BTreeSet<String> = docs
            .query_map([id], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let service = catalog.service(service).expect("known service");
        for slot in service.slots_for(subtype.as_deref()).expect("slots") {
            assert!(
                !slot.required || slots.contains(&slot.id),
                "{number} lacks its required document {}",
                slot.id
            );
        }
        let last: String = last_status.query_row([id], |r| r.get(0)).expect("history");
        assert_eq!(&last, status, "{number}: history ends elsewhere");
    }

    let mut referenced: Vec<(String, Option<u64>)> = db
        .prepare(
            "SELECT sha256, size FROM blobs UNION ALL SELECT sha256, size FROM application_documents \
             UNION ALL SELECT photo, NULL FROM profiles WHERE photo IS NOT NULL",
        )
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    referenced.sort();
    referenced.dedup();
    assert!(!referenced.is_empty());
    for (sha, size) in referenced {
        let path = dir.join("documents").join(&sha[..2]).join(&sha[2..]);
        assert_eq!(
            sha256_file(&path).as_deref(),
            Some(sha.as_str()),
            "{} is missing or does not hold its content",
            path.display()
        );
        if let Some(size) = size {
            assert_eq!(
                std::fs::metadata(&path).expect("metadata").len(),
                size,
                "{sha}"
            );
        }
    }
}

#[test]
fn sigkill_during_submissions_leaves_a_consistent_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (officer, applicants) = {
        let lakse = Lakse::open(dir.path()).expect("open");
        setup(&lakse)
    };
    let mut random = Seeded::new();
    let rng = &mut random.rng;
    let mut told = Vec::new();
    for round in 0..KILLS {
        let child = (rng.u64(..), rng.usize(2..6), rng.u64(..80));
        told.extend(run_and_kill(dir.path(), &officer, &applicants, child));
        verify(dir.path(), &told);
        // The folder opens and works after the crash.
        let lakse = Lakse::open(dir.path()).expect("reopen after kill");
        lakse.profile(&applicants[0]).expect("still usable");
        eprintln!("kill {}: {} submitted so far", round + 1, told.len());
    }
}
