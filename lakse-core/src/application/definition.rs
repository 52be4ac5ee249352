//! The service an application was submitted under.
//!
//! A catalog changes: an office renames a service, changes its documents,
//! switches it off or drops it. Applications already made must stay
//! readable and workable to their end, so each keeps the definition of its
//! service from the day it was submitted (the [`Service`] as JSON, stored
//! once per distinct definition under its SHA-256). Only new applications
//! go by the catalog of the day.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use sha2::{Digest, Sha256};

use crate::catalog::Service;
use crate::error::{Error, Result};
use crate::lakse::Lakse;
use crate::store::{self, ApplicationRow, Millis, Tx};

/// Definitions read back, by hash. A hash names its content, so the cache
/// is shared by every handle of the process and never goes stale.
static DEFINITIONS: LazyLock<RwLock<HashMap<String, Arc<Service>>>> =
    LazyLock::new(Default::default);

fn cached(sha256: &str) -> Option<Arc<Service>> {
    DEFINITIONS.read().ok()?.get(sha256).cloned()
}

fn remember(sha256: &str, service: Service) -> Arc<Service> {
    let service = Arc::new(service);
    if let Ok(mut map) = DEFINITIONS.write() {
        map.insert(sha256.to_owned(), Arc::clone(&service));
    }
    service
}

/// A service's definition as stored: its JSON and that JSON's SHA-256.
fn definition(service: &Service) -> Result<(String, String)> {
    let json = serde_json::to_string(service).map_err(Error::internal)?;
    Ok((hex::encode(Sha256::digest(json.as_bytes())), json))
}

impl Lakse {
    /// Stores the definition of `service` (once) and returns its hash, for a
    /// new application's `service_sha256`.
    pub(super) fn keep_definition(
        &self,
        tx: &mut dyn Tx,
        service: &Service,
        now: Millis,
    ) -> Result<String> {
        let (sha256, json) = definition(service)?;
        // Always through the store: the cache also holds other folders' definitions.
        tx.insert_service_definition(&sha256, &service.id, &json, now)?;
        if cached(&sha256).is_none() {
            remember(&sha256, service.clone());
        }
        Ok(sha256)
    }

    /// The service `row` was submitted under, read in `tx`. An application
    /// from before definitions were kept goes by today's catalog.
    pub(crate) fn service_of(&self, tx: &mut dyn Tx, row: &ApplicationRow) -> Result<Arc<Service>> {
        let Some(sha256) = &row.service_sha256 else {
            return self
                .config
                .catalog
                .service(&row.service)
                .cloned()
                .map(Arc::new);
        };
        if let Some(service) = cached(sha256) {
            return Ok(service);
        }
        let json = tx
            .service_definition(sha256)?
            .ok_or_else(|| Error::corrupt("applications", &row.number, "service_sha256"))?;
        let service: Service = serde_json::from_str(&json)
            .map_err(|_| Error::corrupt("service_definitions", sha256, "definition"))?;
        Ok(remember(sha256, service))
    }

    /// [`Lakse::service_of`] in a read of its own, when it is not cached.
    pub(crate) fn service_of_row(&self, row: &ApplicationRow) -> Result<Arc<Service>> {
        match row.service_sha256.as_deref().and_then(cached) {
            Some(service) => Ok(service),
            None => store::read(self.live()?, |tx| self.service_of(tx, row)),
        }
    }

    /// The catalog's service `id` for a new application; a service that
    /// applications were made for but the catalog no longer has is refused
    /// as switched off (`catalog.service_disabled`), not as unknown.
    pub(super) fn service_to_apply(&self, id: &str) -> Result<&Service> {
        match self.config.catalog.service_to_apply(id) {
            Err(Error::UnknownService { .. })
                if store::read(self.live()?, |tx| tx.service_defined(id))? =>
            {
                Err(Error::ServiceDisabled {
                    service: id.to_owned(),
                })
            }
            other => other,
        }
    }

    /// Whether officers may filter the queue by `id`: a service of the
    /// catalog, or one that applications were made for.
    pub(super) fn check_queue_service(&self, id: &str) -> Result<()> {
        match self.config.catalog.service(id) {
            Err(e) if !store::read(self.live()?, |tx| tx.service_defined(id))? => Err(e),
            _ => Ok(()),
        }
    }

    /// Gives applications from before definitions were kept the definition
    /// of their service in this handle's catalog (once, on open); those whose
    /// service it lacks wait for a catalog that has it.
    pub(crate) fn keep_missing_definitions(&self) -> Result<()> {
        let store = self.live()?;
        let services = store::read(store, |tx| tx.services_without_definition())?;
        let now = self.now_ms();
        for id in services {
            let Ok(service) = self.config.catalog.service(&id) else {
                continue;
            };
            store::write(store, |tx| {
                let sha256 = self.keep_definition(tx, service, now)?;
                tx.set_missing_definitions(&id, &sha256)
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_service_survives_its_stored_form() {
        for service in Catalog::batam().services {
            let (sha256, json) = definition(&service).expect("json");
            let back: Service = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, service);
            assert_eq!(definition(&back).expect("json").0, sha256, "stable hash");
        }
    }

    #[test]
    fn a_stored_definition_is_read_from_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lakse = Lakse::open(dir.path()).expect("open");
        let mut old = Catalog::batam().services.remove(0);
        old.name = "Nama lama, hanya di folder ini".into();
        let (sha256, json) = definition(&old).expect("json");
        assert!(cached(&sha256).is_none());
        let store = lakse.live().expect("live");
        store::write(store, |tx| {
            tx.insert_service_definition(&sha256, &old.id, &json, 0)
        })
        .expect("store");
        let row = ApplicationRow {
            id: 0,
            number: "BTM-2026-000001-J".into(),
            account_id: 0,
            service: old.id.clone(),
            subtype: None,
            nik: String::new(),
            no_kk: String::new(),
            nama: String::new(),
            whatsapp: String::new(),
            keterangan: String::new(),
            fields: "{}".into(),
            status: "diajukan".into(),
            note: String::new(),
            submitted_at: 0,
            updated_at: 0,
            pickup_date: None,
            pickup_place: None,
            idempotency_key: None,
            service_sha256: Some(sha256),
            form_sha256: None,
        };
        assert_eq!(*lakse.service_of_row(&row).expect("read"), old);
        let unknown = ApplicationRow {
            service_sha256: Some("0".repeat(64)),
            ..row
        };
        assert_eq!(
            lakse.service_of_row(&unknown).unwrap_err().code(),
            "store.corrupt"
        );
    }
}
