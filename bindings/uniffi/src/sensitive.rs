//! The privacy wrappers as objects: `IdNumber` (NIK, No KK), `Secret`
//! (tokens, passwords) and `EmailAddress`. Each prints masked in Kotlin
//! (`toString`) and Swift (`description`) through the core's `Display`, and
//! gives the value back through `expose()`, as the core's wrappers do.

use std::sync::Arc;

use crate::convert::Conv;

macro_rules! wrapper {
    ($(#[doc = $doc:literal])* $name:ident => $core:path) => {
        $(#[doc = $doc])*
        #[derive(Clone, PartialEq, Eq, Hash, uniffi::Object)]
        #[uniffi::export(Display, Debug, Eq, Hash)]
        pub struct $name($core);

        #[uniffi::export]
        impl $name {
            /// Wraps a value.
            #[uniffi::constructor]
            pub fn new(value: String) -> Arc<Self> {
                Arc::new($name(<$core>::new(value)))
            }

            /// The value itself: pass it on or show it to its owner, never log it.
            pub fn expose(&self) -> String {
                self.0.expose().to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl Conv<Arc<$name>> for $core {
            fn conv(self) -> Arc<$name> {
                Arc::new($name(self))
            }
        }

        impl Conv<$core> for Arc<$name> {
            fn conv(self) -> $core {
                self.0.clone()
            }
        }
    };
}

wrapper! {
    /// A NIK or No KK: prints as `2171xxxxxxxx0001`; `expose()` gives the 16 digits.
    IdNumber => lakse_core::sensitive::IdNumber
}

wrapper! {
    /// A session or link token, or a password: prints as `<redacted>`.
    Secret => lakse_core::sensitive::Secret
}

wrapper! {
    /// An e-mail address: prints as `d***a@example.com`.
    EmailAddress => lakse_core::sensitive::EmailAddress
}
