//! Concurrency: four threads sharing one `Arc<Lakse>` and two separate OS
//! processes (each with its own `Lakse` on the same data folder) submit,
//! cancel and resubmit applications while officers in both accept, reject and
//! complete them. Afterwards nothing is lost or duplicated: every call that
//! returned `Ok` left exactly one history row (and every submit exactly one
//! application), numbers are unique and gap-free per year, each history is a
//! valid chain ending in the application's status, and no caller ever saw a
//! storage error (`store.database`, "database is locked").
//!
//! The child processes re-execute this test binary with
//! `--exact child_worker`; without `LAKSE_CHILD` that test does nothing.
//!
//! Every worker's random choices derive from one seed, `LAKSE_SEED` when set;
//! a failing run prints it. How the threads and processes interleave still
//! depends on timing.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use chrono::{Datelike, Days};
use common::{PASSWORD, Seeded, fixture, nik, profile};
use lakse_core::application::{Completion, NewApplication, Page, Resubmission, next};
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::{Action, Actor, Error, Lakse, Status};

const APPLICANT_THREADS: usize = 4;
const OFFICER_THREADS: usize = 2;
const CHILDREN: usize = 2;
const APPLICANTS_PER_WORKER: usize = 3;
const ROUNDS: usize = 10;
/// Refusals the workflow gives when two actors race for one application.
const EXPECTED: &[&str] = &["application.already_open", "workflow.not_allowed"];

/// A JPEG fixture with a unique tail: still a JPEG by content, new bytes each time.
fn unique_jpeg(rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut bytes = fixture("selfie.jpg");
    bytes.extend_from_slice(&rng.u64(..).to_le_bytes());
    bytes
}

/// Everything an Ok call did: `(action, number)`.
type Events = Vec<(String, String)>;

/// What a worker saw: its successful calls and the errors it did not expect.
#[derive(Default)]
struct Outcome {
    events: Events,
    expected: usize,
    unexpected: Vec<String>,
}

impl Outcome {
    fn ok(&mut self, action: Action, number: &str) {
        self.events
            .push((action.code().to_owned(), number.to_owned()));
    }
    fn refused(&mut self, what: &str, e: &Error) {
        if EXPECTED.contains(&e.code()) {
            self.expected += 1;
        } else {
            self.unexpected.push(format!("{what}: {} ({e})", e.code()));
        }
    }
    fn record<T>(&mut self, action: Action, number: &str, r: Result<T, Error>) -> bool {
        match r {
            Ok(_) => {
                self.ok(action, number);
                true
            }
            Err(e) => {
                self.refused(action.code(), &e);
                false
            }
        }
    }
}

fn pindah_datang(rng: &mut fastrand::Rng) -> NewApplication {
    let upload = |slot: &str, name: &str, bytes: Vec<u8>| Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes,
    };
    NewApplication {
        service: "pindah_datang".into(),
        keterangan: "pindah dari Medan".into(),
        documents: vec![
            upload("skpwni", "skpwni.pdf", fixture("form.pdf")),
            upload("ktp_el", "ktp.jpg", fixture("ktp-rusak.jpg")),
            upload("form_f103", "f103.pdf", fixture("form.pdf")),
            upload("swafoto", "swafoto.jpg", unique_jpeg(rng)),
        ],
        ..NewApplication::default()
    }
}

fn pengaduan(rng: &mut fastrand::Rng) -> NewApplication {
    NewApplication {
        service: "pengaduan".into(),
        keterangan: format!("antrian terlalu lama #{}", rng.u64(..) % 1000),
        ..NewApplication::default()
    }
}

