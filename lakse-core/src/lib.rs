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

#![deny(missing_docs)]

pub mod application;
pub mod catalog;
pub mod clock;
pub mod email;
pub mod error;
mod id;
pub mod kk;
pub mod nik;
pub mod phone;
pub mod region;
pub mod texts;

pub use error::{Error, Result};
pub use kk::{KkInfo, NoKk};
pub use nik::{Mode, Nik, NikInfo, Sex};
pub use region::{Region, RegionPart};
