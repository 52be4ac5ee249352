//! Reading a catalog file: parse (TOML or JSON) into the file's shape, then
//! check every rule and build the [`Catalog`]. Errors name the field path and,
//! where it can be found, its line.

use super::{
    Catalog, DocumentSlot, ExtraField, FieldKind, FileRule, FileType, MB, Office, Redirect,
    Service, Subtype,
};
use crate::error::{Error, Result};
use crate::text::{self, Rule};
use serde::Deserialize;
use std::collections::BTreeSet;

/// The file's shape. Sizes are in MB and file types are plain strings here, so
/// that an unknown type is reported as [`Error::CatalogFileType`] with its path.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    office: Office,
    pickup_places: Vec<String>,
    limits: RawLimits,
    profile_photo: RawRule,
    document_defaults: RawRule,
    services: Vec<RawService>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    application_max_mb: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    types: Vec<String>,
    max_mb: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    name: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default = "yes")]
    coupon: bool,
    #[serde(default)]
    keterangan_required: bool,
    #[serde(default)]
    counter_note: Option<String>,
    #[serde(default)]
    subtypes: Vec<Subtype>,
    #[serde(default)]
    documents: Vec<RawSlot>,
    #[serde(default)]
    fields: Vec<ExtraField>,
    #[serde(default)]
    redirect: Option<Redirect>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    id: String,
    name: String,
    required: bool,
    /// Absent: `document_defaults.types`.
    #[serde(default)]
    types: Option<Vec<String>>,
    /// Absent: `document_defaults.max_mb`.
    #[serde(default)]
    max_mb: Option<u64>,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    form_label: Option<String>,
}

/// Where a field path points in the source text, to report its line.
trait Locate {
    fn line_of(&self, path: &str) -> Option<usize>;
}

pub(super) fn from_toml(text: &str) -> Result<Catalog> {
    let source = TomlSource(text);
    let deserializer = toml::de::Deserializer::parse(text).map_err(|e| Error::CatalogSyntax {
        line: e.span().map(|s| line_at(text, s.start)),
        message: e.message().trim().to_owned(),
    })?;
    let raw: RawCatalog = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let line = inner.span().map(|s| line_at(text, s.start));
        shape_error(&path, inner.message(), line)
    })?;
    build(raw, &source)
}

pub(super) fn from_json(text: &str) -> Result<Catalog> {
    let syntax = |e: serde_json::Error| Error::CatalogSyntax {
        line: (e.line() > 0).then_some(e.line()),
        message: e.to_string(),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let raw: RawCatalog = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if !inner.is_data() {
            return syntax(inner);
        }
        // serde_json appends " at line L column C"; the line is reported apart.
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        shape_error(&path, message, (inner.line() > 0).then_some(inner.line()))
    })?;
    deserializer.end().map_err(syntax)?;
    build(raw, &JsonSource(text))
}

/// A serde error (missing or unknown field, wrong type) as [`Error::CatalogInvalid`].
fn shape_error(path: &str, message: &str, line: Option<usize>) -> Error {
    let path = if path == "." { "" } else { path };
    // serde reports a missing field at its parent; name the field itself.
    let field = match backticked(message, "missing field `") {
        Some(name) if path.is_empty() => name.to_owned(),
        Some(name) => format!("{path}.{name}"),
        None => path.to_owned(),
    };
    Error::CatalogInvalid {
        field,
        line,
        reason: message.to_owned(),
    }
}

fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// The 1-based line of byte `offset`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// One step of a field path: `services[2].documents[0]` → key, index, key, index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Step::Key(key));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

struct TomlSource<'a>(&'a str);

impl Locate for TomlSource<'_> {
    fn line_of(&self, path: &str) -> Option<usize> {
        let root = toml::de::DeTable::parse(self.0).ok()?;
        let mut span = root.span();
        let mut value = toml::de::DeValue::Table(root.into_inner());
        for step in steps(path) {
            let next = match step {
                Step::Key(k) => value.get(k)?,
                Step::Index(i) => value.get(i)?,
            };
            span = next.span();
            value = next.get_ref().clone();
        }
        Some(line_at(self.0, span.start))
    }
}

