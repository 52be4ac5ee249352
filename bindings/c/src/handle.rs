//! Opaque handles: a global table of open [`Lakse`] values with generation
//! counters.
//!
//! A `lakse_handle` is not a pointer but a 64-bit id: the slot's index + 1 in
//! the low 32 bits, the slot's generation in the high 32 bits. Freeing a
//! handle empties its slot and bumps the generation, so a later use of the
//! freed id — or a second free — is told apart from a live handle and from an
//! id lakse never gave out, and each is an error number instead of undefined
//! behaviour. A call takes its own reference ([`Arc`]) to the value, so a free
//! on another thread while it runs is safe: the value goes when both are done.

use std::ffi::c_char;
use std::sync::{Arc, Mutex, MutexGuard};

use lakse_core::error::ErrorCode;
use lakse_core::{Error, Lakse, OpenOptions};

use crate::boundary::{self, guard};

/// An open lakse handle: an id, not a pointer (see `lakse_open`).
pub type lakse_handle = u64;

/// The id no handle ever has.
pub const LAKSE_NULL_HANDLE: lakse_handle = 0;

struct Slot {
    generation: u32,
    lakse: Option<Arc<Lakse>>,
}

struct Table {
    slots: Vec<Slot>,
    /// Indices of empty slots whose generation can still grow.
    free: Vec<u32>,
}

static TABLE: Mutex<Table> = Mutex::new(Table {
    slots: Vec::new(),
    free: Vec::new(),
});

/// The table. A panic never happens while it is held, so a poisoned lock
/// still holds a consistent table.
fn table() -> MutexGuard<'static, Table> {
    TABLE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn invalid(reason: &str) -> Error {
    Error::rule(ErrorCode::ApiInvalidArguments, "handle", reason)
}

fn freed() -> Error {
    Error::rule(
        ErrorCode::HandleClosed,
        "handle",
        "the handle was freed (lakse_free_handle)",
    )
}

impl Table {
    /// The slot index of `handle`, or why it names no slot at all.
    fn index(&self, handle: lakse_handle) -> Result<usize, Error> {
        if handle == LAKSE_NULL_HANDLE {
            return Err(invalid("null handle (LAKSE_NULL_HANDLE)"));
        }
        let low = (handle & 0xFFFF_FFFF) as usize;
        let generation = (handle >> 32) as u32;
        match low
            .checked_sub(1)
            .and_then(|i| self.slots.get(i).map(|s| (i, s)))
        {
            Some((i, slot)) if generation == slot.generation && slot.lakse.is_some() => Ok(i),
            Some((_, slot)) if generation != 0 && generation <= slot.generation => Err(freed()),
            _ => Err(invalid("not a handle lakse_open gave out")),
        }
    }

    fn insert(&mut self, lakse: Lakse) -> lakse_handle {
        let lakse = Some(Arc::new(lakse));
        let index = match self.free.pop() {
            Some(i) => {
                self.slots[i as usize].lakse = lakse;
                i as usize
            }
            None => {
                self.slots.push(Slot {
                    generation: 1,
                    lakse,
                });
                self.slots.len() - 1
            }
        };
        (u64::from(self.slots[index].generation) << 32) | (index as u64 + 1)
    }

    fn remove(&mut self, handle: lakse_handle) -> Result<Arc<Lakse>, Error> {
        let index = self.index(handle)?;
        let slot = &mut self.slots[index];
        let lakse = slot.lakse.take().ok_or_else(freed)?;
        // A slot whose generation cannot grow any more is never reused.
        if let Some(next) = slot.generation.checked_add(1) {
            slot.generation = next;
            self.free.push(index as u32);
        }
        Ok(lakse)
    }
}

/// The live value `handle` names, for one call.
pub(crate) fn get(handle: lakse_handle) -> Result<Arc<Lakse>, Error> {
    let table = table();
    let index = table.index(handle)?;
    table.slots[index].lakse.clone().ok_or_else(freed)
}

/// Opens (creating it if needed) the data folder that `options_json`
/// describes and writes a new handle to `*out`.
///
/// `options_json` is a JSON object `OpenOptions` (`tests/vectors/api.json`,
/// `types.OpenOptions`): `data_dir` is required, every other field has a
/// default, e.g. `{"data_dir": "/var/lib/lakse"}`. Bad options fail with
/// their own code (`options.invalid`, `options.invalid_prefix`, …) before
/// anything is created on disk.
///
/// On failure `*out` is `LAKSE_NULL_HANDLE`. Free the handle with
/// `lakse_free_handle` (after `lakse_close`, or instead of it).
///
/// # Safety
/// `options_json` is NULL or a NUL-terminated string; `out` is NULL or points
/// to writable memory for one `lakse_handle`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lakse_open(options_json: *const c_char, out: *mut lakse_handle) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(boundary::null_pointer("out"));
        }
        // SAFETY: non-null and writable by the caller's contract.
        unsafe { *out = LAKSE_NULL_HANDLE };
        // SAFETY: the caller's contract for `options_json`.
        let options = unsafe { boundary::read_json(options_json, "options_json") }?;
        // serde's message may quote a value (an SMTP password): not repeated.
        let options: OpenOptions = serde_json::from_value(options).map_err(|_| {
            Error::rule(
                ErrorCode::ApiInvalidArguments,
                "options_json",
                "not OpenOptions (the object api.json describes)",
            )
        })?;
        let lakse = Lakse::open_with_options(&options)?;
        let handle = table().insert(lakse);
        // SAFETY: as above.
        unsafe { *out = handle };
        Ok(())
    })
}

/// Frees a handle: its id is never valid again. The data folder is released
/// once no call that is still running on another thread uses it.
///
/// Freeing `LAKSE_NULL_HANDLE` or an id lakse never gave out returns
/// `LAKSE_API_INVALID_ARGUMENTS`; freeing a handle a second time returns
/// `LAKSE_HANDLE_CLOSED` (field `"handle"`) — never undefined behaviour.
#[unsafe(no_mangle)]
pub extern "C" fn lakse_free_handle(handle: lakse_handle) -> i32 {
    guard(|| {
        let lakse = table().remove(handle)?;
        drop(lakse);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> (tempfile::TempDir, lakse_handle) {
        let dir = tempfile::tempdir().expect("tempdir");
        let lakse = Lakse::open_with_options(&OpenOptions::new(dir.path().to_string_lossy()))
            .expect("open");
        (dir, table().insert(lakse))
    }

    #[test]
    fn freed_handles_are_told_apart_from_live_and_made_up_ones() {
        let (_dir, h) = open();
        assert!(get(h).is_ok());
        assert!(table().remove(h).is_ok());
        let again = table().remove(h).expect_err("double free");
        assert_eq!(
            (again.code(), again.field()),
            ("handle.closed", Some("handle"))
        );
        assert_eq!(get(h).expect_err("use after free").code(), "handle.closed");

        // The slot is reused with a new generation; the old id stays dead.
        let (_dir2, h2) = open();
        assert_ne!(h, h2);
        assert!(get(h2).is_ok());
        assert_eq!(get(h).expect_err("stale").code(), "handle.closed");
        table().remove(h2).expect("free");

        for bogus in [LAKSE_NULL_HANDLE, u64::MAX, 0xFFFF_FFFF, 7 << 32] {
            let e = get(bogus).expect_err("bogus");
            assert_eq!(
                (e.code(), e.field()),
                ("api.invalid_arguments", Some("handle"))
            );
        }
    }
}
