//! [`OpenOptions`]: how a binding opens a [`Lakse`](crate::Lakse) handle.
//!
//! One plain, checked record: strings, whole seconds and enums, no trait
//! objects, closures or chrono types, so every language can build it. Every
//! bad value is refused by [`Lakse::open_with_options`](crate::Lakse::open_with_options)
//! with a typed error naming the option; nothing is created on disk before
//! the options pass. (Rust callers that need a test clock use
//! [`Config`](crate::Config) and [`Lakse::open_with`](crate::Lakse::open_with).)

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;

use crate::catalog::Catalog;
use crate::delivery::{Security, Smtp, SmtpCredentials, Transport};
use crate::error::{Error, ErrorCode, Result};
use crate::sensitive::Secret;

/// The longest token or session lifetime accepted: one year.
pub const MAX_LIFETIME_SECONDS: i64 = 366 * 24 * 60 * 60;

/// How a handle opens: where its data lives and how it behaves.
///
/// ```
/// use lakse_core::{Lakse, OpenOptions};
/// let dir = tempfile::tempdir()?;
/// let lakse = Lakse::open_with_options(&OpenOptions::new(dir.path().to_string_lossy()))?;
/// assert_eq!(lakse.services()?[0].id, "cetak_ktp_kk");
///
/// let mut bad = OpenOptions::new(dir.path().to_string_lossy());
/// bad.number_prefix = "btm".into();
/// let err = Lakse::open_with_options(&bad).unwrap_err();
/// assert_eq!((err.code(), err.field()), ("options.invalid_prefix", Some("number_prefix")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct OpenOptions {
    /// The data folder (`lakse.db`, `documents/`, `office.key`); created if missing.
    pub data_dir: String,
    /// Prefix of application numbers: 2 to 8 capital letters A–Z (default `BTM`).
    pub number_prefix: String,
    /// Lifetime of a registration confirmation link, in seconds (default 5,400: 90 minutes, as in the manual).
    pub confirmation_ttl_seconds: i64,
    /// Lifetime of a password-reset link, in seconds (default 3,600).
    pub reset_ttl_seconds: i64,
    /// Lifetime of a login session, in seconds (default 43,200: 12 hours).
    pub session_ttl_seconds: i64,
    /// How notification e-mails leave (default `.eml` files in `<data_dir>/mail`).
    pub delivery: DeliveryOptions,
    /// The service catalog (default Batam's, built in).
    pub catalog: CatalogSource,
    /// The office's Ed25519 signing key as its 32-byte seed in base64url
    /// (43 characters); `None` keeps (or creates) `office.key` in the data folder.
    pub office_key: Option<Secret>,
    /// Where links in e-mails point (default `https://oten.batam.go.id`).
    pub base_url: Option<String>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            data_dir: String::new(),
            number_prefix: "BTM".to_owned(),
            confirmation_ttl_seconds: 90 * 60,
            reset_ttl_seconds: 60 * 60,
            session_ttl_seconds: 12 * 60 * 60,
            delivery: DeliveryOptions::default(),
            catalog: CatalogSource::Batam,
            office_key: None,
            base_url: None,
        }
    }
}

impl OpenOptions {
    /// Batam's defaults on the data folder `data_dir`.
    pub fn new(data_dir: impl Into<String>) -> OpenOptions {
        OpenOptions {
            data_dir: data_dir.into(),
            ..OpenOptions::default()
        }
    }
}

/// How notification e-mails leave.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeliveryOptions {
    /// Not sent: messages wait in the outbox for another process.
    None,
    /// Written as `.eml` files into `path` (relative paths are inside the data folder).
    Folder {
        /// The folder.
        path: String,
    },
    /// Sent to an SMTP server.
    Smtp {
        /// Host name or IP address.
        host: String,
        /// Port (587 STARTTLS, 465 TLS, 25 plain between servers).
        port: u16,
        /// How the connection is protected.
        security: SmtpSecurity,
        /// Login name, if the server wants one.
        username: Option<String>,
        /// Login password.
        password: Option<Secret>,
        /// How long one network operation may take, in seconds (1 to 600).
        timeout_seconds: u32,
    },
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        DeliveryOptions::Folder {
            path: "mail".to_owned(),
        }
    }
}

/// How an SMTP connection is protected.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain text: a relay on the same machine or network only.
    None,
    /// STARTTLS, required.
    StartTls,
    /// TLS from the first byte.
    Tls,
}

/// Where the service catalog comes from.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CatalogSource {
    /// Batam's catalog, built in.
    #[default]
    Batam,
    /// A catalog in TOML text.
    Toml {
        /// The text.
        text: String,
    },
    /// A catalog file (`.toml` or `.json`).
    Path {
        /// The file.
        path: String,
    },
}

