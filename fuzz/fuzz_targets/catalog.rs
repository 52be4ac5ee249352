#![no_main]

use lakse_core::catalog::Catalog;
use libfuzzer_sys::fuzz_target;

// Arbitrary text as TOML and as JSON: either a catalog that passes its own
// rules, or a catalog.* error — never a panic.
fuzz_target!(|text: &str| {
    for loaded in [Catalog::from_toml_str(text), Catalog::from_json_str(text)] {
        match loaded {
            Ok(catalog) => assert!(!catalog.pickup_places.is_empty()),
            Err(e) => assert!(e.code().starts_with("catalog."), "{}", e.code()),
        }
    }
});
