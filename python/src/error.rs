//! The one mapping from `lakse_core::Error` to Python, and the enum
//! conversions that need the Python half's classes.
//!
//! The exception classes (`lakse.LakseError` and one subclass per family)
//! are written by `python/generate.py` from `tests/vectors/errors.json`; this
//! module only hands every field of the error to `lakse._generated._error`,
//! which picks the class.

use lakse_core::Error;
use lakse_core::error::ErrorCode;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyModule, PyString};

static GENERATED: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// `lakse._generated`, imported once.
pub fn generated(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    GENERATED
        .get_or_try_init(py, || py.import("lakse._generated").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// The Python exception for `e`: an instance of the family's `LakseError` subclass.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exception = generated(py)?.getattr("_error")?.call1((
            e.code(),
            e.number(),
            e.family().as_str(),
            e.retryable(),
            e.field(),
            e.to_string(),
            e.message_id(),
        ))?;
        Ok(PyErr::from_value(exception))
    };
    build().unwrap_or_else(|failure| failure)
}

/// JSON from the Python half that does not parse (a bug there, reported as bad arguments).
pub fn bad_json(e: serde_json::Error) -> Error {
    Error::rule(
        ErrorCode::ApiInvalidArguments,
        "args",
        format!("not JSON: {e}"),
    )
}

/// A core enum from a Python enum member or its string value.
pub fn enum_arg<T: serde::de::DeserializeOwned>(
    value: &Bound<'_, PyAny>,
    field: &str,
) -> Result<T, Error> {
    let refuse = |why: String| Error::rule(ErrorCode::ApiInvalidArguments, field, why);
    let text = value
        .cast::<PyString>()
        .map_err(|_| refuse("not an enum member or string".to_owned()))?
        .to_str()
        .map_err(|_| refuse("not valid text".to_owned()))?;
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| refuse(format!("not the expected type: {e}")))
}

/// The member of the Python enum `class` (in `lakse._generated`) for a core enum value.
pub fn py_enum<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &str,
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
    generated(py)?.getattr(class)?.call1((text,))
}
