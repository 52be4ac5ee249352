//! Hardening (issue 9, items 9–11) and the text rules in one module (issue 8
//! §6): uploads survive a deleted `documents/tmp`; control and invisible
//! characters are refused where people type text, and text is stored in NFC;
//! uploaded files are parsed, not sniffed, so active PDFs and polyglots are
//! refused.

mod common;

use common::{Desk, fixture, ktp_rusak};

// ---------------------------------------------------------------------------
// 9. Deleting `documents/tmp` under a live handle breaks every upload until reopen.

#[test]
fn h09_deleting_documents_tmp_under_a_live_handle_does_not_break_uploads() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    let tmp = desk.dir.path().join("documents").join("tmp");
    std::fs::remove_dir_all(&tmp).expect("remove documents/tmp");
    desk.lakse
        .submit(&me.token, &ktp_rusak())
        .expect("a submission recreates documents/tmp");
    assert!(tmp.is_dir());

    // Even the whole documents folder: the next upload makes what it needs.
    std::fs::remove_dir_all(desk.dir.path().join("documents")).expect("remove documents");
    desk.lakse
        .set_profile_photo(&me.token, "foto.jpg", &fixture("selfie.jpg"))
        .expect("a photo upload recreates the folders");
    assert_eq!(
        desk.lakse
            .profile_photo(&me.token)
            .expect("read")
            .expect("a photo")
            .0,
        fixture("selfie.jpg")
    );
}
