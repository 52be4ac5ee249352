//! An application's documents: checking uploads against the service's
//! slots, attaching stored files, and reading one back ("Lihat").

use super::view::DocumentContent;
use crate::catalog::{DocumentSlot, FileType};
use crate::document::{self, Upload};
use crate::error::{Error, ErrorCode, Result};
use crate::lakse::Lakse;
use crate::store::{self, BlobRow, DocumentRow, Millis, Tx};

/// A checked file, ready to store.
pub(super) struct CheckedUpload {
    pub slot: String,
    pub file_name: String,
    pub kind: FileType,
    pub bytes: Vec<u8>,
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

/// Records stored uploads (`blobs[i]` holds `uploads[i]`) as the
/// application's documents, replacing those of the same slots.
pub(super) fn attach_documents(
    tx: &mut dyn Tx,
    application_id: i64,
    uploads: &[CheckedUpload],
    blobs: &[BlobRow],
    now: Millis,
) -> Result<()> {
    for b in blobs {
        tx.insert_blob(b, now)?;
    }
    let docs: Vec<DocumentRow> = uploads
        .iter()
        .zip(blobs)
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
}
