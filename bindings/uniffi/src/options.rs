//! [`OpenOptions`]: how the handle opens. Defaults are the core's.

use lakse_core::options::{
    CatalogSource as CoreCatalogSource, DeliveryOptions as CoreDeliveryOptions, SmtpSecurity,
};

use std::sync::Arc;

use crate::convert::{Conv, same};
use crate::sensitive::Secret;

/// How an SMTP connection is protected.
#[uniffi::remote(Enum)]
pub enum SmtpSecurity {
    /// Plain text: a relay on the same machine or network only.
    None,
    /// STARTTLS, required.
    StartTls,
    /// TLS from the first byte.
    Tls,
}

same!(SmtpSecurity);

/// How notification e-mails leave (the password prints redacted).
#[derive(Clone, PartialEq, uniffi::Enum)]
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
        password: Option<Arc<Secret>>,
        /// How long one network operation may take, in seconds (1 to 600).
        timeout_seconds: u32,
    },
}

impl Conv<DeliveryOptions> for CoreDeliveryOptions {
    fn conv(self) -> DeliveryOptions {
        match self {
            CoreDeliveryOptions::None => DeliveryOptions::None,
            CoreDeliveryOptions::Folder { path } => DeliveryOptions::Folder { path },
            CoreDeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password,
                timeout_seconds,
            } => DeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password: password.conv(),
                timeout_seconds,
            },
        }
    }
}

impl Conv<CoreDeliveryOptions> for DeliveryOptions {
    fn conv(self) -> CoreDeliveryOptions {
        match self {
            DeliveryOptions::None => CoreDeliveryOptions::None,
            DeliveryOptions::Folder { path } => CoreDeliveryOptions::Folder { path },
            DeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password,
                timeout_seconds,
            } => CoreDeliveryOptions::Smtp {
                host,
                port,
                security,
                username,
                password: password.conv(),
                timeout_seconds,
            },
        }
    }
}

/// Where the service catalog comes from.
#[derive(Clone, PartialEq, uniffi::Enum)]
pub enum CatalogSource {
    /// Batam's catalog, built in.
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

impl Conv<CatalogSource> for CoreCatalogSource {
    fn conv(self) -> CatalogSource {
        match self {
            CoreCatalogSource::Batam => CatalogSource::Batam,
            CoreCatalogSource::Toml { text } => CatalogSource::Toml { text },
            CoreCatalogSource::Path { path } => CatalogSource::Path { path },
        }
    }
}

impl Conv<CoreCatalogSource> for CatalogSource {
    fn conv(self) -> CoreCatalogSource {
        match self {
            CatalogSource::Batam => CoreCatalogSource::Batam,
            CatalogSource::Toml { text } => CoreCatalogSource::Toml { text },
            CatalogSource::Path { path } => CoreCatalogSource::Path { path },
        }
    }
}

/// How a handle opens: where its data lives and how it behaves. Every
/// field but `data_dir` has the core's default; `delivery` and `catalog`
/// left out mean the core's defaults (`.eml` files in `<data_dir>/mail`,
/// Batam's catalog). The office key and SMTP password print redacted.
#[derive(Clone, PartialEq, uniffi::Record)]
pub struct OpenOptions {
    /// The data folder (`lakse.db`, `documents/`, `office.key`); created if missing.
    pub data_dir: String,
    /// Prefix of application numbers: 2 to 8 capital letters A–Z.
    #[uniffi(default = "BTM")]
    pub number_prefix: String,
    /// Lifetime of a registration confirmation link, in seconds (90 minutes).
    #[uniffi(default = 5400)]
    pub confirmation_ttl_seconds: i64,
    /// Lifetime of a password-reset link, in seconds (one hour).
    #[uniffi(default = 3600)]
    pub reset_ttl_seconds: i64,
    /// Lifetime of a login session, in seconds (12 hours).
    #[uniffi(default = 43200)]
    pub session_ttl_seconds: i64,
    /// How notification e-mails leave (none: the core's default).
    #[uniffi(default)]
    pub delivery: Option<DeliveryOptions>,
    /// The service catalog (none: Batam's, built in).
    #[uniffi(default)]
    pub catalog: Option<CatalogSource>,
    /// The office's Ed25519 signing key as its 32-byte seed in base64url
    /// (43 characters); none keeps (or creates) `office.key` in the data folder.
    #[uniffi(default)]
    pub office_key: Option<Arc<Secret>>,
    /// Where links in e-mails point (none: `https://oten.batam.go.id`).
    #[uniffi(default)]
    pub base_url: Option<String>,
}

impl Conv<lakse_core::OpenOptions> for OpenOptions {
    fn conv(self) -> lakse_core::OpenOptions {
        let defaults = lakse_core::OpenOptions::default();
        lakse_core::OpenOptions {
            data_dir: self.data_dir,
            number_prefix: self.number_prefix,
            confirmation_ttl_seconds: self.confirmation_ttl_seconds,
            reset_ttl_seconds: self.reset_ttl_seconds,
            session_ttl_seconds: self.session_ttl_seconds,
            delivery: self.delivery.map_or(defaults.delivery, Conv::conv),
            catalog: self.catalog.map_or(defaults.catalog, Conv::conv),
            office_key: self.office_key.conv(),
            base_url: self.base_url,
        }
    }
}
