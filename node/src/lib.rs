//! lakse for Node.js: a napi-rs binding of `lakse-core`.
//!
//! The binding only converts: JavaScript values into the core's owned types,
//! the core's records into plain objects (camelCase keys, `Date`, `Buffer`),
//! and every `lakse_core::Error` into one kind of JavaScript `Error`
//! (`error`). Handle operations run on the libuv thread pool and return
//! Promises (`handle`); the pure functions stay synchronous (`pure`), and
//! `parseNik`'s records are built in JavaScript from one number (`verdict`).
//! Personal data and secrets in results are wrapped (`sensitive`) so that
//! `util.inspect` and `JSON.stringify` show them masked; records that hold
//! a NIK's or No KK's parts, or free text, print masked too (`printed`).
//!
//! Every exported function and method is `#[napi(catch_unwind)]`, and its
//! body runs through `error::guard` (`lakse_core::error::guard` for work on
//! the thread pool): a panic, which would abort Node if it unwound out of the addon,
//! becomes the catalogue's `internal` error. The attribute catches one in
//! what napi-rs runs around the body (argument and result conversion), as
//! napi-rs's own plain `Error`.

mod enums;
mod error;
mod handle;
mod inputs;
mod printed;
mod pure;
mod records;
mod sensitive;
mod surface;
mod verdict;
