//! Runs `tests/vectors/transitions.json`: every status × action × actor.

use lakse_core::Error;
use lakse_core::application::{Action, Actor, Status, initial, next};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/transitions.json"
    );
    let text = std::fs::read_to_string(path).expect("transitions.json is part of the repository");
    serde_json::from_str(&text).expect("transitions.json is valid JSON")
}

fn str_of<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {case}"))
}

#[test]
fn every_status_action_actor() {
    let doc = vectors();
    let cases = doc["cases"].as_array().expect("cases");
    assert_eq!(
        cases.len(),
        Status::ALL.len() * Action::ALL.len() * Actor::ALL.len(),
        "the vectors must cover the whole product"
    );
    for case in cases {
        let status = Status::from_code(str_of(case, "status")).expect("known status");
        let action = Action::from_code(str_of(case, "action")).expect("known action");
        let actor = Actor::from_code(str_of(case, "actor")).expect("known actor");
        let got = next(status, action, actor);
        match (&case["ok"], &case["error"]) {
            (Value::String(to), Value::Null) => {
                assert_eq!(got.as_ref().map(|s| s.code()), Ok(to.as_str()), "{case}")
            }
            (Value::Null, expected) => {
                let err = got.expect_err(&case.to_string());
                assert_eq!(err.code(), str_of(expected, "code"), "{case}");
                if let Error::TransitionNotAllowed { allowed, .. } = &err {
                    let codes: Vec<&str> = allowed.iter().map(String::as_str).collect();
                    let want: Vec<&str> = expected["allowed"]
                        .as_array()
                        .expect("allowed listed")
                        .iter()
                        .filter_map(Value::as_str)
                        .collect();
                    assert_eq!(codes, want, "{case}");
                }
            }
            _ => panic!("case needs exactly one of ok/error: {case}"),
        }
    }
}

#[test]
fn initial_status_and_labels() {
    let doc = vectors();
    for case in doc["initial"].as_array().expect("initial") {
        let actor = Actor::from_code(str_of(case, "actor")).expect("known actor");
        match initial(actor) {
            Ok(s) => assert_eq!(s.code(), str_of(case, "ok")),
            Err(e) => assert_eq!(e.code(), str_of(&case["error"], "code")),
        }
    }
    for (code, want) in doc["labels"].as_object().expect("labels") {
        let status = Status::from_code(code).expect("known status");
        assert_eq!(status.label(), str_of(want, "label"));
        if let Some(note) = want["default_note"].as_str() {
            assert_eq!(status.default_note(), note);
        }
    }
}
