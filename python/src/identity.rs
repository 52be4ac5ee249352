//! `parse_nik`, `parse_niks` and `parse_kk`, called directly (not through
//! JSON), with the records they return.
//!
//! A record keeps what `lakse_core` parsed and builds the flat record
//! (`lakse_core::nik::NikRecord`, the contract's shape) the first time a field
//! is read, so a batch of a hundred thousand NIKs costs one small object per
//! item. Strict mode and "today in WIB" as the default are
//! `lakse_core::api::parse_nik`'s; these functions only skip its JSON.

use std::sync::OnceLock;

use chrono::NaiveDate;
use lakse_core::error::ErrorCode;
use lakse_core::kk::{self, KkInfo};
use lakse_core::nik::{self, Mode, NikInfo};
use lakse_core::{Error, api, clock};
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyString};

use crate::error::{py_enum, to_py};

/// `repr` of a record: `Name(field=repr, …, ...)`, with `hide` shown through
/// `masked`. `fields` is the core's `PRINTED` (no district, date or
/// successor: with the serial they would give back the digits the mask
/// hides), so the `...` says fields were left out.
fn record_repr(
    slf: &Bound<'_, PyAny>,
    name: &str,
    fields: &[&str],
    hide: &str,
) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len() + 1);
    for &field in fields {
        let shown = if field == hide { "masked" } else { field };
        let value = slf.getattr(shown)?.repr()?;
        parts.push(format!("{field}={value}"));
    }
    parts.push("...".to_owned());
    Ok(format!("{name}({})", parts.join(", ")))
}

/// `today` as given, or today in WIB.
fn day(today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(clock::today_wib)
}

/// A parsed NIK: what `parse_nik` returns. `repr` shows the NIK masked and
/// leaves out the fields that would give it back.
#[pyclass(frozen, module = "lakse", name = "NikRecord")]
pub struct NikRecord {
    info: NikInfo,
    // Boxed: most records of a batch are never read, and a small object is
    // cheaper to allocate and clear.
    flat: OnceLock<Box<nik::NikRecord>>,
}

impl NikRecord {
    fn new(info: NikInfo) -> Self {
        NikRecord {
            info,
            flat: OnceLock::new(),
        }
    }

    fn flat(&self) -> &nik::NikRecord {
        self.flat
            .get_or_init(|| Box::new(nik::NikRecord::from(&self.info)))
    }
}

#[pymethods]
impl NikRecord {
    /// The 16 digits (masked in `repr`).
    #[getter]
    fn nik(&self) -> &str {
        self.flat().nik.expose()
    }
    /// The display form, `2171xxxxxxxx0001`.
    #[getter]
    fn masked(&self) -> &str {
        &self.flat().masked
    }
    /// Birth date.
    #[getter]
    fn birth_date(&self) -> NaiveDate {
        self.flat().birth_date
    }
    /// Sex.
    #[getter]
    fn sex<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "Sex", &self.flat().sex)
    }
    /// Digits 13–16, 1–9999.
    #[getter]
    fn serial(&self) -> u16 {
        self.flat().serial
    }
    /// Province code (2 digits).
    #[getter]
    fn province_code(&self) -> &str {
        &self.flat().province_code
    }
    /// Province name, when the code is known.
    #[getter]
    fn province_name(&self) -> Option<&str> {
        self.flat().province_name.as_deref()
    }
    /// Regency code (4 digits).
    #[getter]
    fn regency_code(&self) -> &str {
        &self.flat().regency_code
    }
    /// Regency name, when the code is known.
    #[getter]
    fn regency_name(&self) -> Option<&str> {
        self.flat().regency_name.as_deref()
    }
    /// District code (6 digits).
    #[getter]
    fn district_code(&self) -> &str {
        &self.flat().district_code
    }
    /// District name, when the code is known.
    #[getter]
    fn district_name(&self) -> Option<&str> {
        self.flat().district_name.as_deref()
    }
    /// True when the region code was retired after a split (the NIK stays valid).
    #[getter]
    fn retired(&self) -> bool {
        self.flat().retired
    }
    /// The code of the region that took over a retired one.
    #[getter]
    fn successor_code(&self) -> Option<&str> {
        self.flat().successor_code.as_deref()
    }
    /// The name of the region that took over a retired one.
    #[getter]
    fn successor_name(&self) -> Option<&str> {
        self.flat().successor_name.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        record_repr(slf.as_any(), "NikRecord", nik::NikRecord::PRINTED, "nik")
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<NikRecord>()
            .is_ok_and(|o| o.get().info == self.info)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.info.nik.hash(&mut h);
        h.finish()
    }
}

