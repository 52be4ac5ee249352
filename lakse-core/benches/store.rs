//! Store benchmarks (SQLite, WAL):
//!
//! - (a) submissions per second, each with 3 documents of 100 KB (`kia`:
//!   exactly 3 required slots), through `Lakse::submit` and through a "raw"
//!   rusqlite path that inserts the same rows (sequence, application, 3 blobs,
//!   3 document rows, history; one transaction) and writes the same 3 files
//!   content-addressed (tmp + fsync + rename);
//! - (b) "Pengajuanku" (`my_applications`, first page of 20) for one
//!   applicant among 1,000,000 applications;
//! - (c) the officer queue, page of 50, status `diajukan`, without and with a
//!   service filter, among 1,000,000 applications.
//!
//! The million-row folder is built once with rusqlite (after `Lakse::open`
//! created the schema) and cached under `target/bench-data/`, keyed by schema
//! version. After criterion, an interleaved pass prints medians and the
//! lakse/raw ratio. Run: `cargo bench -p lakse-core --bench store`.

use std::collections::HashSet;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, FixedOffset, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use lakse_core::application::{NewApplication, Page, number};
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::profile::ProfileInput;
use lakse_core::{Actor, Lakse, Status};
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

const PASSWORD: &str = "kata-sandi-bench-2024";
const APPLICANT: &str = "pemohon.bench@example.com";
const OFFICER: &str = "petugas.bench@disdukcapil.example";
const ADMIN: &str = "admin.bench@disdukcapil.example";
/// Bump when the generated data changes shape.
const GENERATOR: u32 = 1;
const DOC_BYTES: usize = 100 * 1024;
const WIB: i32 = 7 * 3600;

/// A valid Batam NIK `2171 05 DD MM YY SSSS` (male, born 1960–1999), distinct per `i`.
fn nik(i: u32) -> String {
    let serial = i % 9999 + 1;
    let k = i / 9999;
    let (day, month, year) = (1 + k % 28, 1 + (k / 28) % 12, 60 + (k / 336) % 40);
    format!("217105{day:02}{month:02}{year:02}{serial:04}")
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// `head` then random bytes, `len` in all. The bytes hold no 'P', so
    /// they never spell another format's signature ("%PDF-", a ZIP's "PK"),
    /// which the upload checks refuse.
    fn file(&mut self, head: &[u8], len: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(len + 8);
        v.extend_from_slice(head);
        while v.len() < len {
            v.extend(
                self.next()
                    .to_le_bytes()
                    .map(|b| if b == b'P' { b'Q' } else { b }),
            );
        }
        v.truncate(len);
        v
    }
    /// A JPEG (a real one with random bytes after its end) and two PDFs (a
    /// real one-page PDF with a stream of random bytes), `DOC_BYTES` each
    /// (the PDFs a few hundred bytes more), new content each call: files
    /// the upload checks parse and accept.
    fn documents(&mut self) -> [Vec<u8>; 3] {
        [
            self.file(JPEG, DOC_BYTES),
            pdf_holding(&self.file(b"", DOC_BYTES)),
            pdf_holding(&self.file(b"", DOC_BYTES)),
        ]
    }
}

/// A real JPEG, the head of every generated one.
const JPEG: &[u8] = include_bytes!("../../tests/fixtures/selfie.jpg");

/// A one-page PDF that holds `filler` in a stream of its own, with a correct
/// cross-reference table.
fn pdf_holding(filler: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} >>\nstream\n", filler.len()).into_bytes();
    stream.extend_from_slice(filler);
    stream.extend_from_slice(b"\nendstream");
    let objects: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        &stream,
    ];
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

const SLOTS: [(&str, &str, &str); 3] = [
    ("kk", "kk.jpg", "image/jpeg"),
    ("akta_kelahiran_anak", "akta.pdf", "application/pdf"),
    ("form_f1", "f1.pdf", "application/pdf"),
];

fn bench_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("bench-data")
}

