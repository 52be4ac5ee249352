//! The binding contract: the generated files every binding reads are fresh.
//!
//! `tests/vectors/api.json` (the operations and the schema of every record),
//! `tests/vectors/errors.json` and `docs/errors.md` (the error catalogue) are
//! generated from their single source in lakse-core. Regenerate them with
//! `LAKSE_BLESS=1 cargo test -p lakse-core --test contract`.

use std::path::PathBuf;

use lakse_core::{api, error::catalogue};

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// Fails when `relative` differs from `expected`, or writes it under `LAKSE_BLESS=1`.
fn check_fresh(relative: &str, expected: &str) {
    let path = repo_file(relative);
    if std::env::var_os("LAKSE_BLESS").is_some() {
        std::fs::write(&path, expected).expect("write");
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{relative} is stale: run `LAKSE_BLESS=1 cargo test -p lakse-core --test contract`"
    );
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("json") + "\n"
}

#[test]
fn api_manifest_is_fresh() {
    check_fresh("tests/vectors/api.json", &pretty(&api::manifest()));
}

#[test]
fn error_catalogue_files_are_fresh() {
    check_fresh("tests/vectors/errors.json", &pretty(&catalogue::to_json()));
    check_fresh("docs/errors.md", &catalogue::to_markdown());
}

#[test]
fn every_type_the_manifest_names_has_a_schema() {
    let manifest = api::manifest();
    let types = manifest["types"].as_object().expect("types");
    let scalars = ["string", "date", "timestamp", "bytes", "void", "bool"];
    for op in manifest["operations"].as_array().expect("operations") {
        let mut named: Vec<String> = op["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| a["type"].as_str().expect("type").to_owned())
            .collect();
        named.push(op["returns"].as_str().expect("returns").to_owned());
        for ty in named {
            let base = ty
                .trim_start_matches("optional<")
                .trim_start_matches("list<")
                .trim_end_matches('>')
                .to_owned();
            let integer = base.starts_with('u') || base.starts_with('i');
            assert!(
                scalars.contains(&base.as_str()) || integer || types.contains_key(&base),
                "{}: type {ty} has no schema",
                op["name"]
            );
        }
    }
}
