//! What an upload really is, beyond its first bytes.
//!
//! [`super::check`] knows a file's type from its magic bytes; this module
//! then reads the whole file as that type, because the first bytes alone let
//! through files that are something else as well:
//!
//! - **PDFs are parsed** (`lopdf`), twice: with the cross-reference table as
//!   written, as a viewer reads it, and rebuilt by scanning for every object,
//!   as a lenient viewer reads a damaged file. A PDF that does not parse, or
//!   that holds active content anywhere — JavaScript (`/JS`, `/JavaScript`),
//!   an action run on opening (`/OpenAction` with an action; a destination
//!   is fine) or on other events (`/AA`), actions that launch programs,
//!   submit or import data or open other files, embedded files, forms
//!   (`/AcroForm`, `/XFA`), rich media — is refused (`document.active_content`).
//!   Names are compared decoded, so `/J#61vaScript` is `/JavaScript`.
//! - **Images are decoded** (`image`, headers only): a JPEG or PNG that does
//!   not decode is refused (`document.ambiguous_type`).
//! - **Polyglots are refused** (`document.ambiguous_type`): a file that some
//!   program would open as another type — an image holding a PDF header or
//!   trailer, a PDF with data after its end, either one with a ZIP directory
//!   at its end or HTML markup where browsers sniff for it.
//!
//! Padding after a file's end (NUL bytes and whitespace, as scanners write)
//! is not data. A panic inside a parser is caught and refused like a file
//! that does not parse.

use std::io::Cursor;

use lopdf::{Dictionary, Document, LoadOptions, Object};

use crate::catalog::FileType;
use crate::error::{Error, ErrorCode, Result};

/// The largest image accepted, in pixels (a 200-megapixel phone camera's
/// photo fits; a "decompression bomb" declaring 65535×65535 does not).
const MAX_PIXELS: u64 = 1 << 28;
/// The most any one PDF stream may inflate to while the file is parsed.
const MAX_PDF_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Where PDF readers look for the `%PDF-` header, and browsers for HTML.
const SNIFF_WINDOW: usize = 1024;
/// How far from the end a ZIP reader looks for its directory (the record
/// and the longest comment).
const ZIP_TAIL: usize = 22 + 65_535;

/// Checks that `bytes`, whose magic bytes say `kind`, is that and only that,
/// and holds no active content.
pub(super) fn inspect(field: &str, bytes: &[u8], kind: FileType) -> Result<()> {
    let result = std::panic::catch_unwind(|| match kind {
        FileType::Pdf => pdf(field, bytes),
        FileType::Jpg => image(field, bytes, image::ImageFormat::Jpeg),
        FileType::Png => image(field, bytes, image::ImageFormat::Png),
    });
    result.unwrap_or_else(|_| {
        Err(match kind {
            FileType::Pdf => active(field, "does not parse as a PDF"),
            _ => ambiguous(field, format!("does not decode as a {}", kind.code())),
        })
    })
}

fn active(field: &str, reason: impl Into<String>) -> Error {
    Error::rule(ErrorCode::DocumentActiveContent, field, reason)
}

fn ambiguous(field: &str, reason: impl Into<String>) -> Error {
    Error::rule(ErrorCode::DocumentAmbiguousType, field, reason)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// `bytes` without the padding (NUL bytes, whitespace) after its end.
fn unpadded(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|&b| !matches!(b, 0 | b' ' | b'\t' | b'\r' | b'\n' | b'\x0C'))
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

/// Refuses what another program would open as something else: a ZIP
/// directory at the end, HTML markup where browsers sniff for it.
fn foreign(field: &str, bytes: &[u8]) -> Result<()> {
    let tail = &bytes[bytes.len().saturating_sub(ZIP_TAIL)..];
    if find(tail, b"PK\x05\x06").is_some() {
        return Err(ambiguous(field, "is also a ZIP archive"));
    }
    let head = bytes[..bytes.len().min(SNIFF_WINDOW)].to_ascii_lowercase();
    let markup: [&[u8]; 7] = [
        b"<html",
        b"<head",
        b"<body",
        b"<script",
        b"<iframe",
        b"<svg",
        b"<!doctype",
    ];
    if markup.iter().any(|m| find(&head, m).is_some()) {
        return Err(ambiguous(field, "holds HTML that browsers would run"));
    }
    Ok(())
}

fn image(field: &str, bytes: &[u8], format: image::ImageFormat) -> Result<()> {
    // A PDF reader finds "%PDF-" within the first 1024 bytes, a lenient one
    // anywhere, and repairs a file by its "startxref": an image holds neither.
    if find(bytes, b"%PDF-").is_some() || find(bytes, b"startxref").is_some() {
        return Err(ambiguous(field, "is an image and a PDF at once"));
    }
    foreign(field, bytes)?;
    let what = if format == image::ImageFormat::Jpeg {
        "jpg"
    } else {
        "png"
    };
    let (width, height) = image::ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| ambiguous(field, format!("does not decode as a {what} image")))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels == 0 || pixels > MAX_PIXELS {
        return Err(ambiguous(
            field,
            format!("declares an image of {width}×{height} pixels"),
        ));
    }
    Ok(())
}

