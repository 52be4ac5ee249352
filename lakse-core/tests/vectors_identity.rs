//! Runs the shared identity vectors (`tests/vectors/nik.json`, `kk.json`)
//! that every binding runs too.

use chrono::NaiveDate;
use lakse_core::nik::Mode;
use lakse_core::{Region, RegionPart, kk, nik};
use serde_json::{Value, json};

fn load(name: &str) -> (NaiveDate, Vec<Value>) {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let today = doc["today"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("today");
    let cases = doc["cases"].as_array().expect("cases").clone();
    (today, cases)
}

fn mode(case: &Value) -> Mode {
    match case["mode"].as_str() {
        Some("strict") => Mode::Strict,
        Some("lenient") => Mode::Lenient,
        other => panic!("bad mode {other:?}"),
    }
}

/// The parts NIK and No KK share, in the vectors' shape.
struct Common<'a> {
    province: &'a RegionPart,
    regency: &'a RegionPart,
    district: &'a RegionPart,
    serial: u16,
    masked: String,
    retired: bool,
    successor: Option<&'static Region>,
}

impl Common<'_> {
    fn json(&self) -> Value {
        json!({
            "province": self.province.code(),
            "regency": self.regency.code(),
            "district": self.district.code(),
            "serial": self.serial,
            "masked": self.masked,
            "retired": self.retired,
            "successor": self.successor.map(|r| r.code),
            "district_name": self.district.name(),
        })
    }
}

fn run<T>(
    name: &str,
    min_cases: usize,
    parse: impl Fn(&str, Mode, NaiveDate) -> lakse_core::Result<T>,
    to_json: impl Fn(&T) -> Value,
) {
    let (today, cases) = load(name);
    assert!(
        cases.len() >= min_cases,
        "{name}: only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["input"].as_str().expect("input");
        let got = match parse(input, mode(case), today) {
            Ok(info) => json!({ "ok": to_json(&info) }),
            Err(e) => json!({ "error": { "code": e.code(), "field": e.field() } }),
        };
        let want = match (case.get("ok"), case.get("error")) {
            (Some(ok), None) => json!({ "ok": ok }),
            (None, Some(err)) => json!({ "error": err }),
            _ => panic!("{name}: case needs exactly one of ok/error: {case}"),
        };
        if got != want {
            failures.push(format!(
                "{input:?} ({}): want {want}, got {got}",
                case["note"]
            ));
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn nik_vectors() {
    run("nik.json", 60, nik::parse, |i| {
        let mut v = Common {
            province: &i.province,
            regency: &i.regency,
            district: &i.district,
            serial: i.serial,
            masked: i.nik.mask(),
            retired: i.is_retired(),
            successor: i.successor(),
        }
        .json();
        v["birth_date"] = json!(i.birth_date.to_string());
        v["sex"] = json!(i.sex.code());
        v
    });
}

#[test]
fn kk_vectors() {
    run("kk.json", 20, kk::parse, |i| {
        let mut v = Common {
            province: &i.province,
            regency: &i.regency,
            district: &i.district,
            serial: i.serial,
            masked: i.no_kk.mask(),
            retired: i.is_retired(),
            successor: i.successor(),
        }
        .json();
        v["issue_date"] = json!(i.issue_date.to_string());
        v
    });
}