/// Applicants submit (alternating two services), cancel some, and correct and
/// resubmit what officers rejected.
fn applicant_worker(lakse: &Lakse, sessions: &[String], seed: u64) -> Outcome {
    let mut out = Outcome::default();
    let mut rng = fastrand::Rng::with_seed(seed);
    for round in 0..ROUNDS {
        for (k, session) in sessions.iter().enumerate() {
            match lakse.my_applications(
                session,
                Page {
                    offset: 0,
                    limit: 50,
                },
            ) {
                Ok(lakse_core::application::ApplicationPage { items: mine, .. }) => {
                    for a in mine.iter().filter(|a| a.status == Status::Ditolak) {
                        let change = Resubmission {
                            keterangan: Some("sudah diperbaiki".into()),
                            documents: if a.service == "pindah_datang" {
                                vec![Upload {
                                    slot: "swafoto".into(),
                                    file_name: "swafoto-baru.jpg".into(),
                                    bytes: unique_jpeg(&mut rng),
                                }]
                            } else {
                                Vec::new()
                            },
                            ..Resubmission::default()
                        };
                        let r = lakse.resubmit(session, &a.number, &change);
                        out.record(Action::Resubmit, &a.number, r);
                    }
                }
                Err(e) => out.refused("my_applications", &e),
            }
            let app = if (round + k) % 2 == 0 {
                pindah_datang(&mut rng)
            } else {
                pengaduan(&mut rng)
            };
            match lakse.submit(session, &app) {
                Ok(s) => {
                    out.ok(Action::Submit, &s.number);
                    if rng.u64(..).is_multiple_of(3) {
                        let r = lakse.cancel(session, &s.number);
                        out.record(Action::Cancel, &s.number, r);
                    }
                }
                Err(Error::ApplicationOpen) => {
                    out.expected += 1;
                    // The refusal names no application: find ours of this service.
                    let mine = lakse.my_applications(
                        session,
                        Page {
                            offset: 0,
                            limit: 200,
                        },
                    );
                    if let Some(open) = mine.ok().and_then(|p| {
                        p.items
                            .into_iter()
                            .find(|a| a.status.is_open() && a.service == app.service)
                    }) {
                        let r = lakse.cancel(session, &open.number);
                        out.record(Action::Cancel, &open.number, r);
                    }
                }
                Err(e) => out.refused("submit", &e),
            }
        }
    }
    out
}

/// An officer works the queue until `stop` is set and nothing is left to do.
fn officer_worker(lakse: &Lakse, session: &str, stop: &AtomicBool, seed: u64) -> Outcome {
    let mut out = Outcome::default();
    let mut rng = fastrand::Rng::with_seed(seed);
    let pickup = lakse.today() + Days::new(1);
    loop {
        let stopping = stop.load(Ordering::SeqCst);
        let mut worked = false;
        for status in [Status::Diajukan, Status::Diproses] {
            let page = match lakse.queue(
                session,
                Some(status),
                None,
                Page {
                    offset: 0,
                    limit: 50,
                },
            ) {
                Ok(p) => p,
                Err(e) => {
                    out.refused("queue", &e);
                    continue;
                }
            };
            let mut page: Vec<_> = page.items.into_iter().map(|a| a.number).collect();
            if seed % 2 == 1 {
                page.reverse();
            }
            for number in page {
                worked = true;
                let reject = rng.u64(..).is_multiple_of(5);
                let (action, r) = match (status, reject) {
                    (_, true) => (
                        Action::Reject,
                        lakse.reject(session, &number, "perbaiki berkas"),
                    ),
                    (Status::Diajukan, false) => {
                        (Action::Accept, lakse.accept(session, &number, "diterima"))
                    }
                    _ => (
                        Action::Complete,
                        lakse.complete(
                            session,
                            &number,
                            &Completion {
                                pickup_date: Some(pickup),
                                pickup_place: None,
                                note: "sesuai jadwal pengambilan".into(),
                            },
                        ),
                    ),
                };
                out.record(action, &number, r);
            }
        }
        if !worked {
            if stopping {
                return out;
            }
            // Back off while the queue is empty (not a synchronisation).
            std::thread::sleep(std::time::Duration::from_millis(3));
        }
    }
}

/// Active, profiled applicants `first..first + n`, logged in once each.
fn applicants(lakse: &Lakse, first: u32, n: u32) -> Vec<String> {
    let email = |i: u32| format!("pemohon{i}@example.com");
    for i in first..first + n {
        lakse.register(&email(i)).expect("register");
    }
    let tokens: HashMap<String, String> = lakse
        .outbox(100_000)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == Kind::Confirmation)
        .map(|m| (m.to.expose().to_lowercase(), m.data["token"].clone()))
        .collect();
    // Argon2 dominates: spread it over both cores.
    let ids: Vec<u32> = (first..first + n).collect();
    let mut sessions = vec![String::new(); ids.len()];
    std::thread::scope(|s| {
        for (chunk, out) in ids
            .chunks(ids.len().div_ceil(2))
            .zip(sessions.chunks_mut(ids.len().div_ceil(2)))
        {
            let tokens = &tokens;
            s.spawn(move || {
                for (&i, slot) in chunk.iter().zip(out) {
                    lakse
                        .confirm_with_password(&tokens[&email(i)], PASSWORD)
                        .expect("confirm");
                    let session = lakse.login(&email(i), PASSWORD).expect("login");
                    lakse
                        .update_profile(
                            session.token.expose(),
                            &profile(&format!("Pemohon {i}"), &nik(i)),
                        )
                        .expect("profile");
                    *slot = session.token.expose().to_owned();
                }
            });
        }
    });
    sessions
}