/// A lifetime in whole seconds, refused unless 1 ≤ seconds ≤ [`MAX_LIFETIME_SECONDS`].
pub(crate) fn lifetime(field: &str, seconds: i64) -> Result<Duration> {
    if !(1..=MAX_LIFETIME_SECONDS).contains(&seconds) {
        return Err(Error::rule(
            ErrorCode::OptionsInvalidLifetime,
            field,
            format!("must be from 1 to {MAX_LIFETIME_SECONDS} seconds, found {seconds}"),
        ));
    }
    Ok(Duration::seconds(seconds))
}

/// An application-number prefix: 2 to 8 capital letters A–Z.
pub(crate) fn number_prefix(prefix: &str) -> Result<String> {
    let ok = (2..=8).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_uppercase());
    if !ok {
        return Err(Error::rule(
            ErrorCode::OptionsInvalidPrefix,
            "number_prefix",
            "must be 2 to 8 capital letters A-Z",
        ));
    }
    Ok(prefix.to_owned())
}

/// The office key's seed from its base64url text.
pub(crate) fn office_seed(key: &Secret) -> Result<[u8; 32]> {
    URL_SAFE_NO_PAD
        .decode(key.expose().trim_end_matches('='))
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| {
            Error::rule(
                ErrorCode::OptionsInvalid,
                "office_key",
                "must be a 32-byte seed in base64url (43 characters)",
            )
        })
}

impl OpenOptions {
    /// The checked configuration, the data folder and the office key's seed.
    pub(crate) fn to_config(&self) -> Result<(PathBuf, crate::Config, Option<[u8; 32]>)> {
        if self.data_dir.trim().is_empty() {
            return Err(Error::rule(
                ErrorCode::OptionsInvalid,
                "data_dir",
                "the data folder is required",
            ));
        }
        let mut config = crate::Config {
            number_prefix: number_prefix(&self.number_prefix)?,
            confirmation_ttl: lifetime("confirmation_ttl_seconds", self.confirmation_ttl_seconds)?,
            reset_ttl: lifetime("reset_ttl_seconds", self.reset_ttl_seconds)?,
            session_ttl: lifetime("session_ttl_seconds", self.session_ttl_seconds)?,
            catalog: match &self.catalog {
                CatalogSource::Batam => Catalog::batam(),
                CatalogSource::Toml { text } => Catalog::from_toml_str(text)?,
                CatalogSource::Path { path } => Catalog::from_path(path)?,
            },
            ..crate::Config::default()
        };
        config.mail.transport = self.transport()?;
        if let Some(url) = &self.base_url {
            let plain = url.starts_with("https://") || url.starts_with("http://");
            if !plain || url.chars().any(char::is_whitespace) {
                return Err(Error::rule(
                    ErrorCode::OptionsInvalid,
                    "base_url",
                    "must be an http(s) address without spaces",
                ));
            }
            config.mail.base_url = url.trim_end_matches('/').to_owned();
        }
        let seed = self.office_key.as_ref().map(office_seed).transpose()?;
        Ok((PathBuf::from(&self.data_dir), config, seed))
    }

    fn transport(&self) -> Result<Transport> {
        let invalid = |field: &str, reason: &str| {
            Err(Error::rule(
                ErrorCode::OptionsInvalid,
                format!("delivery.{field}"),
                reason,
            ))
        };
        Ok(match &self.delivery {
            DeliveryOptions::None => Transport::None,
            DeliveryOptions::Folder { path } => {
                if path.trim().is_empty() {
                    return invalid("path", "the folder is required");
                }
                Transport::Folder(PathBuf::from(path))
            }
            DeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password,
                timeout_seconds,
            } => {
                if host.trim().is_empty() || host.chars().any(char::is_whitespace) {
                    return invalid("host", "a host name without spaces is required");
                }
                if *port == 0 {
                    return invalid("port", "must be from 1 to 65535");
                }
                if !(1..=600).contains(timeout_seconds) {
                    return invalid("timeout_seconds", "must be from 1 to 600");
                }
                let credentials = match (username, password) {
                    (None, None) => None,
                    (Some(u), Some(p)) if !u.is_empty() => Some(SmtpCredentials {
                        username: u.clone(),
                        password: p.expose().to_owned(),
                    }),
                    _ => return invalid("username", "a login needs both user name and password"),
                };
                let security = match security {
                    SmtpSecurity::None => Security::None,
                    SmtpSecurity::StartTls => Security::StartTls,
                    SmtpSecurity::Tls => Security::Tls,
                };
                let mut smtp = Smtp::new(host.clone(), *port, security);
                smtp.credentials = credentials;
                smtp.timeout = std::time::Duration::from_secs(u64::from(*timeout_seconds));
                Transport::Smtp(smtp)
            }
        })
    }
}
