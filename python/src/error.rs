//! The one mapping from `lakse_core::Error` to Python, and the enum
//! conversions that need the Python half's classes.
//!
//! The exception classes (`lakse.LakseError` and one subclass per family)
//! are written by `python/generate.py` from `tests/vectors/errors.json`;
//! this module picks the family's class and hands it every field of the error.

use std::fmt::Write;
use std::sync::Mutex;

use arrayvec::ArrayString;
use lakse_core::Error;
use lakse_core::error::{ErrorCode, Family};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyModule, PyString, PyType};

static GENERATED: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// `lakse._generated`, imported once.
pub fn generated(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    GENERATED
        .get_or_try_init(py, || py.import("lakse._generated").map(Bound::unbind))
        .map(|m| m.bind(py))
}

static FAMILY_CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

/// The exception class of each family, in `Family::ALL` order
/// (`lakse._generated._FAMILY_ERRORS`).
fn family_classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    FAMILY_CLASSES.get_or_try_init(py, || {
        let classes = generated(py)?.getattr("_FAMILY_ERRORS")?;
        Family::ALL
            .iter()
            .map(|family| {
                Ok(classes
                    .get_item(family.as_str())?
                    .cast_into::<PyType>()?
                    .unbind())
            })
            .collect()
    })
}

/// Each code as an interned Python string, in `ErrorCode::ALL` order: a
/// refused NIK in a loop then makes only its message.
static CODES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();

/// The Python exception for `e`: the family's `LakseError` subclass with
/// `args` = (message, code, field); the Python half reads the number,
/// family, retryability and Indonesian message from the catalogue by code.
/// Made here rather than lazily: CPython would make the same instance when
/// the caller's `except` sees it, after one more step.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let kind = e.kind();
    let family = kind.family();
    let codes = CODES.get_or_init(py, || {
        ErrorCode::ALL
            .iter()
            .map(|code| PyString::intern(py, code.as_str()).unbind())
            .collect()
    });
    let classes = match family_classes(py) {
        Ok(classes) => classes,
        Err(failure) => return failure,
    };
    let at = Family::ALL.iter().position(|f| *f == family).unwrap_or(0);
    let class = classes[at].bind(py).clone();
    // `ErrorCode::ALL` is in number order, and holds every code.
    let at = ErrorCode::ALL
        .binary_search_by_key(&kind.number(), |c| c.number())
        .unwrap_or(0);
    // Formatted on the stack: a heap `String` costs an allocation and a
    // free per refusal, and refusals come by the thousand in a spreadsheet.
    let mut stack = ArrayString::<256>::new();
    let heap;
    let message = if write!(stack, "{e}").is_ok() {
        stack.as_str()
    } else {
        heap = e.to_string();
        heap.as_str()
    };
    let args = (
        PyString::new(py, message),
        codes[at].bind(py),
        e.field().map(|field| field_name(py, field)),
    );
    match class.call1(args) {
        Ok(instance) => PyErr::from_value(instance),
        Err(failure) => failure,
    }
}

/// The field an error names as a Python string; the identity fields (the
/// usual refusals of a bulk check) are made once.
fn field_name<'py>(py: Python<'py>, field: &str) -> Bound<'py, PyString> {
    match field {
        "nik" => intern!(py, "nik").clone(),
        "no_kk" => intern!(py, "no_kk").clone(),
        other => PyString::new(py, other),
    }
}

/// JSON from the Python half that does not parse (a bug there, or a float
/// JSON has no form for, such as NaN), reported as bad arguments.
pub fn bad_json(e: serde_json::Error) -> Error {
    Error::rule(
        ErrorCode::ApiInvalidArguments,
        "args",
        format!("not JSON (line {}, column {})", e.line(), e.column()),
    )
}

/// A core enum from a Python enum member or its string value, read as
/// `lakse_core::api` reads an argument: a refusal names the field and what
/// was expected, never the value (it may be a NIK or an address).
pub fn enum_arg<T: serde::de::DeserializeOwned>(
    value: &Bound<'_, PyAny>,
    field: &str,
) -> Result<T, Error> {
    // Anything but text is refused as `null` would be: the value stays out.
    let text = value
        .cast::<PyString>()
        .ok()
        .and_then(|s| s.to_str().ok())
        .map_or(serde_json::Value::Null, serde_json::Value::from);
    lakse_core::api::decode(field, text)
}

/// Each enum's `_value2member_map_`, by class name, looked up once.
static ENUM_MEMBERS: Mutex<Vec<(&'static str, Py<PyAny>)>> = Mutex::new(Vec::new());

/// The member of the Python enum `class` (in `lakse._generated`) for a core enum value.
pub fn py_enum<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &'static str,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => {
            return Err(to_py(
                py,
                &Error::internal(format!("{class} is not a string enum")),
            ));
        }
    };
    // The lock is never held while Python runs (that could wait for the GIL).
    let cached = ENUM_MEMBERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .find(|(name, _)| *name == class)
        .map(|(_, members)| members.clone_ref(py));
    let members = match cached {
        Some(members) => members.into_bound(py),
        None => {
            // By value without going through `EnumMeta.__call__` (slow).
            let members = generated(py)?
                .getattr(class)?
                .getattr(intern!(py, "_value2member_map_"))?;
            ENUM_MEMBERS
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push((class, members.clone().unbind()));
            members
        }
    };
    members.get_item(text)
}
