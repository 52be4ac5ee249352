#![no_main]

//! The upload content check, `document::check(field, bytes, types,
//! max_bytes)`, on arbitrary bytes, seeded with `tests/fixtures/*`.
//!
//! Checks, besides no panic:
//! - an accepted file is not empty, within the limit, of one of the accepted
//!   types, and of the type its magic bytes say; it is accepted again when
//!   that type alone is allowed, refused (`document.wrong_type`) when every
//!   other type is, and refused (`document.too_large`) one byte under its size;
//! - an accepted image holds neither `%PDF-` nor `startxref`; an accepted PDF
//!   ends with `%%EOF` (padding aside); nothing accepted ends with a ZIP
//!   directory or starts with HTML markup;
//! - a refusal is one of the `document.*` codes for content and names the
//!   field.
//!
//! lakse catches a panic inside a parser (`lopdf`, `image`) and refuses the
//! file, as documented; libFuzzer's panic hook would abort on it all the
//! same, so this target lets a panic unwind while `check` runs and prints
//! the first one of each place. A panic that escapes `check`, or one in
//! lakse's own code, is a crash.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use lakse_core::catalog::FileType;
use lakse_core::{Error, document};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static IN_CHECK: Cell<bool> = const { Cell::new(false) };
}

/// Where panics inside `check` happened, each reported once.
static CAUGHT: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn install_hook() {
    let abort = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        // A panic in lakse's own code is a crash even where it is caught.
        let ours = info
            .location()
            .is_some_and(|l| l.file().contains("lakse-core"));
        if IN_CHECK.with(Cell::get) && !ours {
            let place = info
                .location()
                .map_or_else(|| "unknown place".to_owned(), ToString::to_string);
            let mut seen = CAUGHT.lock().unwrap_or_else(|e| e.into_inner());
            if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                eprintln!("upload: a parser panicked inside document::check at {place}: {info}");
            }
        } else {
            abort(info);
        }
    }));
}

/// `document::check`, letting a panic unwind to lakse's own `catch_unwind`;
/// one that comes out of `check` aborts.
fn check(bytes: &[u8], types: &[FileType], max_bytes: u64) -> Result<FileType, Error> {
    IN_CHECK.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        document::check("upload", bytes, types, max_bytes)
    }));
    IN_CHECK.with(|c| c.set(false));
    match result {
        Ok(result) => result,
        Err(_) => {
            eprintln!("upload: a panic escaped document::check");
            std::process::abort();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

const CONTENT_CODES: [&str; 5] = [
    "document.empty",
    "document.too_large",
    "document.wrong_type",
    "document.active_content",
    "document.ambiguous_type",
];

fuzz_target!(init: install_hook(), |bytes: &[u8]| {
    let all = FileType::ALL;
    let max = 10 * 1024 * 1024;
    match check(bytes, &all, max) {
        Ok(kind) => {
            assert!(!bytes.is_empty() && bytes.len() as u64 <= max);
            assert_eq!(FileType::detect(bytes), Some(kind));
            assert_eq!(check(bytes, &[kind], max), Ok(kind));
            let others: Vec<FileType> = all.into_iter().filter(|t| *t != kind).collect();
            let refused = check(bytes, &others, max).expect_err("accepted as another type");
            assert_eq!(refused.code(), "document.wrong_type");
            let small = check(bytes, &all, bytes.len() as u64 - 1).expect_err("over the limit");
            assert_eq!(small.code(), "document.too_large");

            match kind {
                FileType::Pdf => {
                    let end = bytes
                        .iter()
                        .rposition(|&b| !matches!(b, 0 | b' ' | b'\t' | b'\r' | b'\n' | b'\x0C'))
                        .map_or(0, |i| i + 1);
                    assert!(bytes[..end].ends_with(b"%%EOF"), "a PDF with data after its end");
                }
                FileType::Jpg | FileType::Png => {
                    assert!(!find(bytes, b"%PDF-") && !find(bytes, b"startxref"), "image + PDF");
                }
            }
            let tail = &bytes[bytes.len().saturating_sub(22 + 65_535)..];
            assert!(!find(tail, b"PK\x05\x06"), "a ZIP directory at the end");
            let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
            for markup in [&b"<html"[..], b"<script", b"<svg", b"<!doctype", b"<iframe"] {
                assert!(!find(&head, markup), "HTML where browsers sniff");
            }
        }
        Err(e) => {
            assert!(Error::CODES.contains(&e.code()), "{}", e.code());
            assert!(CONTENT_CODES.contains(&e.code()), "{}", e.code());
            assert_eq!(e.field(), Some("upload"));
        }
    }
});