struct JsonSource<'a>(&'a str);

impl Locate for JsonSource<'_> {
    /// serde_json keeps no positions in its values, but every error it raises
    /// carries the line it stopped at: walk to the path and stop there.
    fn line_of(&self, path: &str) -> Option<usize> {
        use serde::de::DeserializeSeed;
        let steps = steps(path);
        let mut deserializer = serde_json::Deserializer::from_str(self.0);
        match (Seek { steps: &steps }).deserialize(&mut deserializer) {
            Err(e) if e.to_string().starts_with(FOUND) => Some(e.line()),
            _ => None,
        }
    }
}

const FOUND: &str = "lakse: found";

/// Walks a JSON document along `steps`, ignoring everything else, and fails
/// with [`FOUND`] on reaching the end of the path.
struct Seek<'s, 'p> {
    steps: &'s [Step<'p>],
}

impl<'de> serde::de::DeserializeSeed<'de> for Seek<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.steps.is_empty() {
            return Err(serde::de::Error::custom(FOUND));
        }
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Seek<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a table or an array")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match self.steps.first() {
                Some(Step::Key(k)) if *k == key => {
                    let rest = &self.steps[1..];
                    if rest.is_empty() {
                        // Stop on the key itself: its line is the field's.
                        return Err(serde::de::Error::custom(FOUND));
                    }
                    return map.next_value_seed(Seek { steps: rest });
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let found = match self.steps.first() {
                Some(Step::Index(i)) if *i == index => seq.next_element_seed(Seek {
                    steps: &self.steps[1..],
                })?,
                _ => seq.next_element::<serde::de::IgnoredAny>()?.map(|_| ()),
            };
            if found.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

/// The rule for every catalog text (names, notes, labels, messages): the
/// office writes them, the coupon and e-mails print them. No length limit
/// beyond the file's own.
const CATALOG_TEXT: Rule = Rule::one_line(usize::MAX).printed();

/// Collects the rule checks of one file, with the source to find lines in.
struct Checker<'a> {
    source: &'a dyn Locate,
}

impl Checker<'_> {
    fn invalid(&self, field: String, reason: impl Into<String>) -> Error {
        Error::CatalogInvalid {
            line: self.source.line_of(&field),
            field,
            reason: reason.into(),
        }
    }

    /// A text people are shown: stored trimmed (a label copied with a stray
    /// space must not print or compare with it), not empty, printable.
    fn text(&self, field: String, value: &str) -> Result<String> {
        let value = value.trim();
        if value.is_empty() {
            return Err(self.invalid(field, "must not be empty"));
        }
        // Catalog texts reach the coupon and e-mails: one line, no invisible
        // characters, nothing the coupon's font cannot print.
        text::clean(&field, value, CATALOG_TEXT).map_err(|e| self.invalid(field, e.to_string()))
    }

    fn optional_text(&self, field: String, value: Option<String>) -> Result<Option<String>> {
        value.map(|v| self.text(field, &v)).transpose()
    }

    fn texts(&self, path: &str, values: &[String]) -> Result<Vec<String>> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.text(format!("{path}[{i}]"), v))
            .collect()
    }

    /// Ids are machine codes (storage, URLs, error field names): keep them plain.
    fn id(&self, field: String, value: &str) -> Result<String> {
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
        if value.is_empty() || !value.chars().all(plain) {
            return Err(self.invalid(
                field,
                "an id is lowercase letters a-z, digits, '_' or '-', not empty",
            ));
        }
        Ok(value.to_owned())
    }

    fn unique(&self, seen: &mut BTreeSet<String>, field: String, id: &str) -> Result<()> {
        if seen.insert(id.to_owned()) {
            Ok(())
        } else {
            Err(self.invalid(field, format!("duplicate id {id:?}")))
        }
    }

    fn rule(&self, path: &str, raw: &RawRule, largest_mb: Option<u64>) -> Result<FileRule> {
        Ok(FileRule {
            types: self.types(&format!("{path}.types"), &raw.types)?,
            max_bytes: self.size(format!("{path}.max_mb"), raw.max_mb, largest_mb)?,
        })
    }

    fn types(&self, path: &str, raw: &[String]) -> Result<Vec<FileType>> {
        if raw.is_empty() {
            return Err(self.invalid(path.to_owned(), "at least one file type is needed"));
        }
        let mut types = Vec::with_capacity(raw.len());
        for (i, value) in raw.iter().enumerate() {
            let field = format!("{path}[{i}]");
            let Some(t) = FileType::from_code(value) else {
                return Err(Error::CatalogFileType {
                    line: self.source.line_of(&field),
                    field,
                    value: value.clone(),
                });
            };
            if types.contains(&t) {
                return Err(self.invalid(field, format!("file type {value:?} listed twice")));
            }
            types.push(t);
        }
        Ok(types)
    }

    fn size(&self, field: String, mb: u64, largest_mb: Option<u64>) -> Result<u64> {
        if mb == 0 {
            return Err(self.invalid(field, "a size limit must be more than 0 MB"));
        }
        if let Some(largest) = largest_mb.filter(|&l| mb > l) {
            return Err(self.invalid(
                field,
                format!("{mb} MB is more than the whole application may hold ({largest} MB)"),
            ));
        }
        mb.checked_mul(MB)
            .ok_or_else(|| self.invalid(field, "size limit too large"))
    }
}

