//! The panic boundary and the conversions every entry point shares.
//!
//! [`guard`] wraps the body of every `extern "C"` function that returns a
//! number: it catches a panic (which must not unwind into C) and turns it into
//! `internal`, records the outcome as the thread's last error and returns the
//! catalogue number. [`read_json`] turns a C string into JSON, refusing NULL,
//! invalid UTF-8 and malformed JSON with `api.invalid_arguments`; [`run`] is
//! the engine of the generated per-operation functions and of `lakse_call`.

use std::ffi::{CStr, CString, c_char};

use lakse_core::api::{self, Receiver};
use lakse_core::error::ErrorCode;
use lakse_core::{Error, Result};
use serde_json::Value;

use crate::error;
use crate::handle::{self, lakse_handle};

/// Runs `body` at the C boundary: a panic becomes `internal` (without its
/// message, which may quote the input); the outcome is
/// recorded as the thread's last error; the result is `LAKSE_OK` or the
/// error's number.
pub(crate) fn guard(body: impl FnOnce() -> Result<()>) -> i32 {
    let outcome = lakse_core::error::guard(body);
    match outcome {
        Ok(()) => {
            error::clear();
            0
        }
        Err(e) => error::set(&e),
    }
}

/// `api.invalid_arguments` for a NULL `name`.
pub(crate) fn null_pointer(name: &str) -> Error {
    Error::rule(ErrorCode::ApiInvalidArguments, name, "NULL pointer")
}

/// The UTF-8 text of the C string `ptr` (argument `name`).
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string.
pub(crate) unsafe fn read_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(null_pointer(name));
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map_err(|e| {
        Error::rule(
            ErrorCode::ApiInvalidArguments,
            name,
            format!("not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
    })
}

/// The JSON value of the C string `ptr` (argument `name`).
///
/// # Safety
/// As [`read_str`].
pub(crate) unsafe fn read_json(ptr: *const c_char, name: &str) -> Result<Value> {
    // SAFETY: forwarded.
    let text = unsafe { read_str(ptr, name) }?;
    serde_json::from_str(text).map_err(|e| {
        Error::rule(
            ErrorCode::ApiInvalidArguments,
            name,
            format!("not JSON: {e}"),
        )
    })
}

/// A string lakse allocates for C: freed with `lakse_string_free`.
pub(crate) fn into_c_string(text: String) -> Result<*mut c_char> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| Error::internal("a result holds a NUL character"))
}

/// Checks an out-pointer and sets `*out` to NULL, so a failed call leaves
/// nothing to free.
///
/// # Safety
/// `out` is NULL or writable.
pub(crate) unsafe fn reset_out<T>(out: *mut *mut T, name: &str) -> Result<()> {
    if out.is_null() {
        return Err(null_pointer(name));
    }
    // SAFETY: non-null and writable by the caller's contract.
    unsafe { *out = std::ptr::null_mut() };
    Ok(())
}

/// Where an operation runs.
#[derive(Clone, Copy)]
pub(crate) enum On {
    /// On this handle (a handle method).
    Handle(lakse_handle),
    /// Without one (a pure function).
    Pure,
}

/// Runs operation `op` with the JSON text `args_json` (NULL allowed only
/// when `takes_args` is false, where it is not read) and returns its JSON.
///
/// # Safety
/// `args_json` as [`read_str`] when `takes_args`.
pub(crate) unsafe fn call_json(
    on: On,
    op: &str,
    takes_args: bool,
    args_json: *const c_char,
) -> Result<Value> {
    let args = if takes_args {
        // SAFETY: forwarded.
        unsafe { read_json(args_json, "args_json") }?
    } else {
        Value::Null
    };
    match on {
        On::Handle(h) => api::call(handle::get(h)?.as_ref(), op, &args),
        On::Pure => api::call_pure(op, &args),
    }
}

/// The engine of the generated `lakse_<op>` functions: runs `op` and writes
/// its JSON to `*out_json` (when the function has that parameter, i.e.
/// `out_json` is `Some`).
///
/// # Safety
/// `args_json` as [`read_str`] when `takes_args`; the inner pointer of
/// `out_json` NULL or writable.
pub(crate) unsafe fn run(
    on: On,
    op: &str,
    takes_args: bool,
    args_json: *const c_char,
    out_json: Option<*mut *mut c_char>,
) -> i32 {
    guard(|| {
        if let Some(out) = out_json {
            // SAFETY: forwarded.
            unsafe { reset_out(out, "out_json") }?;
        }
        // SAFETY: forwarded.
        let value = unsafe { call_json(on, op, takes_args, args_json) }?;
        if let Some(out) = out_json {
            let text = serde_json::to_string(&value).map_err(Error::internal)?;
            // SAFETY: checked non-null and writable above.
            unsafe { *out = into_c_string(text)? };
        }
        Ok(())
    })
}