fn pdf(field: &str, bytes: &[u8]) -> Result<()> {
    let body = unpadded(bytes);
    match rfind(body, b"%%EOF") {
        None => return Err(active(field, "does not parse as a PDF (no %%EOF)")),
        Some(end) if end + 5 < body.len() => {
            return Err(ambiguous(field, "holds data after the PDF's end"));
        }
        Some(_) => {}
    }
    foreign(field, bytes)?;
    let options = |force_reconstruct| LoadOptions {
        max_decompressed_size: Some(MAX_PDF_STREAM_BYTES),
        force_reconstruct,
        ..LoadOptions::default()
    };
    let as_written = Document::load_mem_with_options(body, options(false))
        .map_err(|_| active(field, "does not parse as a PDF"))?;
    if as_written.objects.is_empty() {
        return Err(active(field, "does not parse as a PDF (no objects)"));
    }
    active_content(&as_written).map_or(Ok(()), |what| Err(active(field, what)))?;
    // Objects the table does not list are read by viewers that rebuild it.
    if let Ok(rebuilt) = Document::load_mem_with_options(body, options(true)) {
        active_content(&rebuilt).map_or(Ok(()), |what| Err(active(field, what)))?;
    }
    Ok(())
}

/// Keys whose presence is active content, wherever they are.
const ACTIVE_KEYS: [&[u8]; 8] = [
    b"JS",
    b"JavaScript",
    b"AA",
    b"AcroForm",
    b"XFA",
    b"EmbeddedFiles",
    b"EmbeddedFile",
    b"EF",
];
/// Action types (`/S`) that run code, launch programs, send or fetch data,
/// or open other files.
const ACTIVE_ACTIONS: [&[u8]; 10] = [
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"GoToR",
    b"GoToE",
    b"RichMediaExecute",
    b"Rendition",
    b"Movie",
    b"Sound",
];
/// Object types (`/Type`, `/Subtype`) that carry files or media.
const ACTIVE_TYPES: [&[u8]; 7] = [
    b"EmbeddedFile",
    b"FileAttachment",
    b"RichMedia",
    b"Screen",
    b"Movie",
    b"Sound",
    b"3D",
];
/// URI schemes a link must not use.
const ACTIVE_SCHEMES: [&str; 4] = ["javascript:", "vbscript:", "file:", "data:"];

/// The first active content in `doc`, described, or `None`.
fn active_content(doc: &Document) -> Option<String> {
    let mut todo: Vec<&Object> = doc.objects.values().collect();
    let trailer = Object::Dictionary(doc.trailer.clone());
    todo.push(&trailer);
    while let Some(object) = todo.pop() {
        match object {
            Object::Array(items) => todo.extend(items),
            Object::Dictionary(dict) => {
                if let Some(what) = active_dictionary(doc, dict) {
                    return Some(what);
                }
                todo.extend(dict.iter().map(|(_, v)| v));
            }
            Object::Stream(stream) => {
                if let Some(what) = active_dictionary(doc, &stream.dict) {
                    return Some(what);
                }
                todo.extend(stream.dict.iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
    None
}

fn active_dictionary(doc: &Document, dict: &Dictionary) -> Option<String> {
    let name = |key: &[u8]| match dict.get(key) {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        _ => None,
    };
    let shown = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    if let Some((key, _)) = dict
        .iter()
        .find(|(k, _)| ACTIVE_KEYS.contains(&k.as_slice()))
    {
        return Some(format!("holds active content (/{})", shown(key)));
    }
    if let Some(action) = name(b"S").filter(|s| ACTIVE_ACTIONS.contains(s)) {
        return Some(format!("holds a /{} action", shown(action)));
    }
    for key in [b"Type".as_slice(), b"Subtype"] {
        if let Some(kind) = name(key).filter(|t| ACTIVE_TYPES.contains(t)) {
            return Some(format!("holds a /{} object", shown(kind)));
        }
    }
    // An action run on opening; a destination (page and view) is not one.
    if let Ok(open) = dict.get(b"OpenAction") {
        let target = match open {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        };
        if matches!(target, Some(Object::Dictionary(_) | Object::Stream(_))) {
            return Some("runs an action when opened (/OpenAction)".into());
        }
    }
    if let Ok(Object::String(uri, _)) = dict.get(b"URI") {
        let uri = String::from_utf8_lossy(uri)
            .trim_start()
            .to_ascii_lowercase();
        if ACTIVE_SCHEMES.iter().any(|s| uri.starts_with(s)) {
            return Some("links to a script or a local file".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_is_not_data() {
        assert_eq!(unpadded(b"%%EOF\r\n\0\0 "), b"%%EOF");
        assert_eq!(unpadded(b"\0\0"), b"");
        assert_eq!(unpadded(b"%%EOFx"), b"%%EOFx");
    }

    #[test]
    fn nothing_that_is_not_a_file_panics() {
        for kind in FileType::ALL {
            for bytes in [
                &b""[..],
                b"%PDF-",
                b"%PDF-1.7\n%%EOF",
                b"\xFF\xD8\xFF",
                b"\x89PNG",
            ] {
                assert!(inspect("f", bytes, kind).is_err(), "{kind}: {bytes:?}");
            }
        }
    }
}
