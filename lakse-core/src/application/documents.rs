//! An application's documents: checking uploads against the service's
//! slots, attaching stored files, reading one back ("Lihat"), and
//! collecting the files no row refers to (what a killed process left).

use std::time::{Duration, SystemTime};

use super::view::DocumentContent;
use crate::catalog::{DocumentSlot, FileType};
use crate::document::{self, Staged, Upload};
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::Lakse;
use crate::store::{self, DocumentRow, Millis, Tx};

/// A checked file, ready to store.
pub(super) struct CheckedUpload {
    pub slot: String,
    pub file_name: String,
    pub kind: FileType,
    pub bytes: Vec<u8>,
    /// The content's SHA-256 (lowercase hex).
    pub sha256: String,
}

/// Checks uploads against the slots that apply: known slot, once each, plain
/// name, not empty, within size, right type by content.
pub(super) fn check_uploads(
    slots: &[&DocumentSlot],
    uploads: &[Upload],
) -> Result<Vec<CheckedUpload>> {
    let mut checked: Vec<CheckedUpload> = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let field = format!("documents.{}", upload.slot);
        let slot = slots.iter().find(|s| s.id == upload.slot).ok_or_else(|| {
            Error::DocumentUnknownSlot {
                field: field.clone(),
            }
        })?;
        if checked.iter().any(|c| c.slot == upload.slot) {
            return Err(Error::rule(
                ErrorCode::DocumentDuplicate,
                field,
                "one file per document",
            ));
        }
        let file_name = document::clean_file_name(&field, &upload.file_name)?;
        let kind = document::check(&field, &upload.bytes, &slot.rule.types, slot.rule.max_bytes)?;
        checked.push(CheckedUpload {
            slot: upload.slot.clone(),
            file_name,
            kind,
            sha256: document::sha256_hex(&upload.bytes),
            bytes: upload.bytes.clone(),
        });
    }
    Ok(checked)
}

/// Every required slot filled (by `present`), and the total within the limit.
pub(super) fn check_complete(
    slots: &[&DocumentSlot],
    present: &[(&str, u64)],
    max_total: u64,
) -> Result<()> {
    if let Some(missing) = slots
        .iter()
        .find(|s| s.required && !present.iter().any(|(slot, _)| *slot == s.id))
    {
        return Err(Error::DocumentMissing {
            field: format!("documents.{}", missing.id),
        });
    }
    let total: u64 = present.iter().map(|(_, size)| size).sum();
    if total > max_total {
        return Err(Error::ApplicationTooLarge {
            max: max_total,
            size: total,
        });
    }
    Ok(())
}

/// Places staged uploads (`files[i]` holds `uploads[i]`) and records them as
/// the application's documents, replacing those of the same slots. Call it
/// after every check of the transaction that can still refuse.
pub(super) fn attach_documents(
    tx: &mut dyn Tx,
    application_id: i64,
    uploads: &[CheckedUpload],
    files: &[Staged],
    now: Millis,
) -> Result<()> {
    for f in files {
        f.place()?;
        tx.insert_blob(&f.blob, now)?;
    }
    let docs: Vec<DocumentRow> = uploads
        .iter()
        .zip(files.iter().map(|f| &f.blob))
        .map(|(u, b)| DocumentRow {
            slot: u.slot.clone(),
            sha256: b.sha256.clone(),
            file_name: u.file_name.clone(),
            size: b.size,
            mime: b.mime.clone(),
        })
        .collect();
    tx.put_documents(application_id, &docs)
}

impl Lakse {
    /// A document's content ("Lihat"), for the owner or staff (audited).
    pub fn document(&self, session: &str, number: &str, slot: &str) -> Result<DocumentContent> {
        let now = self.now_ms();
        let doc = store::write(self.live()?, |tx| {
            let (caller, row) = self.visible(tx, session, number)?;
            let doc = tx
                .documents(row.id)?
                .into_iter()
                .find(|d| d.slot == slot)
                .ok_or_else(|| Error::DocumentUnknownSlot {
                    field: format!("documents.{slot}"),
                })?;
            self.audit_read(tx, &caller, "read_document", &row, &doc.slot, now)?;
            Ok(doc)
        })?;
        Ok(DocumentContent {
            bytes: self.documents.get(&doc.sha256)?,
            file_name: doc.file_name,
            mime: doc.mime,
        })
    }

    /// Stages checked uploads (see [`Staged`]); nothing is in place yet.
    pub(super) fn stage_uploads(&self, uploads: &[CheckedUpload]) -> Result<Vec<Staged>> {
        uploads
            .iter()
            .map(|u| {
                self.documents
                    .stage_hashed(&u.bytes, u.sha256.clone(), u.kind)
            })
            .collect()
    }

    /// Removes what a killed process left in `documents/`: temporary files,
    /// and stored files that no row refers to. Only files older than
    /// [`ORPHAN_AGE`] go, so that a submission under way in another process
    /// keeps its files; each stored file is looked up and removed inside a
    /// write transaction, where no file is being placed.
    ///
    /// Called at every open, it sweeps at most once per [`ORPHAN_AGE`]
    /// across all processes: a sweep reads the whole folder and looks every
    /// old file up, which a large office should not pay on every open (an
    /// admin script opens the folder on each run), and an orphan is not
    /// collectable before that age anyway.
    pub(crate) fn collect_orphan_files(&self) -> Result<()> {
        let before = SystemTime::now()
            .checked_sub(ORPHAN_AGE)
            .unwrap_or(SystemTime::UNIX_EPOCH);
        if self.documents.swept_since(before) {
            return Ok(());
        }
        self.documents.clear_tmp(before)?;
        let old = self.documents.stored_before(before)?;
        for batch in old.chunks(ORPHAN_BATCH) {
            store::write(self.live()?, |tx| {
                for sha256 in batch {
                    if tx.blob(sha256)?.is_none() {
                        self.documents.remove_unless_recent(sha256, before)?;
                    }
                }
                Ok(())
            })?;
        }
        self.documents.mark_swept()
    }
}

/// How old a file without a row must be before it is collected: far longer
/// than any submission takes between writing its files and committing.
const ORPHAN_AGE: Duration = Duration::from_secs(60 * 60);

/// Files looked up per write transaction while collecting, so that other
/// writers wait only briefly.
const ORPHAN_BATCH: usize = 256;
