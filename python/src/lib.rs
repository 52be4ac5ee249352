//! `lakse._lakse`: the native half of the `lakse` Python package.
//!
//! A boring binding: it converts types and errors and calls `lakse-core`;
//! every rule stays there. Handle operations go through
//! [`lakse_core::api::call`] with JSON, the GIL released for the whole call
//! (database, files, PDF, hashing, SMTP); the Python half
//! (`lakse/_generated.py`, written from `tests/vectors/api.json`) turns that
//! JSON into dataclasses and enums. The NIK and No KK parsers are called
//! directly and return records that convert their fields only when read:
//! spreadsheets call them a hundred thousand times.

use pyo3::prelude::*;

mod error;
mod handle;
mod identity;

use lakse_core::api;
use lakse_core::error::guard;
use serde_json::Value;

/// Runs the pure operation `op` of `lakse_core::api` with JSON arguments,
/// returning its JSON result (the Python half decodes it).
#[pyfunction]
fn call_pure(py: Python<'_>, op: String, args: String) -> PyResult<String> {
    py.detach(|| {
        let args: Value = serde_json::from_str(&args).map_err(error::bad_json)?;
        let out = api::call_pure(&op, &args)?;
        serde_json::to_string(&out).map_err(lakse_core::Error::internal)
    })
    .map_err(|e| error::to_py(py, &e))
}

/// An Indonesian phone number in +62 form.
#[pyfunction]
fn normalize_phone(py: Python<'_>, text: &str) -> PyResult<String> {
    guard(|| lakse_core::phone::normalize(text)).map_err(|e| error::to_py(py, &e))
}

/// A NIK's display form (`2171xxxxxxxx0001`), after checking its shape.
#[pyfunction]
fn mask_nik(py: Python<'_>, text: &str) -> PyResult<String> {
    guard(|| api::mask_nik(text)).map_err(|e| error::to_py(py, &e))
}

/// The status after `actor` takes `action` on an application in `status`.
#[pyfunction]
fn next_status<'py>(
    py: Python<'py>,
    status: &Bound<'py, PyAny>,
    action: &Bound<'py, PyAny>,
    actor: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let to_py = |e: lakse_core::Error| error::to_py(py, &e);
    let status = error::enum_arg(status, "status").map_err(to_py)?;
    let action = error::enum_arg(action, "action").map_err(to_py)?;
    let actor = error::enum_arg(actor, "actor").map_err(to_py)?;
    let next = guard(|| lakse_core::application::next(status, action, actor)).map_err(to_py)?;
    error::py_enum(py, "Status", &next)
}

/// A NIK or No KK as shown in a `repr` (`2171xxxxxxxx0001`).
#[pyfunction]
fn mask_id(py: Python<'_>, text: &str) -> PyResult<String> {
    shown(py, || lakse_core::sensitive::IdNumber::new(text).masked())
}

/// An e-mail address as shown in a `repr` (`d***a@example.com`).
#[pyfunction]
fn mask_email(py: Python<'_>, text: &str) -> PyResult<String> {
    shown(py, || {
        lakse_core::sensitive::EmailAddress::new(text).masked()
    })
}

/// Free text as shown in a `repr`: NIK-like numbers and e-mail addresses
/// masked (`lakse_core::sensitive::mask_free_text`).
#[pyfunction]
fn mask_text(py: Python<'_>, text: &str) -> PyResult<String> {
    shown(py, || lakse_core::sensitive::mask_free_text(text))
}

/// One entry of an outbox message's template data as shown in a `repr`.
#[pyfunction]
fn mask_data(py: Python<'_>, key: &str, value: &str) -> PyResult<String> {
    shown(py, || lakse_core::outbox::mask_data(key, value))
}

/// A masked form for a `repr`; a panic is `LakseError` (`internal`), as
/// everywhere, not PyO3's `PanicException`.
fn shown(py: Python<'_>, mask: impl FnOnce() -> String) -> PyResult<String> {
    guard(|| Ok(mask())).map_err(|e| error::to_py(py, &e))
}

#[pymodule]
fn _lakse(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<handle::Handle>()?;
    m.add_class::<identity::NikRecord>()?;
    m.add_class::<identity::KkRecord>()?;
    m.add_class::<identity::ErrorInfo>()?;
    m.add_class::<identity::NikOutcome>()?;
    m.add_class::<identity::NikOutcomes>()?;
    m.add_function(wrap_pyfunction!(identity::parse_nik, m)?)?;
    m.add_function(wrap_pyfunction!(identity::parse_niks, m)?)?;
    m.add_function(wrap_pyfunction!(identity::parse_kk, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(mask_nik, m)?)?;
    m.add_function(wrap_pyfunction!(next_status, m)?)?;
    m.add_function(wrap_pyfunction!(call_pure, m)?)?;
    m.add_function(wrap_pyfunction!(mask_id, m)?)?;
    m.add_function(wrap_pyfunction!(mask_email, m)?)?;
    m.add_function(wrap_pyfunction!(mask_text, m)?)?;
    m.add_function(wrap_pyfunction!(mask_data, m)?)?;
    Ok(())
}