/// The child process: its own `Lakse` on the parent's folder, one applicant
/// worker and one officer, started when the parent says GO.
#[test]
#[ignore = "child-process entry point, started by its parent test"]
fn child_worker() {
    let Some(dir) = std::env::var_os("LAKSE_CHILD") else {
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
    println!("@@READY");
    let mut go = String::new();
    std::io::stdin().lock().read_line(&mut go).expect("GO");
    let stop = AtomicBool::new(false);
    let (applicant, officer) = std::thread::scope(|s| {
        let o = s.spawn(|| officer_worker(&lakse, &officer, &stop, seed + 1));
        let a = applicant_worker(&lakse, &sessions, seed);
        stop.store(true, Ordering::SeqCst);
        (a, o.join().expect("officer thread"))
    });
    let mut stdout = std::io::stdout().lock();
    for o in [applicant, officer] {
        for (action, number) in &o.events {
            writeln!(stdout, "@@EV {action} {number}").expect("stdout");
        }
        writeln!(stdout, "@@EXPECTED {}", o.expected).expect("stdout");
        for e in &o.unexpected {
            writeln!(stdout, "@@ERR {e}").expect("stdout");
        }
    }
    writeln!(stdout, "@@DONE").expect("stdout");
}

struct Child {
    process: std::process::Child,
    lines: std::thread::JoinHandle<Vec<String>>,
}

/// The child's own lines (marker stripped), read until it exits.
fn spawn_child(
    dir: &Path,
    sessions: &[String],
    officer: &str,
    seed: u64,
    ready: mpsc::Sender<()>,
) -> Child {
    let mut process = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_worker",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("LAKSE_CHILD", dir)
        .env("LAKSE_SESSIONS", sessions.join(","))
        .env("LAKSE_OFFICER", officer)
        .env("LAKSE_CHILD_SEED", seed.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    let lines = read_marked(&mut process, ready);
    Child { process, lines }
}

/// Collects a child's `@@` lines on a thread, signalling `ready` at `@@READY`.
fn read_marked(
    process: &mut std::process::Child,
    ready: mpsc::Sender<()>,
) -> std::thread::JoinHandle<Vec<String>> {
    let stdout = process.stdout.take().expect("child stdout");
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            // libtest may print "test child_worker ... " before our first
            // line: everything of ours starts at a "@@" marker.
            let line = line.expect("child output");
            if let Some((_, ours)) = line.split_once("@@") {
                if ours == "READY" {
                    ready.send(()).expect("ready");
                }
                lines.push(ours.to_owned());
            }
        }
        lines
    })
}

