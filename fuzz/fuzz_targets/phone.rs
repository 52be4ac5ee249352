#![no_main]

use lakse_core::phone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match phone::normalize(text) {
        Ok(normal) => {
            assert!(normal.starts_with("+628"), "{normal}");
            assert!(normal[1..].bytes().all(|b| b.is_ascii_digit()));
            // Normal form is a fixed point, and masking never fails on it.
            assert_eq!(phone::normalize(&normal).as_deref(), Ok(normal.as_str()));
            phone::mask(&normal).expect("a normalised number masks");
        }
        Err(e) => assert!(
            matches!(e.code(), "phone.invalid" | "input.required"),
            "{}",
            e.code()
        ),
    }
});