/// An active applicant with a complete profile, and its session.
fn applicant(lakse: &Lakse, email: &str, i: u32) -> String {
    lakse.register(email).expect("register");
    let token = lakse
        .outbox(10_000)
        .expect("outbox")
        .into_iter()
        .rev()
        .find(|m| m.kind == Kind::Confirmation && m.to.expose() == email)
        .expect("confirmation")
        .data["token"]
        .clone();
    lakse
        .confirm_with_password(&token, PASSWORD)
        .expect("confirm");
    let s = lakse.login(email, PASSWORD).expect("login");
    let profile = ProfileInput {
        nama: "Pemohon Bench".into(),
        nik: nik(i),
        no_kk: "2171050110150003".into(),
        whatsapp: "0812-7000-1234".into(),
        hp: String::new(),
        sex: "Laki-laki".into(),
        birth_place: "Batam".into(),
    };
    lakse
        .update_profile(s.token.expose(), &profile)
        .expect("profile");
    s.token.expose().to_owned()
}

/// An officer account with its own password.
fn officer(lakse: &Lakse) {
    lakse.bootstrap_admin(ADMIN, PASSWORD).expect("admin");
    let admin = lakse.login(ADMIN, PASSWORD).expect("admin login");
    lakse
        .create_staff(admin.token.expose(), OFFICER, Actor::Officer)
        .expect("officer");
    let otp = lakse
        .outbox(10_000)
        .expect("outbox")
        .into_iter()
        .find(|m| m.kind == Kind::Credentials && m.to.expose() == OFFICER)
        .expect("credentials")
        .data["password"]
        .clone();
    let s = lakse.login(OFFICER, &otp).expect("officer login");
    lakse
        .change_password(s.token.expose(), &otp, PASSWORD)
        .expect("own password");
}

// ---------------------------------------------------------------------------
// (a) Submissions.

fn kia(docs: [Vec<u8>; 3]) -> NewApplication {
    NewApplication {
        service: "kia".into(),
        keterangan: "KIA untuk anak".into(),
        fields: [("child_nik".to_owned(), "2171050103150001".to_owned())].into(),
        documents: docs
            .into_iter()
            .zip(SLOTS)
            .map(|(bytes, (slot, name, _))| Upload {
                slot: slot.into(),
                file_name: name.into(),
                bytes,
            })
            .collect(),
        ..NewApplication::default()
    }
}

/// Submits through lakse; returns the time `submit` took. The application is
/// cancelled afterwards (untimed) so the same applicant may submit again.
struct LakseSubmit {
    lakse: Lakse,
    session: String,
}

impl LakseSubmit {
    fn new(dir: &Path) -> LakseSubmit {
        let lakse = Lakse::open(dir).expect("open");
        let session = applicant(&lakse, APPLICANT, 0);
        LakseSubmit { lakse, session }
    }
    fn once(&self, docs: [Vec<u8>; 3]) -> Duration {
        let app = kia(docs);
        let t = Instant::now();
        let s = self.lakse.submit(&self.session, &app).expect("submit");
        let took = t.elapsed();
        self.lakse.cancel(&self.session, &s.number).expect("cancel");
        took
    }
}

/// The same rows and files without lakse: one connection, one transaction.
struct RawSubmit {
    conn: Connection,
    docs: PathBuf,
    account: i64,
    n: u32,
}

impl RawSubmit {
    fn new(dir: &Path) -> RawSubmit {
        drop(Lakse::open(dir).expect("schema"));
        let conn = Connection::open(dir.join("lakse.db")).expect("open");
        conn.busy_timeout(Duration::from_secs(30))
            .expect("busy timeout");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .expect("pragmas");
        conn.execute(
            "INSERT INTO accounts (email, email_key, role, active, created_at) VALUES (?1, ?1, 'applicant', 1, 0)",
            [APPLICANT],
        )
        .expect("account");
        let account = conn.last_insert_rowid();
        let docs = dir.join("documents");
        std::fs::create_dir_all(docs.join("tmp")).expect("documents");
        RawSubmit {
            conn,
            docs,
            account,
            n: 0,
        }
    }

    fn put(&self, bytes: &[u8]) -> String {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self.docs.join(&sha[..2]).join(&sha[2..]);
        if !path.exists() {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            let tmp = self
                .docs
                .join("tmp")
                .join(format!("{}-{}", std::process::id(), &sha[..16]));
            let mut f = std::fs::File::create(&tmp).expect("tmp");
            f.write_all(bytes).expect("write");
            f.sync_all().expect("fsync");
            std::fs::rename(&tmp, &path).expect("rename");
        }
        sha
    }

