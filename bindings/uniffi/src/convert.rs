//! Conversion between lakse-core's types and the records UniFFI carries.
//!
//! [`Conv`] converts one field; [`record!`] declares a UniFFI record that
//! mirrors a core record field by field, with the conversions both ways.
//! Nothing here checks or decides anything: the core does.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{DateTime, Utc};

/// Converts a value between a core type and its binding type.
pub(crate) trait Conv<T> {
    /// The value as `T`.
    fn conv(self) -> T;
}

/// Types that cross unchanged (UniFFI knows them, or they are remote enums).
macro_rules! same {
    ($($t:ty),* $(,)?) => {
        $(impl $crate::convert::Conv<$t> for $t {
            fn conv(self) -> $t {
                self
            }
        })*
    };
}
pub(crate) use same;

same!(
    (),
    String,
    bool,
    u8,
    u16,
    u32,
    u64,
    i64,
    chrono::NaiveDate,
    SystemTime
);

impl<A: Conv<B>, B> Conv<Vec<B>> for Vec<A> {
    fn conv(self) -> Vec<B> {
        self.into_iter().map(Conv::conv).collect()
    }
}

impl<A: Conv<B>, B> Conv<Option<B>> for Option<A> {
    fn conv(self) -> Option<B> {
        self.map(Conv::conv)
    }
}

impl Conv<HashMap<String, String>> for BTreeMap<String, String> {
    fn conv(self) -> HashMap<String, String> {
        self.into_iter().collect()
    }
}

impl Conv<BTreeMap<String, String>> for HashMap<String, String> {
    fn conv(self) -> BTreeMap<String, String> {
        self.into_iter().collect()
    }
}

/// Instants cross as `SystemTime`: Kotlin `java.time.Instant`, Swift `Date`.
impl Conv<SystemTime> for DateTime<Utc> {
    fn conv(self) -> SystemTime {
        self.into()
    }
}

impl Conv<DateTime<Utc>> for SystemTime {
    fn conv(self) -> DateTime<Utc> {
        self.into()
    }
}

/// File paths cross as strings (lossy only for paths that are not UTF-8).
impl Conv<String> for PathBuf {
    fn conv(self) -> String {
        self.to_string_lossy().into_owned()
    }
}

impl Conv<PathBuf> for String {
    fn conv(self) -> PathBuf {
        PathBuf::from(self)
    }
}

/// Sizes in characters cross as `u64` (UniFFI has no `usize`).
impl Conv<u64> for usize {
    fn conv(self) -> u64 {
        self as u64
    }
}

impl Conv<usize> for u64 {
    fn conv(self) -> usize {
        usize::try_from(self).unwrap_or(usize::MAX)
    }
}

/// Declares a UniFFI record mirroring the core record `$core`, with the
/// same fields (converted by [`Conv`]) and conversions both ways.
///
/// Every record prints as the core prints it: its `Debug`, which masks NIK,
/// No KK, tokens, passwords, e-mail addresses and what free text may hold,
/// and leaves out what would give a masked number back. Exported to Kotlin
/// (`toString`) and Swift (`description`); a data class's own `toString`
/// would print every field raw.
macro_rules! record {
    (
        $(#[$attr:meta])*
        pub struct $name:ident => $core:path {
            $( $(#[$fattr:meta])* $field:ident: $ty:ty, )*
        }
    ) => {
        #[derive(Clone, PartialEq, uniffi::Record)]
        #[uniffi::export(Display)]
        $(#[$attr])*
        pub struct $name {
            $( $(#[$fattr])* pub $field: $ty, )*
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let core: $core = $crate::convert::Conv::conv(self.clone());
                write!(f, "{core:?}")
            }
        }

        impl $crate::convert::Conv<$name> for $core {
            fn conv(self) -> $name {
                $name { $( $field: $crate::convert::Conv::conv(self.$field), )* }
            }
        }

        impl $crate::convert::Conv<$core> for $name {
            fn conv(self) -> $core {
                $core { $( $field: $crate::convert::Conv::conv(self.$field), )* }
            }
        }
    };
}
pub(crate) use record;
