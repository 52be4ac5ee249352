//! The [`Lakse`] handle: one data folder, opened once and shared by every thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use crate::catalog::{Catalog, Office, Service};
use crate::clock::{Clock, SystemClock};
use crate::document::DocumentFolder;
use crate::error::{Error, Result};
use crate::mail::MailConfig;
use crate::options::OpenOptions;
use crate::store::sqlite::SqliteStore;
use crate::store::{Millis, Store};

/// How a [`Lakse`] handle behaves. `Config::default()` is Batam's service.
#[derive(Debug, Clone)]
pub struct Config {
    /// The service catalog (default: Batam's, embedded).
    pub catalog: Catalog,
    /// The office's time zone, for dates shown to people and "today" (default WIB, UTC+7).
    pub utc_offset: FixedOffset,
    /// Lifetime of the registration confirmation link (default 90 minutes, as in the manual).
    pub confirmation_ttl: Duration,
    /// Lifetime of a password-reset link (default 60 minutes).
    pub reset_ttl: Duration,
    /// Lifetime of a login session (default 12 hours).
    pub session_ttl: Duration,
    /// Failed logins within [`Config::login_window`] that lock the account (default 5).
    pub max_login_failures: u32,
    /// The window failed logins are counted in (default 15 minutes).
    pub login_window: Duration,
    /// How long a locked login stays locked after the last failure (default 15 minutes).
    pub lockout: Duration,
    /// Prefix of application numbers (default `BTM`).
    pub number_prefix: String,
    /// Where time comes from (default the system clock).
    pub clock: Arc<dyn Clock>,
    /// How long a write waits for other writers before failing with the
    /// retryable `store.busy` (default 30 seconds).
    pub busy_timeout: std::time::Duration,
    /// Notification e-mails: sender, links, templates, transport and retries
    /// (default: Batam's sender, `.eml` files in `<data dir>/mail/`).
    pub mail: MailConfig,
}

impl Config {
    /// Refuses lifetimes outside 1 second to a year and a bad number prefix.
    fn check(&self) -> Result<()> {
        crate::options::number_prefix(&self.number_prefix)?;
        for (field, ttl) in [
            ("confirmation_ttl_seconds", self.confirmation_ttl),
            ("reset_ttl_seconds", self.reset_ttl),
            ("session_ttl_seconds", self.session_ttl),
            ("login_window", self.login_window),
            ("lockout", self.lockout),
        ] {
            crate::options::lifetime(field, ttl.num_seconds())?;
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            catalog: Catalog::batam(),
            utc_offset: crate::clock::WIB,
            confirmation_ttl: Duration::minutes(90),
            reset_ttl: Duration::minutes(60),
            session_ttl: Duration::hours(12),
            max_login_failures: 5,
            login_window: Duration::minutes(15),
            lockout: Duration::minutes(15),
            number_prefix: "BTM".to_owned(),
            clock: Arc::new(SystemClock),
            busy_timeout: crate::store::sqlite::BUSY_TIMEOUT,
            mail: MailConfig::default(),
        }
    }
}

/// An open lakse data folder: `lakse.db` (SQLite, WAL) and `documents/`.
///
/// `Lakse` is `Send + Sync`: share one through an `Arc`. Several handles, in
/// one process or several, may open the same folder at once. Every method
/// takes and returns plain owned values.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let lakse = lakse_core::Lakse::open(dir.path())?;
/// lakse.register("Difa.Ananda@Example.com")?;
/// let mail = &lakse.outbox(10)?[0];
/// assert_eq!(mail.kind, lakse_core::outbox::Kind::Confirmation);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Lakse {
    pub(crate) config: Config,
    pub(crate) store: Box<dyn Store>,
    pub(crate) documents: DocumentFolder,
    /// Signs pickup coupons (`office.key` in the data folder).
    pub(crate) office_key: crate::coupon::OfficeKey,
    dir: PathBuf,
    closed: AtomicBool,
}

impl std::fmt::Debug for dyn Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

impl Lakse {
    /// Opens (creating if needed) the data folder `dir` with the default configuration.
    pub fn open(dir: impl AsRef<Path>) -> Result<Lakse> {
        Lakse::open_with(dir, Config::default())
    }

