//! Runs the shared e-mail vectors (`tests/vectors/email.json`).

use lakse_core::email;
use serde_json::Value;

#[test]
fn email_vectors() {
    let text = include_str!("../../tests/vectors/email.json");
    let doc: Value = serde_json::from_str(text).expect("email.json is JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 15);
    for case in cases {
        let note = &case["note"];
        if let Some(same) = case["same"].as_array() {
            let parsed: Vec<_> = same
                .iter()
                .map(|s| email::parse(s.as_str().expect("string")).expect("valid"))
                .collect();
            assert!(parsed.windows(2).all(|w| w[0] == w[1]), "{note}");
            continue;
        }
        let input = case["input"].as_str().expect("input");
        match (&case["ok"], &case["error"]) {
            (Value::Object(ok), Value::Null) => {
                let got = email::parse(input).unwrap_or_else(|e| panic!("{note}: {e}"));
                assert_eq!(got.as_str(), ok["address"], "{note}");
                assert_eq!(got.key(), ok["key"], "{note}");
                assert_eq!(got.masked(), ok["masked"], "{note}");
                assert!(
                    !format!("{got:?}").contains(got.as_str()),
                    "{note}: Debug masks"
                );
            }
            (Value::Null, Value::Object(err)) => {
                let got = email::parse(input).expect_err(&format!("{note}"));
                assert_eq!(got.code(), err["code"], "{note}");
                assert_eq!(got.field(), err["field"].as_str(), "{note}");
                if !input.trim().is_empty() {
                    assert!(!got.to_string().contains(input.trim()), "{note}: no echo");
                }
            }
            _ => panic!("case needs ok or error: {case}"),
        }
    }
}
