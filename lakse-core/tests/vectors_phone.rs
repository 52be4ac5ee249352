//! Runs the shared phone vectors (`tests/vectors/phone.json`).

use lakse_core::phone;
use serde_json::Value;

#[test]
fn phone_vectors() {
    let text = include_str!("../../tests/vectors/phone.json");
    let doc: Value = serde_json::from_str(text).expect("phone.json is JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 25);
    for case in cases {
        let input = case["input"].as_str().expect("input");
        let note = &case["note"];
        match (&case["ok"], &case["error"]) {
            (Value::String(ok), Value::Null) => {
                assert_eq!(
                    phone::normalize(input).as_deref(),
                    Ok(ok.as_str()),
                    "{note}"
                );
                let masked = case["masked"].as_str().expect("masked");
                assert_eq!(phone::mask(input).as_deref(), Ok(masked), "{note}");
                // Normalising is idempotent.
                assert_eq!(phone::normalize(ok).as_deref(), Ok(ok.as_str()), "{note}");
            }
            (Value::Null, Value::Object(err)) => {
                let got = phone::normalize(input).expect_err(&format!("{note}"));
                assert_eq!(got.code(), err["code"], "{note}");
                assert_eq!(got.field(), err["field"].as_str(), "{note}");
                // The named field is the one reported.
                let named = phone::normalize_as("whatsapp", input).expect_err("same input");
                assert_eq!(named.field(), Some("whatsapp"));
            }
            _ => panic!("case needs ok or error: {case}"),
        }
    }
}