fn build(raw: RawCatalog, source: &dyn Locate) -> Result<Catalog> {
    let c = Checker { source };
    let office = Office {
        name: c.text("office.name".into(), &raw.office.name)?,
        city: c.text("office.city".into(), &raw.office.city)?,
    };
    if raw.pickup_places.is_empty() {
        return Err(c.invalid(
            "pickup_places".into(),
            "at least one pickup place is needed",
        ));
    }
    let pickup_places = c.texts("pickup_places", &raw.pickup_places)?;
    let largest = raw.limits.application_max_mb;
    let application_max_bytes = c.size("limits.application_max_mb".into(), largest, None)?;
    let profile_photo = c.rule("profile_photo", &raw.profile_photo, None)?;
    let defaults = c.rule("document_defaults", &raw.document_defaults, Some(largest))?;
    if raw.services.is_empty() {
        return Err(c.invalid("services".into(), "at least one service is needed"));
    }
    let mut ids = BTreeSet::new();
    let mut services = Vec::with_capacity(raw.services.len());
    for (i, service) in raw.services.into_iter().enumerate() {
        let path = format!("services[{i}]");
        c.unique(&mut ids, format!("{path}.id"), &service.id)?;
        services.push(build_service(&c, &path, service, &defaults, largest)?);
    }
    Ok(Catalog {
        office,
        profile_photo,
        application_max_bytes,
        pickup_places,
        services,
    })
}

