//! Runs every shared journey of `tests/journeys/` (format in its README)
//! through `lakse_core::api`, the same JSON every binding's runner uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use lakse_core::api::{self, Receiver};
use lakse_core::{Lakse, OpenOptions};
use serde_json::{Map, Value, json};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Replaces `${var}` and `{"$fixture": name}` in `value`.
fn substitute(value: &Value, vars: &BTreeMap<String, Value>) -> Value {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}'))
                && let Some(v) = vars.get(name)
            {
                return v.clone();
            }
            let mut out = s.clone();
            for (name, v) in vars {
                let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                out = out.replace(&format!("${{{name}}}"), &text);
            }
            Value::String(out)
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$fixture") => {
            let name = o["$fixture"].as_str().expect("fixture name");
            let bytes = std::fs::read(repo().join("tests/fixtures").join(name)).expect("fixture");
            Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), substitute(v, vars)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| substitute(v, vars)).collect()),
        other => other.clone(),
    }
}

/// Whether `found` matches `pattern` (see the README); the path of the first mismatch otherwise.
fn mismatch(pattern: &Value, found: &Value, path: &str) -> Option<String> {
    match (pattern, found) {
        (Value::Null, _) => None,
        (Value::Object(p), Value::Object(f)) => p.iter().find_map(|(k, pv)| match f.get(k) {
            Some(fv) => mismatch(pv, fv, &format!("{path}/{k}")),
            None => Some(format!("{path}/{k} missing")),
        }),
        (Value::Array(p), Value::Array(f)) if p.len() == f.len() => p
            .iter()
            .zip(f)
            .enumerate()
            .find_map(|(i, (pv, fv))| mismatch(pv, fv, &format!("{path}/{i}"))),
        (Value::Number(p), Value::Number(f)) if p.as_f64() == f.as_f64() => None,
        (p, f) if p == f => None,
        (p, f) => Some(format!("{path}: expected {p}, found {f}")),
    }
}

fn capture(spec: &Value, result: &Value) -> Value {
    match spec {
        Value::String(pointer) => result
            .pointer(pointer)
            .cloned()
            .unwrap_or_else(|| panic!("nothing at {pointer} in {result}")),
        Value::Object(o) => {
            let item = result
                .as_array()
                .expect("a list to capture from")
                .iter()
                .rev()
                .find(|item| mismatch(&o["where"], item, "").is_none())
                .unwrap_or_else(|| panic!("no item matches {}", o["where"]));
            capture(&o["pick"], item)
        }
        other => panic!("bad capture {other}"),
    }
}

fn run(file: &Path) {
    let journey: Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("json");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut options = journey.get("options").cloned().unwrap_or_else(|| json!({}));
    options["data_dir"] = json!(dir.path().join("data").to_string_lossy());
    let options: OpenOptions = serde_json::from_value(options).expect("options");
    let lakse = Lakse::open_with_options(&options).expect("open");
    let mut vars = BTreeMap::new();
    for (i, step) in journey["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .enumerate()
    {
        let op = step["op"].as_str().expect("op");
        let at = format!("{} step {i} ({op})", file.display());
        let args = substitute(step.get("args").unwrap_or(&Value::Null), &vars);
        let receiver = api::OPERATIONS
            .iter()
            .find(|o| o.name == op)
            .unwrap_or_else(|| panic!("{at}: not in the API"))
            .receiver;
        let outcome = match receiver {
            Receiver::Handle => api::call(&lakse, op, &args),
            Receiver::Pure => api::call_pure(op, &args),
        };
        let expect = substitute(step.get("expect").unwrap_or(&json!({ "ok": null })), &vars);
        match (outcome, expect.get("error")) {
            (Ok(result), None) => {
                if let Some(m) = mismatch(&expect["ok"], &result, "") {
                    panic!("{at}: {m}");
                }
                for (name, spec) in step
                    .get("capture")
                    .and_then(Value::as_object)
                    .unwrap_or(&Map::new())
                {
                    vars.insert(name.clone(), capture(spec, &result));
                }
            }
            (Ok(result), Some(code)) => panic!("{at}: expected {code}, got {result}"),
            (Err(e), None) => panic!("{at}: failed with {} ({e})", e.code()),
            (Err(e), Some(code)) => {
                assert_eq!(e.code(), code, "{at}: {e}");
                if let Some(field) = expect.get("field") {
                    assert_eq!(json!(e.field()), *field, "{at}: field of {e}");
                }
            }
        }
    }
}

#[test]
fn every_shared_journey_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/journeys"))
        .expect("tests/journeys")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "the journeys are missing");
    for file in files {
        run(&file);
    }
}

#[test]
fn the_matcher_refuses_what_differs() {
    assert!(mismatch(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "").is_none());
    assert!(mismatch(&json!({"a": 1}), &json!({"a": 2}), "").is_some());
    assert!(mismatch(&json!([1]), &json!([1, 2]), "").is_some());
    assert!(mismatch(&json!({"c": null}), &json!({"a": 1}), "").is_some());
}
