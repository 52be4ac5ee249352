//! Runs the shared catalog vectors (`tests/vectors/catalog.json`).

use lakse_core::Error;
use lakse_core::catalog::Catalog;
use serde_json::{Value, json};

fn vectors() -> Value {
    serde_json::from_str(include_str!("../../tests/vectors/catalog.json")).expect("catalog.json")
}

#[test]
fn default_catalog_matches_vectors() {
    let v = vectors();
    let catalog = Catalog::batam();
    let order: Vec<&str> = catalog.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(json!(order), v["service_order"]);
    assert_eq!(json!(catalog.office), v["office"]);
    assert_eq!(json!(catalog.profile_photo), v["profile_photo"]);
    assert_eq!(
        json!(catalog.application_max_bytes),
        v["application_max_bytes"]
    );
    assert_eq!(json!(catalog.pickup_places), v["pickup_places"]);

    for expected in v["services"].as_array().expect("services") {
        let id = expected["id"].as_str().expect("id");
        let service = catalog.service(id).expect("listed service exists");
        assert_eq!(json!(service.name), expected["name"], "{id}");
        assert_eq!(json!(service.enabled), expected["enabled"], "{id}");
        assert_eq!(
            json!(service.is_redirected()),
            expected["redirected"],
            "{id}"
        );
        assert_eq!(json!(service.coupon), expected["coupon"], "{id}");
        assert_eq!(
            json!(service.keterangan_required),
            expected["keterangan_required"],
            "{id}"
        );
        let subtypes: Vec<&str> = service.subtypes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(json!(subtypes), expected["subtypes"], "{id}");
        let fields: Vec<&str> = service.fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(json!(fields), expected["fields"], "{id}");
        for (subtype, slots) in expected["slots_by_subtype"].as_object().expect("slots") {
            let subtype = Some(subtype.as_str()).filter(|s| !s.is_empty());
            let got: Vec<Value> = service
                .slots_for(subtype)
                .expect("known sub-type")
                .iter()
                .map(|s| {
                    json!({"id": s.id, "name": s.name, "required": s.required,
                           "types": s.rule.types, "max_bytes": s.rule.max_bytes})
                })
                .collect();
            assert_eq!(&json!(got), slots, "{id} {subtype:?}");
        }
    }

    let r = &v["redirect"];
    let service = r["service"].as_str().expect("service");
    match catalog.service_to_apply(service) {
        Err(Error::ServiceRedirected {
            message,
            locations,
            stores,
            ..
        }) => {
            assert_eq!(json!(message), r["message"]);
            assert_eq!(json!(stores), r["stores"]);
            assert_eq!(json!(locations), r["locations"]);
        }
        other => panic!("expected a redirect, got {other:?}"),
    }
}

#[test]
fn valid_bases_load() {
    let v = vectors();
    Catalog::from_toml_str(v["valid_bases"]["toml"].as_str().expect("toml")).expect("toml base");
    Catalog::from_json_str(v["valid_bases"]["json"].as_str().expect("json")).expect("json base");
}

#[test]
fn broken_catalogs_are_refused_naming_field_and_line() {
    let v = vectors();
    for case in v["broken"].as_array().expect("broken") {
        let note = &case["note"];
        let text = case["text"].as_str().expect("text");
        let err = match case["format"].as_str() {
            Some("toml") => Catalog::from_toml_str(text),
            Some("json") => Catalog::from_json_str(text),
            other => panic!("unknown format {other:?}"),
        }
        .expect_err(&format!("{note}"));
        let expected = &case["error"];
        assert_eq!(err.code(), expected["code"], "{note}: {err:?}");
        assert_eq!(json!(err.field()), expected["field"], "{note}: {err:?}");
        let line = match &err {
            Error::CatalogSyntax { line, .. }
            | Error::CatalogInvalid { line, .. }
            | Error::CatalogFileType { line, .. } => *line,
            other => panic!("{note}: not a catalog error: {other:?}"),
        };
        assert_eq!(json!(line), expected["line"], "{note}: {err:?}");
    }
}
