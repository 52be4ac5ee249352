//! # lakse-c: the C ABI of lakse
//!
//! A boring binding: every function converts C arguments to the JSON that
//! [`lakse_core::api::call`] and [`lakse_core::api::call_pure`] take, runs the
//! operation in lakse-core and converts the result and the error back. No
//! rule, check or SQL lives here.
//!
//! The header is `include/lakse.h`, written by cbindgen from this crate
//! (`cbindgen.toml`) and checked fresh by `tests/generated.rs`, which also
//! writes the two generated modules: [`codes`] (the `lakse_error_code` enum,
//! from the error catalogue) and `ops` (one C function per operation of
//! `tests/vectors/api.json`).
//!
//! Conventions (repeated in the header):
//! - every function returns `LAKSE_OK` (0) or the failed call's catalogue
//!   number; `lakse_last_error_*` describe it, per thread;
//! - records cross as UTF-8 JSON text (`tests/vectors/api.json`, `types`);
//! - a `lakse_handle` is a 64-bit id from a global table with generation
//!   counters, so a freed, double-freed or made-up handle is an error number,
//!   never undefined behaviour;
//! - everything lakse allocates is freed with `lakse_string_free` or
//!   `lakse_bytes_free`;
//! - NULL pointers, invalid UTF-8 and malformed JSON are
//!   `LAKSE_API_INVALID_ARGUMENTS`; a panic is caught at the boundary and
//!   becomes `LAKSE_INTERNAL`.

// The names are the C names the header declares.
#![allow(non_camel_case_types)]

// The order of these modules is the order of the header.
#[rustfmt::skip]
pub mod codes;

mod error;

mod handle;

mod boundary;

mod bytes;

#[rustfmt::skip]
mod ops;

pub use boundary::lakse_call;
pub use bytes::{
    lakse_base64_encode, lakse_bytes_free, lakse_compose_outbox_bytes, lakse_coupon_pdf,
    lakse_document_bytes, lakse_profile_photo_bytes, lakse_string_free,
};
pub use codes::lakse_error_code;
pub use error::{
    lakse_last_error_code, lakse_last_error_field, lakse_last_error_message,
    lakse_last_error_message_id, lakse_last_error_number, lakse_last_error_retryable,
};
pub use handle::{LAKSE_NULL_HANDLE, lakse_free_handle, lakse_handle, lakse_open};
pub use ops::*;