    fn once(&mut self, docs: [Vec<u8>; 3]) -> Duration {
        self.n += 1;
        let t = Instant::now();
        let shas: Vec<String> = docs.iter().map(|d| self.put(d)).collect();
        let now = Utc::now().timestamp_millis();
        let year = Utc::now()
            .with_timezone(&FixedOffset::east_opt(WIB).expect("WIB"))
            .year();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .expect("begin");
        let seq: u32 = tx
            .prepare_cached(
                "INSERT INTO sequences (year, last) VALUES (?1, 1) \
                 ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            )
            .expect("sql")
            .query_row([year], |r| r.get(0))
            .expect("sequence");
        tx.prepare_cached(
            "INSERT INTO applications (number, account_id, service, subtype, nik, no_kk, nama, \
             whatsapp, keterangan, fields, status, note, submitted_at, updated_at) \
             VALUES (?1, ?2, 'kia', NULL, ?3, '2171050110150003', 'Pemohon Bench', '+6281270001234', \
             'KIA untuk anak', '{\"child_nik\":\"2171050103150001\"}', 'diajukan', '', ?4, ?4)",
        )
        .expect("sql")
        .execute(params![number::format("BTM", year, seq), self.account, nik(self.n), now])
        .expect("application");
        let id = tx.last_insert_rowid();
        for ((sha, bytes), (slot, name, mime)) in shas.iter().zip(&docs).zip(SLOTS) {
            tx.prepare_cached("INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?1, ?2, ?3, ?4)")
                .expect("sql")
                .execute(params![sha, bytes.len() as i64, mime, now])
                .expect("blob");
            tx.prepare_cached(
                "INSERT INTO application_documents (application_id, slot, sha256, file_name, size, mime) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .expect("sql")
            .execute(params![id, slot, sha, name, bytes.len() as i64, mime])
            .expect("document");
        }
        tx.prepare_cached(
            "INSERT INTO history (application_id, at, actor_id, actor_role, action, from_status, \
             to_status, note) VALUES (?1, ?2, ?3, 'applicant', 'submit', NULL, 'diajukan', '')",
        )
        .expect("sql")
        .execute(params![id, now, self.account])
        .expect("history");
        tx.commit().expect("commit");
        t.elapsed()
    }
}

// ---------------------------------------------------------------------------
// (b), (c) Reads among many applications.

fn schema_version(root: &Path) -> i64 {
    let dir = root.join(format!("schema-probe-{}", std::process::id()));
    drop(Lakse::open(&dir).expect("probe"));
    let v = Connection::open(dir.join("lakse.db"))
        .expect("probe db")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    std::fs::remove_dir_all(&dir).expect("remove probe");
    v
}

/// The cached folder with `n` applications, built when missing.
fn read_folder(root: &Path, n: u32) -> PathBuf {
    let dir = root.join(format!(
        "store-schema{}-n{n}-gen{GENERATOR}",
        schema_version(root)
    ));
    if dir.join("COMPLETE").exists() {
        return dir;
    }
    let building = root.join(format!("building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    let t = Instant::now();
    eprintln!(
        "building {n} applications in {} (once; cached)…",
        dir.display()
    );
    build(&building, n);
    std::fs::write(building.join("COMPLETE"), format!("{n} applications\n")).expect("marker");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&building, &dir).expect("publish folder");
    eprintln!("built in {:.1} s", t.elapsed().as_secs_f64());
    dir
}

const FIRST: &[&str] = &[
    "Difa", "Ananda", "Putri", "Budi", "Siti", "Agus", "Dewi", "Rizky", "Nur", "Fajar", "Indah",
    "Hendra", "Wahyu", "Rina", "Yusuf", "Ayu", "Bayu", "Sri", "Eko", "Lestari",
];
const LAST: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Pratama",
    "Kurniawan",
    "Simanjuntak",
    "Sitompul",
    "Gunawan",
    "Setiawan",
    "Rahmawati",
    "Purba",
];

/// Lakse creates the schema, an officer and the benchmark applicant; rusqlite
/// adds `n / 10` applicants with profiles and `n` applications (25 of them the
/// benchmark applicant's) with their histories, statuses spread as in an
/// office that has worked for two years: old ones mostly collected, recent
/// ones waiting.
fn build(dir: &Path, n: u32) {
    let lakse = Lakse::open(dir).expect("open");
    officer(&lakse);
    let session = applicant(&lakse, APPLICANT, 0);
    let me = lakse.whoami(&session).expect("whoami").id;
    let services: Vec<(String, Option<String>)> = lakse
        .services()
        .expect("services")
        .iter()
        .filter(|s| s.redirect.is_none())
        .map(|s| (s.id.clone(), s.subtypes.first().map(|t| t.id.clone())))
        .collect();
    drop(lakse);

    let mut conn = Connection::open(dir.join("lakse.db")).expect("db");
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")
        .expect("pragmas");
    let officer_id: i64 = conn
        .query_row(
            "SELECT id FROM accounts WHERE email_key = ?1",
            [OFFICER],
            |r| r.get(0),
        )
        .expect("officer id");
    let tx = conn.transaction().expect("begin");
    let accounts = (n / 10).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let name = |rng: &mut Rng| {
        format!(
            "{} {}",
            FIRST[(rng.next() % FIRST.len() as u64) as usize],
            LAST[(rng.next() % LAST.len() as u64) as usize]
        )
    };
    let start = FixedOffset::east_opt(WIB)
        .expect("WIB")
        .with_ymd_and_hms(2024, 1, 2, 8, 0, 0)
        .single()
        .expect("start")
        .timestamp_millis();
    let end = (Utc::now() - Days::new(1)).timestamp_millis();
    let mut first_account = 0;
    let mut people = Vec::with_capacity(accounts as usize);
    {
        let mut acc = tx
            .prepare(
                "INSERT INTO accounts (email, email_key, role, active, password_hash, created_at) \
                 VALUES (?1, ?1, 'applicant', 1, NULL, ?2)",
            )
            .expect("sql");
        let mut prof = tx
            .prepare(
                "INSERT INTO profiles (account_id, nama, nik, no_kk, whatsapp, hp, sex, birth_place, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, '', 'male', 'Batam', ?6)",
            )
            .expect("sql");
        for a in 0..accounts {
            acc.execute(params![format!("pemohon{a}@example.com"), start])
                .expect("account");
            let id = tx.last_insert_rowid();
            if a == 0 {
                first_account = id;
            }
            let who = (
                name(&mut rng),
                nik(a + 1),
                format!("21710501101{:05}", a % 100_000),
                format!("+62812{:08}", a),
            );
            prof.execute(params![id, who.0, who.1, who.2, who.3, start])
                .expect("profile");
            people.push(who);
        }
    }
    let mut app = tx
        .prepare(
            "INSERT INTO applications (number, account_id, service, subtype, nik, no_kk, nama, whatsapp, \
             keterangan, fields, status, note, submitted_at, updated_at, pickup_date, pickup_place) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '{}', ?10, ?11, ?12, ?13, ?14, ?15)",
        )
        .expect("sql");
    let mut hist = tx
        .prepare(
            "INSERT INTO history (application_id, at, actor_id, actor_role, action, from_status, to_status, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .expect("sql");
    let me_who = (
        "Pemohon Bench".to_owned(),
        nik(0),
        "2171050110150003".to_owned(),
        "+6281270001234".to_owned(),
    );
    let mine_every = (n / 25).max(1);
    let mut open: HashSet<(i64, usize)> = HashSet::new();
    let mut sequences: std::collections::BTreeMap<i32, u32> = Default::default();
    let wib = FixedOffset::east_opt(WIB).expect("WIB");
    let place =
        "Komp. Perkantoran Sekupang, JL. Ir. Sutami, Sungai Harapan, Kec. Sekupang, Kota Batam.";
    for i in 0..n {
        let (account, who) = if i % mine_every == 7 % mine_every {
            (me, &me_who)
        } else {
            let a = (u64::from(i) * 7919 % u64::from(accounts)) as usize;
            (first_account + a as i64, &people[a])
        };
        let s = (i as usize / accounts as usize + account as usize) % services.len();
        let at = start + (end - start) * i64::from(i) / i64::from(n);
        let year = chrono::DateTime::from_timestamp_millis(at)
            .expect("time")
            .with_timezone(&wib)
            .year();
        let seq = sequences.entry(year).or_insert(0);
        *seq += 1;
        let r = rng.next() % 100;
        let mut status = if u64::from(i) < u64::from(n) * 9 / 10 {
            match r {
                0..85 => Status::Diambil,
                85..92 => Status::Dibatalkan,
                92..96 => Status::Selesai,
                _ => Status::Ditolak,
            }
        } else {
            match r {
                0..40 => Status::Diajukan,
                40..65 => Status::Diproses,
                65..75 => Status::Ditolak,
                75..95 => Status::Selesai,
                _ => Status::Diambil,
            }
        };
        if status.is_open() && !open.insert((account, s)) {
            status = Status::Diambil;
        }
        use Status::*;
        let chain: &[(&str, Option<Status>, Status)] = match status {
            Diajukan => &[("submit", None, Diajukan)],
            Diproses => &[
                ("submit", None, Diajukan),
                ("accept", Some(Diajukan), Diproses),
            ],
            Ditolak => &[
                ("submit", None, Diajukan),
                ("reject", Some(Diajukan), Ditolak),
            ],
            Dibatalkan => &[
                ("submit", None, Diajukan),
                ("cancel", Some(Diajukan), Dibatalkan),
            ],
            Selesai => &[
                ("submit", None, Diajukan),
                ("accept", Some(Diajukan), Diproses),
                ("complete", Some(Diproses), Selesai),
            ],
            Diambil => &[
                ("submit", None, Diajukan),
                ("accept", Some(Diajukan), Diproses),
                ("complete", Some(Diproses), Selesai),
                ("collect", Some(Selesai), Diambil),
            ],
        };
        let note = match status {
            Ditolak => "berkas tidak terbaca, mohon unggah ulang",
            Selesai | Diambil => "sesuai jadwal pengambilan",
            _ => "",
        };
        let hours = |k: usize| at + k as i64 * 3_600_000;
        let pickup = matches!(status, Selesai | Diambil).then(|| {
            chrono::DateTime::from_timestamp_millis(hours(48))
                .expect("time")
                .with_timezone(&wib)
                .format("%Y-%m-%d")
                .to_string()
        });
        let (service, subtype) = &services[s];
        app.execute(params![
            number::format("BTM", year, *seq),
            account,
            service,
            subtype,
            who.1,
            who.2,
            who.0,
            who.3,
            "mohon diproses",
            status.code(),
            note,
            at,
            hours(chain.len() - 1),
            pickup,
            pickup.as_ref().map(|_| place),
        ])
        .expect("application");
        let id = tx.last_insert_rowid();
        for (k, (action, from, to)) in chain.iter().enumerate() {
            let (actor, role) = if matches!(*action, "submit" | "cancel") {
                (account, "applicant")
            } else {
                (officer_id, "officer")
            };
            let note = if k + 1 == chain.len() { note } else { "" };
            hist.execute(params![
                id,
                hours(k),
                actor,
                role,
                action,
                from.map(Status::code),
                to.code(),
                note
            ])
            .expect("history");
        }
    }
    drop((app, hist));
    for (year, last) in sequences {
        tx.execute(
            "INSERT INTO sequences (year, last) VALUES (?1, ?2)",
            params![year, last],
        )
        .expect("sequence");
    }
    tx.commit().expect("commit");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
}

// ---------------------------------------------------------------------------

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default().configure_from_args();
    let root = bench_root();
    std::fs::create_dir_all(&root).expect("bench-data folder");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);

    // (a)
    let scratch = root.join(format!("submit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let via_lakse = LakseSubmit::new(&scratch.join("lakse"));
    let mut raw = RawSubmit::new(&scratch.join("raw"));
    {
        let mut g = c.benchmark_group("store/submit_3x100KB");
        g.throughput(Throughput::Elements(1))
            .sample_size(20)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(10));
        g.bench_function("lakse", |b| {
            b.iter_custom(|iters| (0..iters).map(|_| via_lakse.once(rng.documents())).sum())
        });
        g.bench_function("raw_rusqlite", |b| {
            b.iter_custom(|iters| (0..iters).map(|_| raw.once(rng.documents())).sum())
        });
        g.finish();
    }

    // (b), (c)
    let n = if bench_mode { 1_000_000 } else { 10_000 };
    let folder = read_folder(&root, n);
    let lakse = Lakse::open(&folder).expect("open the big folder");
    let me = lakse
        .login(APPLICANT, PASSWORD)
        .expect("applicant login")
        .token
        .expose()
        .to_owned();
    let officer = lakse
        .login(OFFICER, PASSWORD)
        .expect("officer login")
        .token
        .expose()
        .to_owned();
    let page20 = Page {
        offset: 0,
        limit: 20,
    };
    let page50 = Page {
        offset: 0,
        limit: 50,
    };
    let mine = || lakse.my_applications(&me, page20).expect("mine");
    let queue = |service: Option<&str>| {
        lakse
            .queue(&officer, Some(Status::Diajukan), service, page50)
            .expect("queue")
    };
    assert_eq!(
        mine().items.len(),
        20,
        "the benchmark applicant has a full first page"
    );
    // The small test-mode folder (`cargo test --benches`) may not fill a kia page.
    let full = if bench_mode { 50 } else { 1 };
    assert!(queue(None).items.len() >= full, "the queue has a full page");
    assert!(
        queue(Some("kia")).items.len() >= full,
        "the kia queue has a full page"
    );
    {
        let mut g = c.benchmark_group(format!("store/read_among_{n}"));
        g.sample_size(50)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        g.bench_function("my_applications_page20", |b| b.iter(|| black_box(mine())));
        g.bench_function("queue_diajukan_page50", |b| {
            b.iter(|| black_box(queue(None)))
        });
        g.bench_function("queue_diajukan_kia_page50", |b| {
            b.iter(|| black_box(queue(Some("kia"))))
        });
        g.finish();
    }
    c.final_summary();

    if bench_mode {
        // An interleaved pass, for medians and the ratio.
        let (mut l, mut r) = (Vec::new(), Vec::new());
        for _ in 0..100 {
            l.push(via_lakse.once(rng.documents()));
            r.push(raw.once(rng.documents()));
        }
        let mean = |v: &[Duration]| v.iter().sum::<Duration>() / v.len() as u32;
        let sample = |f: &dyn Fn()| {
            (0..2000)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .collect::<Vec<_>>()
        };
        let m = median(sample(&|| drop(black_box(mine()))));
        let q = median(sample(&|| drop(black_box(queue(None)))));
        let qs = median(sample(&|| drop(black_box(queue(Some("kia"))))));
        let (lm, rm) = (mean(&l), mean(&r));
        println!("\n== store summary (interleaved pass) ==");
        println!(
            "(a) submit, 3 × 100 KB: lakse {:.0}/s (mean {:.2} ms, median {:.2} ms); raw {:.0}/s (mean {:.2} ms, median {:.2} ms); lakse/raw = {:.2}× (goal ≤ 2×)",
            1.0 / lm.as_secs_f64(),
            lm.as_secs_f64() * 1e3,
            median(l).as_secs_f64() * 1e3,
            1.0 / rm.as_secs_f64(),
            rm.as_secs_f64() * 1e3,
            median(r).as_secs_f64() * 1e3,
            lm.as_secs_f64() / rm.as_secs_f64()
        );
        println!(
            "(b) my_applications page 20 among {n}: median {:.0} µs (goal ≤ 200 µs)",
            micros(m)
        );
        println!(
            "(c) queue diajukan page 50 among {n}: median {:.0} µs (goal ≤ 2000 µs)",
            micros(q)
        );
        println!(
            "(c) queue diajukan + service kia page 50 among {n}: median {:.0} µs (goal ≤ 2000 µs)",
            micros(qs)
        );
    }
    drop((via_lakse, raw));
    let _ = std::fs::remove_dir_all(&scratch);
}