/// Runs any operation by name: `op` is a name from `tests/vectors/api.json`
/// (`"login"`, `"parse_nik"`, …), `args_json` a JSON object of its arguments
/// (`"{}"` when it has none) and `*out_json` receives the result as JSON
/// (`null` for operations without a result); free it with `lakse_string_free`.
///
/// For a pure operation (receiver `"pure"` in api.json) `handle` is not used:
/// pass `LAKSE_NULL_HANDLE`. An unknown name is `LAKSE_API_UNKNOWN_OPERATION`.
///
/// # Safety
/// `op` and `args_json` are NULL or NUL-terminated strings; `out_json` is NULL
/// or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_call(
    handle: lakse_handle,
    op: *const c_char,
    args_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract.
        unsafe { reset_out(out_json, "out_json") }?;
        // SAFETY: the caller's contract.
        let name = unsafe { read_str(op, "op") }?;
        let on = match api::OPERATIONS.iter().find(|o| o.name == name) {
            Some(o) if o.receiver == Receiver::Handle => On::Handle(handle),
            // Pure, or unknown: call_pure names the unknown operation.
            _ => On::Pure,
        };
        // SAFETY: the caller's contract.
        let value = unsafe { call_json(on, name, true, args_json) }?;
        let text = serde_json::to_string(&value).map_err(Error::internal)?;
        // SAFETY: checked non-null above.
        unsafe { *out_json = into_c_string(text)? };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry point shaped like every other one, whose body panics.
    unsafe extern "C" fn forced_panic(out_json: *mut *mut c_char) -> i32 {
        guard(|| {
            // SAFETY: the test passes a writable pointer.
            unsafe { reset_out(out_json, "out_json") }?;
            panic!("forced by the test");
        })
    }

    fn last() -> (i32, String, String) {
        // SAFETY: the accessors return valid NUL-terminated strings.
        unsafe {
            (
                crate::lakse_last_error_number(),
                CStr::from_ptr(crate::lakse_last_error_code())
                    .to_string_lossy()
                    .into_owned(),
                CStr::from_ptr(crate::lakse_last_error_message())
                    .to_string_lossy()
                    .into_owned(),
            )
        }
    }

    #[test]
    fn a_forced_panic_becomes_internal() {
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: `out` is writable.
        let n = unsafe { forced_panic(&mut out) };
        assert_eq!(n, crate::lakse_error_code::LAKSE_INTERNAL as i32);
        assert_eq!(n, 9005);
        let (number, code, message) = last();
        assert_eq!((number, code.as_str()), (9005, "internal"));
        // The panic's own text is not passed on: it may quote the input.
        assert!(message.contains("lakse panicked"), "{message}");
        assert!(!message.contains("forced by the test"), "{message}");
        assert!(out.is_null());

        // The boundary still works after a caught panic, and a success clears the error.
        let mut json: *mut c_char = std::ptr::null_mut();
        // SAFETY: valid strings and a writable pointer.
        let ok = unsafe {
            crate::lakse_call(
                crate::LAKSE_NULL_HANDLE,
                c"mask_nik".as_ptr(),
                c"{\"text\": \"2171055209900001\"}".as_ptr(),
                &mut json,
            )
        };
        assert_eq!(ok, 0);
        assert_eq!(last().0, 0);
        // SAFETY: allocated by lakse_call.
        unsafe { crate::lakse_string_free(json) };
    }

    #[test]
    fn null_invalid_utf8_and_bad_json_are_invalid_arguments() {
        let bad_utf8 = [0xC3u8, 0x28, 0];
        let cases: [(*const c_char, &str); 3] = [
            (std::ptr::null(), "NULL pointer"),
            (bad_utf8.as_ptr().cast(), "not valid UTF-8"),
            (c"{\"text\": ".as_ptr(), "not JSON"),
        ];
        for (args, why) in cases {
            let mut out: *mut c_char = std::ptr::null_mut();
            // SAFETY: each pointer is NULL or NUL-terminated.
            let n = unsafe { crate::lakse_parse_nik(args, &mut out) };
            assert_eq!(n, 1091);
            let (_, code, message) = last();
            assert_eq!(code, "api.invalid_arguments");
            assert!(
                message.starts_with("args_json: ") && message.contains(why),
                "{message}"
            );
            assert!(out.is_null());
        }
    }
}
