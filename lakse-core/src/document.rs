//! Uploaded files: checked by content against their slot's rule, stored
//! content-addressed (`documents/ab/cdef…`, by SHA-256), written to a
//! temporary file and renamed into place, inside the transaction that refers
//! to them, so a crash never leaves half a file under a final name and a
//! refused submission leaves no file at all. Content is read as its type:
//! active PDFs, polyglots and images that do not decode are refused.

mod content;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::catalog::FileType;
use crate::error::{Error, Result};
use crate::store::BlobRow;
use crate::text::{self, Rule};

/// The longest original file name kept (in characters).
const MAX_FILE_NAME_CHARS: usize = 255;

/// One uploaded file for a document slot.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Upload {
    /// The slot's id in the catalog (e.g. `form_f1`).
    pub slot: String,
    /// The name the file had on the applicant's device; metadata only, never a path.
    pub file_name: String,
    /// The content.
    #[serde(with = "crate::sensitive::base64_bytes")]
    #[schemars(with = "crate::sensitive::Bytes")]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("slot", &self.slot)
            .field("file_name", &crate::sensitive::FreeText(&self.file_name))
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

/// The file whose modification time is the folder's last sweep for orphans.
const SWEPT: &str = ".swept";

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

    /// Writes `bytes` to a temporary file (synced), to be moved under its
    /// hash by [`Staged::place`] inside the transaction that refers to it.
    /// When the content is stored already, nothing is written: the file's
    /// modification time is renewed instead, so that
    /// [`DocumentFolder::remove_unless_recent`] leaves it alone meanwhile.
    pub(crate) fn stage(&self, bytes: &[u8], kind: FileType) -> Result<Staged> {
        self.stage_hashed(bytes, sha256_hex(bytes), kind)
    }

    /// [`DocumentFolder::stage`] for content whose SHA-256 (lowercase hex)
    /// the caller computed already.
    pub(crate) fn stage_hashed(
        &self,
        bytes: &[u8],
        sha256: String,
        kind: FileType,
    ) -> Result<Staged> {
        let path = self.path(&sha256)?;
        let tmp = if renew(&path) {
            None
        } else {
            let dir = self.root.join("tmp");
            std::fs::create_dir_all(&dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(bytes)?;
            tmp.as_file().sync_all()?;
            Some(tmp.into_temp_path())
        };
        Ok(Staged {
            blob: BlobRow {
                sha256,
                size: bytes.len() as u64,
                mime: kind.mime().to_owned(),
            },
            path,
            tmp: RefCell::new(tmp),
        })
    }

    /// The stored content with this hash.
    pub(crate) fn get(&self, sha256: &str) -> Result<Vec<u8>> {
        Ok(std::fs::read(self.path(sha256)?)?)
    }

    /// The hashes of the stored files last modified before `before`.
    /// Anything that is not a stored file (another name, a folder) is skipped.
    pub(crate) fn stored_before(&self, before: SystemTime) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for dir in std::fs::read_dir(&self.root)? {
            let dir = dir?;
            let prefix = dir.file_name();
            let Some(prefix) = prefix.to_str().filter(|p| is_hex(p, 2)) else {
                continue;
            };
            for file in std::fs::read_dir(dir.path())? {
                let file = file?;
                let name = file.file_name();
                let Some(rest) = name.to_str().filter(|n| is_hex(n, 62)) else {
                    continue;
                };
                if modified_before(&file.path(), before) {
                    out.push(format!("{prefix}{rest}"));
                }
            }
        }
        Ok(out)
    }

    /// Removes the stored file of `sha256` unless it was modified at or
    /// after `before` (a submission under way may be about to use it).
    pub(crate) fn remove_unless_recent(&self, sha256: &str, before: SystemTime) -> Result<()> {
        let path = self.path(sha256)?;
        if modified_before(&path, before) {
            remove(&path)?;
        }
        Ok(())
    }

    /// Whether any process swept the folder (see
    /// `Lakse::collect_orphan_files`) at or after `since`.
    pub(crate) fn swept_since(&self, since: SystemTime) -> bool {
        std::fs::metadata(self.root.join(SWEPT))
            .and_then(|m| m.modified())
            .is_ok_and(|at| at >= since)
    }

    /// Records that the folder was swept now.
    pub(crate) fn mark_swept(&self) -> Result<()> {
        std::fs::File::create(self.root.join(SWEPT))?.set_modified(SystemTime::now())?;
        Ok(())
    }

    /// Removes the temporary files last modified before `before`: what a
    /// killed process was writing.
    pub(crate) fn clear_tmp(&self, before: SystemTime) -> Result<()> {
        let dir = match std::fs::read_dir(self.root.join("tmp")) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            other => other?,
        };
        for file in dir {
            let path = file?.path();
            if path.is_file() && modified_before(&path, before) {
                remove(&path)?;
            }
        }
        Ok(())
    }
}

/// A checked file written to `documents/tmp/` (or found stored already),
/// not yet in place under its hash.
///
/// Files are placed only inside a write transaction, and collected (see
/// [`DocumentFolder::remove_unless_recent`]) only inside one: so a file is
/// never in place without the row that refers to it, except when a process
/// dies between the two, and a submission that loses a race leaves nothing.
/// A staged file that is never placed disappears with its [`Staged`].
#[derive(Debug)]
pub(crate) struct Staged {
    /// What to record for the file.
    pub blob: BlobRow,
    path: PathBuf,
    tmp: RefCell<Option<tempfile::TempPath>>,
}

impl Staged {
    /// Moves the file under its hash (if it is not there already). Call it
    /// inside the transaction that inserts the blob row, after every check
    /// that can still refuse.
    pub(crate) fn place(&self) -> Result<()> {
        let tmp = self.tmp.borrow_mut().take();
        if self.path.exists() {
            return Ok(()); // the temporary copy, if any, goes with `tmp`
        }
        let Some(tmp) = tmp else {
            // Found stored when staged, collected since as an orphan.
            return Err(Error::Io {
                message: "a stored document was removed while it was being attached; try again"
                    .into(),
            });
        };
        let dir = self
            .path
            .parent()
            .expect("a document path has a parent folder");
        std::fs::create_dir_all(dir)?;
        tmp.persist(&self.path).map_err(|e| Error::from(e.error))
    }
}

/// The SHA-256 of `bytes`, in lowercase hex: a stored file's name.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Renews the modification time of an existing file; false when there is
/// no file (or it cannot be touched: then it is written anew).
fn renew(path: &Path) -> bool {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .is_ok()
}

fn modified_before(path: &Path, before: SystemTime) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|at| at < before)
}

/// Removes a file; one already gone is fine.
fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
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
