//! The core's enums as string unions (`'diajukan' | 'diproses' | …`), the
//! same snake_case strings as in `tests/vectors/api.json`.

use napi_derive::napi;

/// Declares a string enum mirroring a core enum, with conversions both ways.
macro_rules! mirror {
    ($doc:literal $name:ident = $core:path { $($variant:ident),+ $(,)? }) => {
        #[doc = $doc]
        #[napi(string_enum = "snake_case")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $(
                #[allow(missing_docs)]
                $variant,
            )+
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                use $core as C;
                match value {
                    $(C::$variant => $name::$variant,)+
                }
            }
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                use $core as C;
                match value {
                    $($name::$variant => C::$variant,)+
                }
            }
        }
    };
}

mirror! {
    "An application's status."
    Status = lakse_core::application::Status {
        Diajukan, Diproses, Ditolak, Selesai, Dibatalkan, Diambil,
    }
}

mirror! {
    "What an actor does to an application."
    Action = lakse_core::application::Action {
        Submit, Accept, Reject, Resubmit, Complete, Cancel, Collect,
    }
}

mirror! {
    "Who acts: the applicant, an officer or an admin."
    Actor = lakse_core::application::Actor { Applicant, Officer, Admin }
}

mirror! {
    "Sex, from the NIK or the profile."
    Sex = lakse_core::nik::Sex { Male, Female }
}

mirror! {
    "What a notification e-mail is about."
    Kind = lakse_core::outbox::Kind {
        Confirmation, Credentials, PasswordReset, Accepted, Rejected, Completed,
    }
}

mirror! {
    "An outbox message's state."
    OutboxState = lakse_core::outbox::OutboxState { Pending, Sent, Failed }
}

mirror! {
    "A file type a document slot accepts."
    FileType = lakse_core::catalog::FileType { Jpg, Png, Pdf }
}

mirror! {
    "A level of the region table."
    RegionLevel = lakse_core::error::RegionLevel { Province, Regency, District }
}

mirror! {
    "An error's family (1xxx input, 2xxx auth, … 9xxx internal)."
    Family = lakse_core::error::Family {
        Input, Auth, NotFound, NotAllowed, Document, Delivery, Internal,
    }
}

mirror! {
    "How an SMTP connection is protected."
    SmtpSecurity = lakse_core::options::SmtpSecurity { None, StartTls, Tls }
}
