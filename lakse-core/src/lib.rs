//! # lakse-core
//!
//! The whole domain of a Disdukcapil (Indonesian civil registry) online service
//! desk, as one embeddable library: the service catalog and its document rules,
//! NIK / No KK parsing and validation, phone and e-mail rules, and the
//! application workflow. Every front end (Node, Python, Kotlin, Swift, C) embeds
//! this crate through a thin binding, so the rules live here once.
//!
//! Modules are named after domain nouns: [`nik`], [`kk`], [`region`],
//! [`phone`], [`email`], [`catalog`], [`application`]; every error is an
//! [`Error`] with a stable [`Error::code`].
//!
//! The stateful part is the [`Lakse`] handle, opened on a data folder
//! (SQLite + a content-addressed documents folder): [`account`]s and
//! sessions, [`profile`]s, [`document`] uploads, the application desk, the
//! [`outbox`] of notifications (rendered by [`mail`], sent by [`delivery`])
//! and the audit log. Every text a person types passes the rules in [`text`]
//! (one line or several, length, no invisible characters, NFC, printable on
//! the coupon). All SQL lives behind one
//! storage seam so a PostgreSQL backend can be added without touching the rules.

#![deny(missing_docs)]

pub mod account;
pub mod api;
pub mod application;
pub mod catalog;
pub mod clock;
pub mod coupon;
pub mod delivery;
pub mod document;
pub mod email;
pub mod error;
mod id;
pub mod kk;
mod lakse;
pub mod mail;
pub mod nik;
pub mod options;
pub mod outbox;
pub mod phone;
pub mod profile;
pub mod region;
pub mod sensitive;
mod store;
pub mod text;
pub mod texts;

pub use account::{Account, Session};
pub use application::{Action, Actor, Status};
pub use error::{Error, Result};
pub use kk::{KkInfo, NoKk};
pub use lakse::{Config, Lakse};
pub use nik::{Mode, Nik, NikInfo, Sex};
pub use options::OpenOptions;
pub use region::{Region, RegionPart};
