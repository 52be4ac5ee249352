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
use common::{Desk, fixture, ktp_rusak};
use lakse_core::application::{Completion, NewApplication, Page};
use lakse_core::{Actor, Config, Lakse, Status};
use sha2::{Digest, Sha256};

/// A JPEG fixture with a unique tail: still a JPEG by content, new bytes each time.
fn unique_jpeg(rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut bytes = fixture("selfie.jpg");
    bytes.extend_from_slice(&rng.u64(..).to_le_bytes());
    bytes
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
fn a_pickup_date_in_year_262142_is_refused() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("difa@example.com");
    let number = l.submit(&me.token, &ktp_rusak()).expect("submit").number;
    l.accept(&officer.token, &number, "ok").expect("accept");
    let on = |date| Completion {
        pickup_date: Some(date),
        ..pickup(l)
    };
    let a_year = l.today().checked_add_months(Months::new(12)).expect("date");
    for too_far in [chrono::NaiveDate::MAX, a_year + Days::new(1)] {
        let err = l
            .complete(&officer.token, &number, &on(too_far))
            .unwrap_err();
        assert_eq!(err.code(), "pickup.date_too_far", "{too_far}");
        assert_eq!(err.field(), Some("pickup_date"));
    }
    assert_eq!(
        l.complete(&officer.token, &number, &on(l.today() - Days::new(1)))
            .unwrap_err()
            .code(),
        "pickup.date_in_past"
    );
    let done = l
        .complete(&officer.token, &number, &on(a_year))
        .expect("a year ahead is the furthest");
    assert_eq!(done.status, Status::Selesai);
}

/// Every file under `documents/<2 hex>/` with the hash its path names.
fn stored(desk: &Desk) -> Vec<(std::path::PathBuf, String)> {
    let root = desk.dir.path().join("documents");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("documents").flatten() {
        let prefix = dir.file_name().to_string_lossy().into_owned();
        if prefix == "tmp" {
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
                    let (start, token) = (Arc::clone(&start), &me.token);
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
        l.cancel(&me.token, &won[0]).expect("cancel");
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
    let again = Lakse::open_with(desk.dir.path(), config).expect("reopen");
    assert!(!old.exists(), "an old orphan is collected");
    assert!(!tmp_old.exists(), "an old temporary file is collected");
    assert!(fresh.exists(), "a young file may be a submission under way");
    assert!(tmp_fresh.exists(), "a young temporary file too");
    assert_eq!(stored(&desk).len(), kept + 1, "every referenced file stays");
    let (mine, _) = again
        .my_applications(&me.token, Page::default())
        .expect("list");
    for a in &mine {
        again
            .document(&me.token, &a.number, "swafoto")
            .expect("still readable");
    }
}