/// Checks the folder against everything the callers were told.
fn verify(dir: &Path, events: &Events) {
    let db = rusqlite::Connection::open(dir.join("lakse.db")).expect("open db");
    let apps: Vec<(i64, String, String)> = db
        .prepare("SELECT id, number, status FROM applications ORDER BY id")
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");

    // Every Ok submit is present exactly once, and nothing else is.
    let submitted: Vec<&str> = events
        .iter()
        .filter(|(a, _)| a == "submit")
        .map(|(_, n)| n.as_str())
        .collect();
    let unique: BTreeSet<&str> = submitted.iter().copied().collect();
    assert_eq!(
        unique.len(),
        submitted.len(),
        "a number was handed out twice"
    );
    let stored: BTreeSet<&str> = apps.iter().map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(stored.len(), apps.len(), "duplicate application numbers");
    assert_eq!(
        stored, unique,
        "stored applications differ from the successful submits"
    );

    // Numbers are gap-free per year, and the sequence table agrees.
    let mut per_year: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (_, number, _) in &apps {
        let parts: Vec<&str> = number.split('-').collect();
        per_year
            .entry(parts[1].parse().expect("year"))
            .or_default()
            .push(parts[2].parse().expect("sequence"));
    }
    for (year, mut seqs) in per_year {
        seqs.sort_unstable();
        let expected: Vec<u32> = (1..=seqs.len() as u32).collect();
        assert_eq!(seqs, expected, "sequence of {year} has gaps or repeats");
        let last: u32 = db
            .query_row("SELECT last FROM sequences WHERE year = ?1", [year], |r| {
                r.get(0)
            })
            .expect("sequence row");
        assert_eq!(last as usize, seqs.len(), "sequences.last of {year}");
    }

    // Each history is a valid chain ending in the status; together the
    // histories are exactly the successful calls.
    let mut recorded: Vec<(String, String)> = Vec::new();
    let mut stmt = db
        .prepare("SELECT actor_role, action, from_status, to_status FROM history WHERE application_id = ?1 ORDER BY id")
        .expect("sql");
    for (id, number, status) in &apps {
        let rows: Vec<(String, String, Option<String>, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let mut current: Option<Status> = None;
        for (role, action, from, to) in &rows {
            let actor = Actor::from_code(role).expect("role");
            let action_ = Action::from_code(action).expect("action");
            let from = from.as_deref().map(|f| Status::from_code(f).expect("from"));
            let to = Status::from_code(to).expect("to");
            assert_eq!(
                from, current,
                "{number}: history breaks the chain at {action}"
            );
            match from {
                None => assert_eq!(
                    (action_, to),
                    (Action::Submit, Status::Diajukan),
                    "{number}"
                ),
                Some(f) => assert_eq!(
                    next(f, action_, actor).expect("valid transition"),
                    to,
                    "{number}"
                ),
            }
            current = Some(to);
            recorded.push((action.clone(), number.clone()));
        }
        assert_eq!(
            current.map(Status::code),
            Some(status.as_str()),
            "{number}: history ends elsewhere"
        );
    }
    let mut told = events.clone();
    told.sort();
    recorded.sort();
    assert_eq!(
        recorded.len(),
        told.len(),
        "history rows vs successful calls"
    );
    assert_eq!(
        recorded, told,
        "history rows differ from the successful calls"
    );
}

#[test]
fn threads_and_processes_lose_and_duplicate_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lakse = Arc::new(Lakse::open(dir.path()).expect("open"));
    let officer = common::officer(&lakse).token.expose().to_owned();
    let per = APPLICANTS_PER_WORKER as u32;
    let all = applicants(&lakse, 0, per * (APPLICANT_THREADS + CHILDREN) as u32);
    let mut groups = all.chunks(APPLICANTS_PER_WORKER);
    let mut random = Seeded::new();
    let rng = &mut random.rng;

    let (ready_tx, ready_rx) = mpsc::channel();
    let mut children: Vec<Child> = (0..CHILDREN)
        .map(|_| {
            let sessions = groups.next().expect("sessions for a child");
            spawn_child(
                dir.path(),
                sessions,
                &officer,
                rng.u64(..) >> 1,
                ready_tx.clone(),
            )
        })
        .collect();
    drop(ready_tx);
    for _ in 0..CHILDREN {
        ready_rx.recv().expect("a child opened the folder");
    }

    let outcomes = Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let officers: Vec<_> = (0..OFFICER_THREADS)
            .map(|i| {
                let (lakse, officer, stop, seed) =
                    (&lakse, &officer, &stop, (rng.u64(..) & !1) | (i as u64 & 1));
                s.spawn(move || officer_worker(lakse, officer, stop, seed))
            })
            .collect();
        for child in &mut children {
            writeln!(child.process.stdin.as_mut().expect("stdin"), "GO").expect("GO");
        }
        let applicants: Vec<_> = (0..APPLICANT_THREADS)
            .map(|_| {
                let lakse = Arc::clone(&lakse);
                let sessions = groups.next().expect("sessions for a thread").to_vec();
                let seed = rng.u64(..);
                s.spawn(move || applicant_worker(&lakse, &sessions, seed))
            })
            .collect();
        for a in applicants {
            outcomes
                .lock()
                .expect("lock")
                .push(a.join().expect("applicant thread"));
        }
        let mut child_outcome = Outcome::default();
        for child in children.drain(..) {
            let mut process = child.process;
            let status = process.wait().expect("child exit");
            let lines = child.lines.join().expect("child reader");
            assert!(
                status.success(),
                "child failed: {status}\n{}",
                lines.join("\n")
            );
            assert_eq!(
                lines.iter().filter(|l| *l == "DONE").count(),
                1,
                "{}",
                lines.join("\n")
            );
            for line in lines {
                if let Some(rest) = line.strip_prefix("EV ") {
                    let (action, number) = rest.split_once(' ').expect("event");
                    child_outcome
                        .events
                        .push((action.to_owned(), number.to_owned()));
                } else if let Some(n) = line.strip_prefix("EXPECTED ") {
                    child_outcome.expected += n.parse::<usize>().expect("count");
                } else if let Some(e) = line.strip_prefix("ERR ") {
                    child_outcome.unexpected.push(format!("child: {e}"));
                }
            }
        }
        outcomes.lock().expect("lock").push(child_outcome);
        // Everyone else is done: the officers drain the queue and stop.
        stop.store(true, Ordering::SeqCst);
        for o in officers {
            outcomes
                .lock()
                .expect("lock")
                .push(o.join().expect("officer thread"));
        }
    });

    let outcomes = outcomes.into_inner().expect("lock");
    let unexpected: Vec<&String> = outcomes.iter().flat_map(|o| &o.unexpected).collect();
    assert!(
        unexpected.is_empty(),
        "callers saw unexpected errors: {unexpected:#?}"
    );
    let events: Events = outcomes.iter().flat_map(|o| o.events.clone()).collect();
    let count = |a: &str| events.iter().filter(|(x, _)| x == a).count();
    eprintln!(
        "submit {} accept {} reject {} complete {} resubmit {} cancel {}; expected refusals {}",
        count("submit"),
        count("accept"),
        count("reject"),
        count("complete"),
        count("resubmit"),
        count("cancel"),
        outcomes.iter().map(|o| o.expected).sum::<usize>()
    );
    assert!(
        count("submit") >= APPLICANT_THREADS + CHILDREN,
        "too little happened"
    );
    let year = lakse.today().year();
    assert!(events.iter().any(|(_, n)| n.contains(&year.to_string())));
    verify(dir.path(), &events);
}

