//! The last error, per thread: what `lakse_last_error_*` read.
//!
//! Every entry point that returns a number records its outcome here: a
//! failure stores the error's [`ErrorInfo`], a success clears it. The strings
//! live in this thread's storage; a pointer the accessors return stays valid
//! until the next lakse call on the same thread.

use std::cell::RefCell;
use std::ffi::{CString, c_char};

use lakse_core::Error;
use lakse_core::error::ErrorInfo;

/// The last outcome of this thread, as C strings ("" when absent).
struct LastError {
    number: i32,
    retryable: bool,
    code: CString,
    field: CString,
    message: CString,
    message_id: CString,
}

impl LastError {
    fn none() -> LastError {
        LastError {
            number: 0,
            retryable: false,
            code: CString::default(),
            field: CString::default(),
            message: CString::default(),
            message_id: CString::default(),
        }
    }
}

thread_local! {
    static LAST: RefCell<LastError> = RefCell::new(LastError::none());
}

/// A C string of `text`; a NUL inside (never expected in lakse's messages)
/// becomes U+FFFD instead of cutting the text.
pub(crate) fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// Records `error` as this thread's last error and returns its number.
pub(crate) fn set(error: &Error) -> i32 {
    let info = ErrorInfo::from(error);
    let number = i32::from(info.number);
    let last = LastError {
        number,
        retryable: info.retryable,
        code: c_string(&info.code),
        field: c_string(info.field.as_deref().unwrap_or("")),
        message: c_string(&info.message),
        message_id: c_string(&info.message_id),
    };
    // During thread teardown the storage may be gone: the number still returns.
    let _ = LAST.try_with(|cell| *cell.borrow_mut() = last);
    number
}

/// Records a success: the last error is cleared.
pub(crate) fn clear() {
    let _ = LAST.try_with(|cell| {
        if cell.borrow().number != 0 {
            *cell.borrow_mut() = LastError::none();
        }
    });
}

fn read<T>(f: impl FnOnce(&LastError) -> T, default: T) -> T {
    LAST.try_with(|cell| f(&cell.borrow())).unwrap_or(default)
}

/// The number of the last failed call on this thread: its `lakse_error_code`,
/// or `LAKSE_OK` (0) when the last call succeeded.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_number() -> i32 {
    read(|l| l.number, 0)
}

/// The stable machine code of the last error on this thread, e.g.
/// `"nik.invalid_character"`; `""` when the last call succeeded.
///
/// The string belongs to lakse: do not free it; it stays valid until the next
/// lakse call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_code() -> *const c_char {
    read(|l| l.code.as_ptr(), c"".as_ptr())
}

/// The input field the last error concerns (e.g. `"nik"`, `"args_json"`,
/// `"handle"`); `""` when it concerns no field or the last call succeeded.
///
/// Owned by lakse, valid until the next lakse call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_field() -> *const c_char {
    read(|l| l.field.as_ptr(), c"".as_ptr())
}

/// The last error's message for developers, in English; `""` after a success.
/// It never holds a raw NIK, No KK, token, password or e-mail address.
///
/// Owned by lakse, valid until the next lakse call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_message() -> *const c_char {
    read(|l| l.message.as_ptr(), c"".as_ptr())
}

/// The last error's message for applicants and officers, in Indonesian;
/// `""` after a success.
///
/// Owned by lakse, valid until the next lakse call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_message_id() -> *const c_char {
    read(|l| l.message_id.as_ptr(), c"".as_ptr())
}

/// Whether the same call can succeed later without changing its input (a
/// lockout ending, a busy database); `false` after a success.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_last_error_retryable() -> bool {
    read(|l| l.retryable, false)
}
