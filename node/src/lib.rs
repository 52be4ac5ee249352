//! lakse for Node.js: a napi-rs binding of `lakse-core`.
//!
//! The binding only converts: JavaScript values into the core's owned types,
//! the core's records into plain objects (camelCase keys, `Date`, `Buffer`),
//! and every `lakse_core::Error` into one kind of JavaScript `Error`
//! (`error`). Handle operations run on the libuv thread pool and return
//! Promises (`handle`); the pure functions stay synchronous (`pure`), and
//! `parseNik`'s records are built in JavaScript from one number (`verdict`).
//! Personal data and secrets in results are wrapped (`sensitive`) so that
//! `util.inspect` and `JSON.stringify` show them masked.

mod enums;
mod error;
mod handle;
mod inputs;
mod pure;
mod records;
mod sensitive;
mod surface;
mod verdict;