/// A child that opens a (new) folder the moment the parent says GO, and
/// registers one address.
#[test]
#[ignore = "child-process entry point, started by its parent test"]
fn open_child() {
    let Some(dir) = std::env::var_os("LAKSE_OPEN_CHILD") else {
        return;
    };
    let me = std::env::var("LAKSE_OPENER").expect("opener");
    println!("@@READY");
    let mut go = String::new();
    std::io::stdin().lock().read_line(&mut go).expect("GO");
    match Lakse::open(&dir).and_then(|l| l.register(&format!("pembuka{me}@example.com"))) {
        Ok(()) => println!("@@DONE"),
        Err(e) => println!("@@ERR {} ({e})", e.code()),
    }
}

/// Starts `n` children that each open `folder` (new) at the same moment.
fn open_at_once(folder: &Path, n: usize) -> Vec<Vec<String>> {
    let (ready_tx, ready_rx) = mpsc::channel();
    let mut children: Vec<Child> = (0..n)
        .map(|i| {
            let mut process = Command::new(std::env::current_exe().expect("test binary"))
                .args([
                    "--exact",
                    "open_child",
                    "--ignored",
                    "--nocapture",
                    "--test-threads",
                    "1",
                ])
                .env("LAKSE_OPEN_CHILD", folder)
                .env("LAKSE_OPENER", i.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("spawn child");
            let lines = read_marked(&mut process, ready_tx.clone());
            Child { process, lines }
        })
        .collect();
    for _ in 0..n {
        ready_rx.recv().expect("a child is ready");
    }
    for child in &mut children {
        writeln!(child.process.stdin.as_mut().expect("stdin"), "GO").expect("GO");
    }
    children
        .into_iter()
        .map(|mut child| {
            let status = child.process.wait().expect("child exit");
            assert!(status.success(), "child failed: {status}");
            child.lines.join().expect("child reader")
        })
        .collect()
}

/// `Lakse` promises that several processes may open the same folder at
/// once; that must hold for a folder that does not exist yet (several portal
/// workers starting together on an empty data folder). Repeated because the
/// window is small.
#[test]
fn processes_opening_a_new_folder_at_once_all_succeed() {
    const ROUNDS: usize = 50;
    const OPENERS: usize = 4;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for round in 0..ROUNDS {
        let folder = dir.path().join(format!("baru-{round}"));
        for lines in open_at_once(&folder, OPENERS) {
            if !lines.contains(&"DONE".to_owned()) {
                failures.push(format!("round {round}: {lines:?}"));
            }
        }
        let lakse = Lakse::open(&folder).expect("open");
        let confirmations = lakse
            .outbox(100)
            .expect("outbox")
            .into_iter()
            .filter(|m| m.kind == Kind::Confirmation)
            .count();
        assert!(confirmations <= OPENERS);
        if failures.is_empty() {
            assert_eq!(confirmations, OPENERS, "round {round}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} processes could not open a new folder opened by others at the same moment:\n{}",
        failures.len(),
        ROUNDS * OPENERS,
        failures.join("\n")
    );
}
