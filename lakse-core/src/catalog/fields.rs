//! Checking the extra-field values of an application against its service.

use super::{ExtraField, FieldKind, Service};
use crate::error::{Error, ErrorCode, RegionLevel, Result};
use crate::{nik, region};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

impl Service {
    /// Checks the extra-field values of an application (field id → value, as
    /// typed) on the application day `today`, and returns them normalised:
    /// text under the one-line rule of [`crate::text`] (NFC, trimmed), NIK
    /// and region codes as bare digits, dates as `YYYY-MM-DD`, counts without
    /// leading zeros. Empty optional fields are left out.
    ///
    /// Refusals name the field as `fields.<id>`: [`Error::Required`],
    /// [`Error::TooLong`], the NIK errors, or [`Error::Rule`] with the
    /// condition's code (`input.invalid_character`, `field.unknown` for a
    /// value the service has no field for, …).
    pub fn validate_fields(
        &self,
        values: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Result<BTreeMap<String, String>> {
        if let Some(unknown) = values
            .keys()
            .find(|k| !self.fields.iter().any(|f| f.id == **k))
        {
            return Err(Error::rule(
                ErrorCode::FieldUnknown,
                format!("fields.{unknown}"),
                format!("service {:?} has no such field", self.id),
            ));
        }
        let mut out = BTreeMap::new();
        let mut births = BTreeMap::new();
        // Dates may depend on a NIK's birth date, so they come second.
        let (dates, others): (Vec<&ExtraField>, Vec<&ExtraField>) = self
            .fields
            .iter()
            .partition(|f| matches!(f.rule, FieldKind::Date { .. }));
        for field in others.into_iter().chain(dates) {
            let name = format!("fields.{}", field.id);
            let value = values.get(&field.id).map_or("", |v| v.trim());
            if value.is_empty() {
                if field.required {
                    return Err(Error::required(name));
                }
                continue;
            }
            let normalised = match &field.rule {
                FieldKind::Text { max_len } => text(&name, value, *max_len)?,
                FieldKind::Nik { younger_than_years } => {
                    let info = nik::parse_as(&name, value, nik::Mode::Strict, today)?;
                    check_age(&name, info.birth_date, *younger_than_years, today)?;
                    births.insert(field.id.as_str(), info.birth_date);
                    value.chars().filter(char::is_ascii_digit).collect()
                }
                FieldKind::Region { levels } => region_code(&name, value, levels)?,
                FieldKind::Date {
                    not_future,
                    not_before_birth_of,
                } => {
                    let birth = not_before_birth_of
                        .as_deref()
                        .and_then(|nik_field| births.get(nik_field).map(|b| (nik_field, *b)));
                    date(&name, value, *not_future, birth, today)?
                }
                FieldKind::Count { min, max } => count(&name, value, *min, *max)?,
            };
            out.insert(field.id.clone(), normalised);
        }
        Ok(out)
    }
}

fn text(name: &str, value: &str, max_len: usize) -> Result<String> {
    crate::text::clean(name, value, crate::text::Rule::one_line(max_len))
}

fn check_age(name: &str, birth: NaiveDate, limit: Option<u32>, today: NaiveDate) -> Result<()> {
    let Some(age) = today.years_since(birth) else {
        // `nik::parse` already refused a birth date after `today`.
        return Err(Error::internal(format!("{name}: birth date after today")));
    };
    match limit {
        Some(limit) if age >= limit => Err(Error::rule(
            ErrorCode::FieldAgeLimit,
            name,
            format!("must be younger than {limit} years on the day of application"),
        )),
        _ => Ok(()),
    }
}

fn region_code(name: &str, value: &str, levels: &[RegionLevel]) -> Result<String> {
    // "21.71.01" (Kemendagri style) and "217101" are the same code.
    let code: String = value.chars().filter(|&c| c != '.').collect();
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::rule(
            ErrorCode::FieldInvalidRegion,
            name,
            "a region code holds only the digits 0-9",
        ));
    }
    let level = match code.len() {
        2 => Some(RegionLevel::Province),
        4 => Some(RegionLevel::Regency),
        6 => Some(RegionLevel::District),
        _ => None,
    };
    if !level.is_some_and(|l| levels.contains(&l)) {
        let wanted: Vec<String> = levels.iter().map(|l| l.to_string()).collect();
        return Err(Error::rule(
            ErrorCode::FieldInvalidRegion,
            name,
            format!("expected a {} code", wanted.join(" or ")),
        ));
    }
    match region::lookup(&code) {
        None => Err(Error::rule(
            ErrorCode::FieldUnknownRegion,
            name,
            format!("no region has the code {code}"),
        )),
        Some(r) if r.retired => Err(Error::rule(
            ErrorCode::FieldRetiredRegion,
            name,
            match r.successor {
                Some(successor) => format!("region code {code} is retired; now {successor}"),
                None => format!("region code {code} is retired"),
            },
        )),
        Some(_) => Ok(code),
    }
}

fn date(
    name: &str,
    value: &str,
    not_future: bool,
    birth: Option<(&str, NaiveDate)>,
    today: NaiveDate,
) -> Result<String> {
    let parsed = (value.len() == 10)
        .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            Error::rule(
                ErrorCode::FieldInvalidDate,
                name,
                "expected a date as YYYY-MM-DD",
            )
        })?;
    if not_future && parsed > today {
        return Err(Error::rule(
            ErrorCode::FieldDateInFuture,
            name,
            "must not be in the future",
        ));
    }
    // A NIK's two-digit year is read as the latest of this century and the
    // last that is not after today, but a death is recorded as of its own
    // date: a man born in 1920 who died in 2019 has a NIK whose year reads
    // 2020 today. So a birth date this century that falls after the date is
    // read a century earlier before the date is refused.
    let century = today.year().div_euclid(100) * 100;
    let lived_before = |born: NaiveDate| {
        parsed >= born
            || (born.year() >= century
                && born
                    .with_year(born.year() - 100)
                    .is_some_and(|earlier| parsed >= earlier))
    };
    if let Some((nik_field, _)) = birth.filter(|(_, born)| !lived_before(*born)) {
        return Err(Error::rule(
            ErrorCode::FieldDateBeforeBirth,
            name,
            format!("must not be before the birth date of fields.{nik_field}"),
        ));
    }
    Ok(parsed.format("%Y-%m-%d").to_string())
}

fn count(name: &str, value: &str, min: u32, max: u32) -> Result<String> {
    let range = || {
        Error::rule(
            ErrorCode::FieldOutOfRange,
            name,
            format!("expected a whole number from {min} to {max}"),
        )
    };
    if !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(range());
    }
    let n: u32 = value.parse().map_err(|_| range())?;
    if !(min..=max).contains(&n) {
        return Err(range());
    }
    Ok(n.to_string())
}
