//! The `Lakse` handle: opened from `OpenOptions` JSON, every operation run
//! through `lakse_core::api::call` with the GIL released.
//!
//! `Lakse` is `Send + Sync`, so one handle serves every Python thread: each
//! call releases the GIL for its whole length (JSON decoding, database,
//! files, PDF, password hashing, SMTP, JSON encoding), and the core does its
//! own locking.

use lakse_core::{Error, Lakse, OpenOptions, api};
use pyo3::prelude::*;
use serde_json::Value;

use crate::error::{bad_json, to_py};

/// An open data folder (the private half of `lakse.Lakse`).
#[pyclass(frozen, module = "lakse._lakse")]
pub struct Handle {
    lakse: Lakse,
}

#[pymethods]
impl Handle {
    /// Opens a handle from `OpenOptions` as JSON.
    #[staticmethod]
    fn open(py: Python<'_>, options: String) -> PyResult<Handle> {
        py.detach(|| {
            lakse_core::error::guard(|| {
                let options: OpenOptions =
                    api::decode("options", serde_json::from_str(&options).map_err(bad_json)?)?;
                Lakse::open_with_options(&options)
            })
        })
        .map(|lakse| Handle { lakse })
        .map_err(|e| to_py(py, &e))
    }

    /// Runs the handle operation `op` with JSON arguments; returns its JSON result.
    fn call(&self, py: Python<'_>, op: String, args: String) -> PyResult<String> {
        py.detach(|| {
            let args: Value = serde_json::from_str(&args).map_err(bad_json)?;
            let out = api::call(&self.lakse, &op, &args)?;
            serde_json::to_string(&out).map_err(Error::internal)
        })
        .map_err(|e| to_py(py, &e))
    }
}