/// A parsed No KK: what `parse_kk` returns. `repr` shows the number masked
/// and leaves out the fields that would give it back.
#[pyclass(frozen, module = "lakse", name = "KkRecord")]
pub struct KkRecord {
    info: KkInfo,
    flat: OnceLock<kk::KkRecord>,
}

impl KkRecord {
    fn flat(&self) -> &kk::KkRecord {
        self.flat.get_or_init(|| kk::KkRecord::from(&self.info))
    }
}

#[pymethods]
impl KkRecord {
    /// The 16 digits (masked in `repr`).
    #[getter]
    fn no_kk(&self) -> &str {
        self.flat().no_kk.expose()
    }
    /// The display form, `2171xxxxxxxx0001`.
    #[getter]
    fn masked(&self) -> &str {
        &self.flat().masked
    }
    /// Issue date.
    #[getter]
    fn issue_date(&self) -> NaiveDate {
        self.flat().issue_date
    }
    /// Digits 13–16, 1–9999.
    #[getter]
    fn serial(&self) -> u16 {
        self.flat().serial
    }
    /// Province code (2 digits).
    #[getter]
    fn province_code(&self) -> &str {
        &self.flat().province_code
    }
    /// Province name, when the code is known.
    #[getter]
    fn province_name(&self) -> Option<&str> {
        self.flat().province_name.as_deref()
    }
    /// Regency code (4 digits).
    #[getter]
    fn regency_code(&self) -> &str {
        &self.flat().regency_code
    }
    /// Regency name, when the code is known.
    #[getter]
    fn regency_name(&self) -> Option<&str> {
        self.flat().regency_name.as_deref()
    }
    /// District code (6 digits).
    #[getter]
    fn district_code(&self) -> &str {
        &self.flat().district_code
    }
    /// District name, when the code is known.
    #[getter]
    fn district_name(&self) -> Option<&str> {
        self.flat().district_name.as_deref()
    }
    /// True when the region code was retired after a split (the number stays valid).
    #[getter]
    fn retired(&self) -> bool {
        self.flat().retired
    }
    /// The code of the region that took over a retired one.
    #[getter]
    fn successor_code(&self) -> Option<&str> {
        self.flat().successor_code.as_deref()
    }
    /// The name of the region that took over a retired one.
    #[getter]
    fn successor_name(&self) -> Option<&str> {
        self.flat().successor_name.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        record_repr(slf.as_any(), "KkRecord", kk::KkRecord::PRINTED, "no_kk")
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<KkRecord>()
            .is_ok_and(|o| o.get().info == self.info)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.info.no_kk.hash(&mut h);
        h.finish()
    }
}

/// Why one item of `parse_niks` was refused: the fields of a `LakseError`,
/// as a value (nothing is raised).
#[pyclass(frozen, module = "lakse", name = "ErrorInfo")]
pub struct ErrorInfo {
    error: Error,
}

