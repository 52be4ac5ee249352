//! Byte buffers and the frees of everything lakse allocates.
//!
//! In JSON, bytes are standard base64 strings (a document in `submit`, the
//! PDF in `coupon`'s result). Where the bytes are the point — the coupon PDF,
//! a stored document, the profile photo, a composed e-mail — a `_bytes`
//! variant hands them over as a buffer instead; `lakse_base64_encode` makes
//! the base64 text for arguments.

use std::ffi::{CString, c_char};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use lakse_core::Error;
use serde_json::Value;

use crate::boundary::{self, On, guard, reset_out};
use crate::handle::lakse_handle;

/// Runs handle operation `op`, takes the base64 string at JSON pointer
/// `pointer` of its result and writes the decoded bytes to `*out`/`*out_len`
/// (NULL and 0 when the result has none there, e.g. no profile photo).
///
/// # Safety
/// `args_json` NULL or NUL-terminated; `out`, `out_len` NULL or writable.
unsafe fn bytes_op(
    handle: lakse_handle,
    op: &str,
    pointer: &str,
    args_json: *const c_char,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        if out_len.is_null() {
            return Err(boundary::null_pointer("out_len"));
        }
        // SAFETY: checked non-null; writable by the caller's contract.
        unsafe { *out_len = 0 };
        // SAFETY: the caller's contract.
        unsafe { reset_out(out, "out") }?;
        // SAFETY: the caller's contract.
        let value = unsafe { boundary::call_json(On::Handle(handle), op, true, args_json) }?;
        let bytes = match value.pointer(pointer) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(text)) => STANDARD.decode(text).map_err(Error::internal)?,
            Some(_) => return Err(Error::internal(format!("{op}: no bytes at {pointer}"))),
        };
        let len = bytes.len();
        if len > 0 {
            // SAFETY: both checked non-null above.
            unsafe {
                *out = Box::into_raw(bytes.into_boxed_slice()).cast::<u8>();
                *out_len = len;
            }
        }
        Ok(())
    })
}

/// The pickup coupon's PDF ("Bukti Pengambilan Dokumen") as bytes: the
/// `bytes` of `lakse_coupon`'s result, decoded. Same `args_json` as
/// `lakse_coupon`: `{"session": string, "number": string}`.
///
/// Free `*out` with `lakse_bytes_free(*out, *out_len)`.
///
/// # Safety
/// `args_json` is NULL or a NUL-terminated string; `out` and `out_len` are
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_coupon_pdf(
    handle: lakse_handle,
    args_json: *const c_char,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    // SAFETY: the caller's contract.
    unsafe { bytes_op(handle, "coupon", "/bytes", args_json, out, out_len) }
}

/// One stored document of an application as bytes: the `bytes` of
/// `lakse_document`'s result. Same `args_json` as `lakse_document`:
/// `{"session": string, "number": string, "slot": string}`.
///
/// Free `*out` with `lakse_bytes_free(*out, *out_len)`.
///
/// # Safety
/// As `lakse_coupon_pdf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_document_bytes(
    handle: lakse_handle,
    args_json: *const c_char,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    // SAFETY: the caller's contract.
    unsafe { bytes_op(handle, "document", "/bytes", args_json, out, out_len) }
}

/// The profile photo as bytes: the `bytes` of `lakse_profile_photo`'s result;
/// `*out` NULL and `*out_len` 0 when there is no photo. Same `args_json` as
/// `lakse_profile_photo`: `{"session": string}`.
///
/// Free `*out` with `lakse_bytes_free(*out, *out_len)`.
///
/// # Safety
/// As `lakse_coupon_pdf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_profile_photo_bytes(
    handle: lakse_handle,
    args_json: *const c_char,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    // SAFETY: the caller's contract.
    unsafe { bytes_op(handle, "profile_photo", "/bytes", args_json, out, out_len) }
}

/// An outbox message as the RFC 5322 bytes it is sent as: `lakse_compose_outbox`
/// decoded. Same `args_json`: `{"id": integer}`.
///
/// Free `*out` with `lakse_bytes_free(*out, *out_len)`.
///
/// # Safety
/// As `lakse_coupon_pdf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_compose_outbox_bytes(
    handle: lakse_handle,
    args_json: *const c_char,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    // SAFETY: the caller's contract.
    unsafe { bytes_op(handle, "compose_outbox", "", args_json, out, out_len) }
}

/// `len` bytes at `data` as standard base64 text, the form bytes take in
/// `args_json` (a document's `bytes` in `submit`, a photo's in
/// `set_profile_photo`). `data` may be NULL only when `len` is 0.
///
/// Free `*out` with `lakse_string_free`.
///
/// # Safety
/// `data` points to `len` readable bytes (or is NULL with `len` 0); `out` is
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_base64_encode(
    data: *const u8,
    len: usize,
    out: *mut *mut c_char,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract.
        unsafe { reset_out(out, "out") }?;
        let bytes: &[u8] = match (data.is_null(), len) {
            (_, 0) => &[],
            (true, _) => return Err(boundary::null_pointer("data")),
            // SAFETY: `len` readable bytes by the caller's contract.
            (false, _) => unsafe { std::slice::from_raw_parts(data, len) },
        };
        // SAFETY: checked non-null above.
        unsafe { *out = boundary::into_c_string(STANDARD.encode(bytes))? };
        Ok(())
    })
}

/// Frees a string lakse returned (`out_json` of every function,
/// `lakse_base64_encode`). NULL is ignored. Free each string once: a string
/// is a plain pointer, so a second free is not detected.
///
/// # Safety
/// `text` is NULL or a string lakse returned and has not been freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_string_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: made by CString::into_raw (boundary::into_c_string).
        drop(unsafe { CString::from_raw(text) });
    }
}

/// Frees a byte buffer lakse returned, with the length it returned. NULL is
/// ignored. Free each buffer once.
///
/// # Safety
/// `data` is NULL or a buffer lakse returned with exactly `len` bytes, not
/// freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_bytes_free(data: *mut u8, len: usize) {
    if !data.is_null() {
        // SAFETY: made by Box::into_raw of a boxed slice of `len` bytes (bytes_op).
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(data, len)) });
    }
}
