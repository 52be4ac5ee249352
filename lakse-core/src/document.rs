//! Uploaded files: checked by content against their slot's rule, stored
//! content-addressed (`documents/ab/cdef…`, by SHA-256), written to a
//! temporary file and renamed into place so a crash never leaves half a file
//! under a final name. Content is read as its type: active
//! PDFs, polyglots and images that do not decode are refused.

mod content;

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::catalog::FileType;
use crate::error::{Error, Result};
use crate::store::BlobRow;
use crate::text::{self, Rule};

/// The longest original file name kept (in characters).
const MAX_FILE_NAME_CHARS: usize = 255;

/// One uploaded file for a document slot.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// The slot's id in the catalog (e.g. `form_f1`).
    pub slot: String,
    /// The name the file had on the applicant's device; metadata only, never a path.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("slot", &self.slot)
            .field("file_name", &self.file_name)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// A name for what the content is, for error messages (`exe`, `zip`, `unknown`).
fn describe(bytes: &[u8]) -> String {
    infer::get(bytes)
        .map(|k| k.extension().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Checks a file against a rule: not empty, within `max_bytes`, of one of
/// `types` by content (`document.wrong_type`), and that type only, without
/// active content: a PDF that parses and holds no JavaScript, actions,
/// embedded files or forms (`document.active_content`), an image that
/// decodes, and no file that is two types at once
/// (`document.ambiguous_type`). Returns the detected type.
pub fn check(field: &str, bytes: &[u8], types: &[FileType], max_bytes: u64) -> Result<FileType> {
    if bytes.is_empty() {
        return Err(Error::DocumentEmpty {
            field: field.to_owned(),
        });
    }
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(Error::DocumentTooLarge {
            field: field.to_owned(),
            max: max_bytes,
            size,
        });
    }
    let kind = match FileType::detect(bytes) {
        Some(t) if types.contains(&t) => t,
        _ => {
            return Err(Error::DocumentWrongType {
                field: field.to_owned(),
                expected: types.iter().map(|t| t.code().to_owned()).collect(),
                found: describe(bytes),
            });
        }
    };
    content::inspect(field, bytes, kind)?;
    Ok(kind)
}

/// Checks an original file name and returns it as stored: a plain name
/// under the one-line text rule ([`crate::text`]: NFC, trimmed, no control
/// or invisible character such as U+202E, which makes "fotogpj.exe" show as
/// "fotoexe.jpg"), kept as metadata only. Every refusal is
/// `document.invalid_name`.
pub fn clean_file_name(field: &str, name: &str) -> Result<String> {
    let refuse = |reason: String| Error::DocumentName {
        field: field.to_owned(),
        reason,
    };
    let name =
        text::clean(field, name, Rule::one_line(MAX_FILE_NAME_CHARS)).map_err(|e| match e {
            Error::Rule { reason, .. } => refuse(reason),
            Error::TooLong { max, .. } => refuse(format!("longer than {max} characters")),
            other => refuse(other.to_string()),
        })?;
    if name.is_empty() {
        return Err(refuse("empty".into()));
    }
    if name.contains(['/', '\\']) {
        return Err(refuse("contains a path separator".into()));
    }
    if name == "." || name == ".." {
        return Err(refuse("is '.' or '..'".into()));
    }
    Ok(name)
}

/// The `documents/` folder.
#[derive(Debug, Clone)]
pub(crate) struct DocumentFolder {
    root: PathBuf,
}

impl DocumentFolder {
    pub(crate) fn open(root: &Path) -> Result<Self> {
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(DocumentFolder {
            root: root.to_owned(),
        })
    }

    /// Where the file with this hash lives; refuses anything but 64 lowercase
    /// hex digits so no stored value can point outside the folder.
    fn path(&self, sha256: &str) -> Result<PathBuf> {
        let plain = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !plain {
            return Err(Error::corrupt("documents", sha256, "sha256"));
        }
        Ok(self.root.join(&sha256[..2]).join(&sha256[2..]))
    }

    /// Stores `bytes` (once per content) and returns its metadata. Durable on
    /// return: the file is synced before it is renamed into place.
    pub(crate) fn put(&self, bytes: &[u8], kind: FileType) -> Result<BlobRow> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path(&sha256)?;
        if !path.exists() {
            let dir = path.parent().expect("a document path has a parent folder");
            std::fs::create_dir_all(dir)?;
            // Made again on every upload: an operator may have removed it
            // (or the whole folder) under a live handle.
            let tmp_dir = self.root.join("tmp");
            std::fs::create_dir_all(&tmp_dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(tmp_dir)?;
            tmp.write_all(bytes)?;
            tmp.as_file().sync_all()?;
            tmp.persist(&path).map_err(|e| Error::from(e.error))?;
        }
        Ok(BlobRow {
            sha256,
            size: bytes.len() as u64,
            mime: kind.mime().to_owned(),
        })
    }

    /// The stored content with this hash.
    pub(crate) fn get(&self, sha256: &str) -> Result<Vec<u8>> {
        Ok(std::fs::read(self.path(sha256)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            clean_file_name("f", " ktp rusak.jpg ").expect("plain"),
            "ktp rusak.jpg"
        );
        for bad in ["../etc/passwd", "a/b.pdf", "a\\b.pdf", "..", "", "x\0.pdf"] {
            let err = clean_file_name("f", bad).expect_err(bad);
            assert_eq!(err.code(), "document.invalid_name", "{bad}");
        }
    }

    #[test]
    fn paths_only_from_hashes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = DocumentFolder::open(dir.path()).expect("open");
        assert!(folder.path("../../../../etc/passwd").is_err());
        assert!(folder.path(&"A".repeat(64)).is_err());
        assert!(folder.path(&"a".repeat(64)).is_ok());
    }
}