fn build_service(
    c: &Checker<'_>,
    path: &str,
    raw: RawService,
    defaults: &FileRule,
    largest_mb: u64,
) -> Result<Service> {
    let id = c.id(format!("{path}.id"), &raw.id)?;
    let name = c.text(format!("{path}.name"), &raw.name)?;
    let counter_note = c.optional_text(format!("{path}.counter_note"), raw.counter_note)?;

    let mut subtype_ids = BTreeSet::new();
    let mut subtypes = Vec::with_capacity(raw.subtypes.len());
    for (i, s) in raw.subtypes.iter().enumerate() {
        let field = format!("{path}.subtypes[{i}]");
        let id = c.id(format!("{field}.id"), &s.id)?;
        c.unique(&mut subtype_ids, format!("{field}.id"), &id)?;
        let name = c.text(format!("{field}.name"), &s.name)?;
        subtypes.push(Subtype { id, name });
    }

    let mut slot_ids = BTreeSet::new();
    let mut documents = Vec::with_capacity(raw.documents.len());
    for (i, slot) in raw.documents.into_iter().enumerate() {
        let field = format!("{path}.documents[{i}]");
        let id = c.id(format!("{field}.id"), &slot.id)?;
        c.unique(&mut slot_ids, format!("{field}.id"), &id)?;
        for (w, sub) in slot.when.iter().enumerate() {
            if !subtype_ids.contains(sub) {
                return Err(c.invalid(
                    format!("{field}.when[{w}]"),
                    format!("service {:?} has no sub-type {sub:?}", raw.id),
                ));
            }
        }
        let types = match &slot.types {
            Some(types) => c.types(&format!("{field}.types"), types)?,
            None => defaults.types.clone(),
        };
        let max_bytes = match slot.max_mb {
            Some(mb) => c.size(format!("{field}.max_mb"), mb, Some(largest_mb))?,
            None => defaults.max_bytes,
        };
        documents.push(DocumentSlot {
            id,
            name: c.text(format!("{field}.name"), &slot.name)?,
            required: slot.required,
            rule: FileRule { types, max_bytes },
            when: slot.when,
            note: c.optional_text(format!("{field}.note"), slot.note)?,
            form_label: c.optional_text(format!("{field}.form_label"), slot.form_label)?,
        });
    }

    let fields = check_fields(c, path, raw.fields)?;

    let redirect = match raw.redirect {
        Some(redirect) => {
            let field = format!("{path}.redirect");
            let redirect = Redirect {
                message: c.text(format!("{field}.message"), &redirect.message)?,
                app: c.text(format!("{field}.app"), &redirect.app)?,
                stores: c.texts(&format!("{field}.stores"), &redirect.stores)?,
                locations: c.texts(&format!("{field}.locations"), &redirect.locations)?,
            };
            if !documents.is_empty() || !fields.is_empty() {
                return Err(c.invalid(
                    field,
                    "a redirected service is not applied for here: it has no documents or fields",
                ));
            }
            Some(redirect)
        }
        None if documents.is_empty() && fields.is_empty() => {
            return Err(c.invalid(
                format!("{path}.documents"),
                "a service asks for at least one document or field (or has a redirect)",
            ));
        }
        None => None,
    };

    Ok(Service {
        id,
        name,
        enabled: raw.enabled,
        coupon: raw.coupon,
        keterangan_required: raw.keterangan_required,
        counter_note,
        subtypes,
        documents,
        fields,
        redirect,
    })
}

/// Oldest age limit that makes sense for a NIK field.
const MAX_AGE_LIMIT: u32 = 130;

fn check_fields(c: &Checker<'_>, path: &str, raw: Vec<ExtraField>) -> Result<Vec<ExtraField>> {
    let mut ids = BTreeSet::new();
    let mut checked = Vec::with_capacity(raw.len());
    for (i, f) in raw.iter().enumerate() {
        let field = format!("{path}.fields[{i}]");
        c.id(format!("{field}.id"), &f.id)?;
        c.unique(&mut ids, format!("{field}.id"), &f.id)?;
        checked.push(ExtraField {
            label: c.text(format!("{field}.label"), &f.label)?,
            note: c.optional_text(format!("{field}.note"), f.note.clone())?,
            ..f.clone()
        });
        let rule = format!("{field}.rule");
        match &f.rule {
            FieldKind::Text { max_len } if *max_len == 0 => {
                return Err(c.invalid(format!("{rule}.max_len"), "must be more than 0"));
            }
            FieldKind::Nik {
                younger_than_years: Some(years),
            } if !(1..=MAX_AGE_LIMIT).contains(years) => {
                return Err(c.invalid(
                    format!("{rule}.younger_than_years"),
                    format!("an age limit is 1 to {MAX_AGE_LIMIT} years"),
                ));
            }
            FieldKind::Region { levels } if levels.is_empty() => {
                return Err(c.invalid(format!("{rule}.levels"), "at least one level is needed"));
            }
            FieldKind::Date {
                not_before_birth_of: Some(nik),
                ..
            } if !raw
                .iter()
                .any(|g| g.id == *nik && matches!(g.rule, FieldKind::Nik { .. })) =>
            {
                return Err(c.invalid(
                    format!("{rule}.not_before_birth_of"),
                    format!("no NIK field {nik:?} in this service"),
                ));
            }
            FieldKind::Count { min, max } if min > max || *max == 0 => {
                return Err(c.invalid(
                    format!("{rule}.max"),
                    "max must be at least min and more than 0",
                ));
            }
            _ => {}
        }
    }
    Ok(checked)
}