#[pymethods]
impl ErrorInfo {
    /// The stable code, e.g. `nik.invalid_date`.
    #[getter]
    fn code(&self) -> &'static str {
        self.error.code()
    }
    /// The stable number, e.g. 1004.
    #[getter]
    fn number(&self) -> u16 {
        self.error.number()
    }
    /// The family.
    #[getter]
    fn family<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_enum(py, "Family", &self.error.family())
    }
    /// Whether the same call can succeed later.
    #[getter]
    fn retryable(&self) -> bool {
        self.error.retryable()
    }
    /// The field concerned, if any.
    #[getter]
    fn field(&self) -> Option<&str> {
        self.error.field()
    }
    /// The developer's message, in English.
    #[getter]
    fn message(&self) -> String {
        self.error.to_string()
    }
    /// The applicant's or officer's message, in Indonesian.
    #[getter]
    fn message_id(&self) -> &'static str {
        self.error.message_id()
    }

    /// The same error as an exception, to raise.
    fn to_exception(&self, py: Python<'_>) -> Py<PyAny> {
        to_py(py, &self.error).into_value(py).into_any()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = |s: &str| PyString::new(py, s).repr().map(|r| r.to_string());
        let field = match self.error.field() {
            Some(field) => text(field)?,
            None => "None".to_owned(),
        };
        Ok(format!(
            "ErrorInfo(code={}, field={field}, message={})",
            text(self.error.code())?,
            text(&self.error.to_string())?,
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<ErrorInfo>()
            .is_ok_and(|o| o.get().error == self.error)
    }
}

/// One item of `parse_niks`: `ok` is the record when the NIK is valid,
/// `error` says why it is not otherwise.
#[pyclass(frozen, module = "lakse", name = "NikOutcome")]
pub struct NikOutcome {
    result: Result<NikInfo, Error>,
}

#[pymethods]
impl NikOutcome {
    /// The parsed NIK, when valid.
    #[getter]
    fn ok(&self) -> Option<NikRecord> {
        self.result
            .as_ref()
            .ok()
            .map(|info| NikRecord::new(info.clone()))
    }
    /// Why it is not, otherwise.
    #[getter]
    fn error(&self) -> Option<ErrorInfo> {
        self.result.as_ref().err().map(|error| ErrorInfo {
            error: error.clone(),
        })
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let field = if slf.get().result.is_ok() {
            "ok"
        } else {
            "error"
        };
        Ok(format!(
            "NikOutcome({field}={})",
            slf.getattr(field)?.repr()?
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<NikOutcome>()
            .is_ok_and(|o| o.get().result == self.result)
    }
}

/// What `parse_niks` returns: a read-only sequence of `NikOutcome`, one per
/// input, in order. It holds what lakse-core parsed; each `NikOutcome` (and
/// its record) is made when it is read, so a batch costs one Python object.
#[pyclass(frozen, sequence, module = "lakse", name = "NikOutcomes")]
pub struct NikOutcomes {
    items: Vec<Result<NikInfo, Error>>,
}

impl NikOutcomes {
    fn item(&self, at: usize) -> NikOutcome {
        NikOutcome {
            result: self.items[at].clone(),
        }
    }
}

#[pymethods]
impl NikOutcomes {
    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let len = self.items.len();
        if let Ok(slice) = index.cast::<PySlice>() {
            let range = slice.indices(isize::try_from(len).unwrap_or(isize::MAX))?;
            let mut out = Vec::with_capacity(range.slicelength);
            let mut at = range.start;
            for _ in 0..range.slicelength {
                out.push(self.item(usize::try_from(at).unwrap_or(0)));
                at += range.step;
            }
            return Ok(PyList::new(py, out)?.into_any());
        }
        let at: isize = index.extract()?;
        let at = if at < 0 {
            at + isize::try_from(len).unwrap_or(isize::MAX)
        } else {
            at
        };
        match usize::try_from(at) {
            Ok(at) if at < len => Ok(Bound::new(py, self.item(at))?.into_any()),
            _ => Err(PyIndexError::new_err("NikOutcomes index out of range")),
        }
    }

    fn __repr__(&self) -> String {
        let valid = self.items.iter().filter(|r| r.is_ok()).count();
        format!(
            "NikOutcomes({} items: {valid} valid, {} invalid)",
            self.items.len(),
            self.items.len() - valid
        )
    }
}

/// Parses and checks a NIK (strict: the region must be known); `today`
/// defaults to today in WIB. Raises `InvalidInputError` for a bad NIK.
#[pyfunction]
#[pyo3(signature = (text, today=None))]
pub fn parse_nik(py: Python<'_>, text: &str, today: Option<NaiveDate>) -> PyResult<NikRecord> {
    lakse_core::error::guard(|| api::check_nik(text, today))
        .map(NikRecord::new)
        .map_err(|e| to_py(py, &e))
}

/// Parses and checks a No KK (strict); `today` defaults to today in WIB.
#[pyfunction]
#[pyo3(signature = (text, today=None))]
pub fn parse_kk(py: Python<'_>, text: &str, today: Option<NaiveDate>) -> PyResult<KkRecord> {
    let today = day(today);
    lakse_core::error::guard(|| kk::parse(text, Mode::Strict, today))
        .map(|info| KkRecord {
            info,
            flat: OnceLock::new(),
        })
        .map_err(|e| to_py(py, &e))
}

/// Parses many NIKs: one `NikOutcome` per item, in order, never raising for
/// a bad item (an item that is not a string gets `api.invalid_arguments`).
#[pyfunction]
#[pyo3(signature = (texts, today=None))]
pub fn parse_niks<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    today: Option<NaiveDate>,
) -> PyResult<NikOutcomes> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "parse_niks takes a list of strings, not one string",
        ));
    }
    let today = day(today);
    // The items stay referenced here while the GIL is released.
    let items: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
    let texts: Vec<Option<&str>> = items
        .iter()
        .map(|item| item.cast::<PyString>().ok().and_then(|s| s.to_str().ok()))
        .collect();
    let parsed: Vec<Result<NikInfo, Error>> = py.detach(|| {
        texts
            .iter()
            .map(|text| match text {
                Some(text) => lakse_core::error::guard(|| api::check_nik(text, Some(today))),
                None => Err(Error::rule(
                    ErrorCode::ApiInvalidArguments,
                    "texts",
                    "not a string",
                )),
            })
            .collect()
    });
    Ok(NikOutcomes { items: parsed })
}
