//! The handle's edges: every operation of a closed handle is refused, and
//! bad open options are refused before anything is created (issue 9, items
//! 7 and 12).

use lakse_core::api::{self, Receiver};
use lakse_core::options::{
    CatalogSource, DeliveryOptions, MAX_LIFETIME_SECONDS, OpenOptions, SmtpSecurity,
};
use lakse_core::{Config, Lakse};
use serde_json::{Value, json};

/// A valid argument `name` of the manifest's type `ty`, so that only the
/// closed handle can refuse the call.
fn sample(name: &str, ty: &str) -> Value {
    match (name, ty) {
        (_, t) if t.starts_with("optional<") => Value::Null,
        ("email", _) => json!("warga@example.com"),
        ("password" | "old_password" | "new_password", _) => json!("kata-sandi-2024"),
        ("number", _) => json!(lakse_core::application::number::format("BTM", 2026, 1)),
        ("nik", _) => json!("2171055209900001"),
        ("file_name", _) => json!("foto.jpg"),
        ("bytes", _) => json!("/9j/4AAQ"),
        (_, "string") => json!("kata"),
        (_, "u32" | "i64") => json!(1),
        (_, "Actor") => json!("officer"),
        // Records whose fields all have defaults.
        _ => json!({}),
    }
}

#[test]
fn a_closed_handle_refuses_every_operation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lakse = Lakse::open(dir.path()).expect("open");
    lakse.close();
    let manifest = api::manifest();
    let mut tried = 0;
    for op in api::OPERATIONS
        .iter()
        .filter(|o| o.receiver == Receiver::Handle)
    {
        let spec = manifest["operations"]
            .as_array()
            .expect("operations")
            .iter()
            .find(|o| o["name"] == op.name)
            .expect("in the manifest");
        let args: serde_json::Map<String, Value> = spec["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| {
                let name = a["name"].as_str().expect("name").to_owned();
                let ty = sample(&name, a["type"].as_str().expect("type"));
                (name, ty)
            })
            .collect();
        let outcome = api::call(&lakse, op.name, &Value::Object(args));
        if op.name == "close" {
            assert!(outcome.is_ok(), "closing twice is harmless");
            continue;
        }
        let err = outcome.expect_err(op.name);
        assert_eq!(err.code(), "handle.closed", "{}: {err}", op.name);
        tried += 1;
    }
    assert!(tried >= 35, "only {tried} operations tried");
    assert!(
        std::fs::read_dir(dir.path())
            .expect("dir")
            .all(|e| e.expect("entry").file_name() != "mail"),
        "nothing was created after closing"
    );
}

fn refused(options: &OpenOptions, code: &str, field: &str) {
    let err = Lakse::open_with_options(options).expect_err(code);
    assert_eq!((err.code(), err.field()), (code, Some(field)), "{err}");
    assert!(
        !std::path::Path::new(&options.data_dir).exists(),
        "{code}: nothing created"
    );
}

#[test]
fn a_bad_number_prefix_is_accepted_at_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data").to_string_lossy().into_owned();
    for prefix in ["", "btm", "B T", "B-M", "BTMBTMBTM", "B", "BT1", "ḂTM"] {
        let options = OpenOptions {
            number_prefix: prefix.into(),
            ..OpenOptions::new(data.clone())
        };
        refused(&options, "options.invalid_prefix", "number_prefix");
    }
    // The Rust configuration is held to the same rule.
    let config = Config {
        number_prefix: "btm".into(),
        ..Config::default()
    };
    let err = Lakse::open_with(dir.path().join("rust"), config).expect_err("lowercase");
    assert_eq!(err.code(), "options.invalid_prefix");
    // A good one opens, and numbers carry it.
    let options = OpenOptions {
        number_prefix: "TPI".into(),
        ..OpenOptions::new(data)
    };
    Lakse::open_with_options(&options).expect("TPI opens");
}

#[test]
fn extreme_lifetimes_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data").to_string_lossy().into_owned();
    for seconds in [0, -1, i64::MIN, MAX_LIFETIME_SECONDS + 1, i64::MAX] {
        for field in [
            "confirmation_ttl_seconds",
            "reset_ttl_seconds",
            "session_ttl_seconds",
        ] {
            let mut options = OpenOptions::new(data.clone());
            match field {
                "confirmation_ttl_seconds" => options.confirmation_ttl_seconds = seconds,
                "reset_ttl_seconds" => options.reset_ttl_seconds = seconds,
                _ => options.session_ttl_seconds = seconds,
            }
            refused(&options, "options.invalid_lifetime", field);
        }
    }
    // Chrono's own limits through the Rust configuration: refused, no panic.
    let config = Config {
        session_ttl: chrono::Duration::MAX,
        ..Config::default()
    };
    let err = Lakse::open_with(dir.path().join("rust"), config).expect_err("too long");
    assert_eq!(err.code(), "options.invalid_lifetime");
    // The longest allowed lifetime works end to end.
    let options = OpenOptions {
        session_ttl_seconds: MAX_LIFETIME_SECONDS,
        confirmation_ttl_seconds: MAX_LIFETIME_SECONDS,
        ..OpenOptions::new(data)
    };
    let lakse = Lakse::open_with_options(&options).expect("a year");
    lakse.register("warga@example.com").expect("register");
}

#[test]
fn other_bad_options_name_their_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data").to_string_lossy().into_owned();
    let base = OpenOptions::new(data.clone());
    let smtp = |host: &str, port: u16, timeout_seconds: u32| OpenOptions {
        delivery: DeliveryOptions::Smtp {
            host: host.into(),
            port,
            security: SmtpSecurity::StartTls,
            username: None,
            password: None,
            timeout_seconds,
        },
        ..base.clone()
    };
    refused(&smtp("", 587, 30), "options.invalid", "delivery.host");
    refused(
        &smtp("smtp host", 587, 30),
        "options.invalid",
        "delivery.host",
    );
    refused(
        &smtp("smtp.example", 0, 30),
        "options.invalid",
        "delivery.port",
    );
    refused(
        &smtp("smtp.example", 587, 0),
        "options.invalid",
        "delivery.timeout_seconds",
    );
    let key = OpenOptions {
        office_key: Some(lakse_core::sensitive::Secret::new("pendek")),
        ..base.clone()
    };
    refused(&key, "options.invalid", "office_key");
    let url = OpenOptions {
        base_url: Some("javascript:alert(1)".into()),
        ..base.clone()
    };
    refused(&url, "options.invalid", "base_url");
    let catalog = OpenOptions {
        catalog: CatalogSource::Path {
            path: "/nonexistent/kantor.toml".into(),
        },
        ..base
    };
    refused(&catalog, "catalog.unreadable", "catalog");
    refused(&OpenOptions::new("  "), "options.invalid", "data_dir");
    // A given office key signs coupons: its public key is the one shown.
    let seed = [9u8; 32];
    let options = OpenOptions {
        office_key: Some(lakse_core::sensitive::Secret::new(base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            seed,
        ))),
        ..OpenOptions::new(data)
    };
    let lakse = Lakse::open_with_options(&options).expect("open");
    assert_eq!(
        lakse.office_public_key(),
        lakse_core::coupon::OfficeKey::from_seed(seed).public_key()
    );
}