    /// Opens (creating if needed) the data folder `dir` with a Rust
    /// configuration (for a test clock or custom templates). The lifetimes and
    /// the number prefix are checked as [`Lakse::open_with_options`] checks them.
    pub fn open_with(dir: impl AsRef<Path>, config: Config) -> Result<Lakse> {
        Lakse::open_checked(dir.as_ref(), config, None)
    }

    /// Opens (creating if needed) the handle `options` describe: what every
    /// binding calls. Bad options are refused before anything is created.
    pub fn open_with_options(options: &OpenOptions) -> Result<Lakse> {
        let (dir, config, seed) = options.to_config()?;
        Lakse::open_checked(&dir, config, seed)
    }

    fn open_checked(dir: &Path, config: Config, seed: Option<[u8; 32]>) -> Result<Lakse> {
        config.check()?;
        std::fs::create_dir_all(dir)?;
        let documents = DocumentFolder::open(&dir.join("documents"))?;
        let store = SqliteStore::open(&dir.join("lakse.db"), config.busy_timeout)?;
        let office_key = match seed {
            Some(seed) => crate::coupon::OfficeKey::from_seed(seed),
            None => crate::coupon::OfficeKey::load_or_create(dir)?,
        };
        let lakse = Lakse {
            config,
            store: Box::new(store),
            documents,
            office_key,
            dir: dir.to_owned(),
            closed: AtomicBool::new(false),
        };
        // What a killed process may have left behind.
        lakse.collect_orphan_files()?;
        // Applications from before service definitions were kept.
        lakse.keep_missing_definitions()?;
        Ok(lakse)
    }

    /// The data folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The data folder's path.
    pub fn data_dir(&self) -> Result<String> {
        self.live()?;
        Ok(self.dir.to_string_lossy().into_owned())
    }

    /// The services the catalog lists (switched-off ones excluded), in
    /// catalog order, each with its sub-types, document slots and fields.
    pub fn services(&self) -> Result<Vec<Service>> {
        self.live()?;
        Ok(self.config.catalog.listed().cloned().collect())
    }

    /// The office the catalog describes (name and city, as on the coupon).
    pub fn office(&self) -> Result<Office> {
        self.live()?;
        Ok(self.config.catalog.office.clone())
    }

    /// The pickup places ("Tempat Pengambilan") an officer may choose; the first is the default.
    pub fn pickup_places(&self) -> Result<Vec<String>> {
        self.live()?;
        Ok(self.config.catalog.pickup_places.clone())
    }

    /// Closes the handle: every later call fails with `handle.closed`.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.store.close();
    }

    /// Fails with `handle.closed` once [`Lakse::close`] ran.
    pub fn check_open(&self) -> Result<()> {
        self.live().map(drop)
    }

    /// Fails with [`Error::Closed`] once [`Lakse::close`] ran.
    pub(crate) fn live(&self) -> Result<&dyn Store> {
        if self.closed.load(Ordering::SeqCst) {
            Err(Error::Closed)
        } else {
            Ok(self.store.as_ref())
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.config.clock.now()
    }

    pub(crate) fn now_ms(&self) -> Millis {
        self.now().timestamp_millis()
    }

    /// Today in the office's time zone (by the configured clock).
    pub fn today(&self) -> NaiveDate {
        self.now()
            .with_timezone(&self.config.utc_offset)
            .date_naive()
    }

    /// A time as people are shown it, in the office's time zone
    /// ([`texts::date_time`](crate::texts::date_time)).
    pub(crate) fn local_time(&self, at: DateTime<Utc>) -> String {
        crate::texts::date_time(at, self.config.utc_offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handle_is_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Lakse>();
        let dir = tempfile::tempdir().expect("tempdir");
        let lakse = Arc::new(Lakse::open(dir.path()).expect("open"));
        let threads: Vec<_> = (0..4)
            .map(|i| {
                let lakse = Arc::clone(&lakse);
                std::thread::spawn(move || lakse.register(&format!("warga{i}@example.com")))
            })
            .collect();
        for t in threads {
            t.join().expect("no panic").expect("register");
        }
        assert_eq!(lakse.outbox(10).expect("outbox").len(), 4);
    }

    #[test]
    fn local_times_are_wib() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lakse = Lakse::open(dir.path()).expect("open");
        // The manual's link was valid until 14:45:24 WIB = 07:45:24 UTC.
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2023, 9, 25, 7, 45, 24)
            .single()
            .expect("valid time");
        assert_eq!(lakse.local_time(at), "25 Sep 2023, 14:45:24");
    }
}
