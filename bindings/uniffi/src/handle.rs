//! The [`Lakse`] handle: every handle operation of `lakse_core::api`.
//!
//! Each method touches the database, files or the network, so each is
//! `async` (Kotlin `suspend`, Swift `async`): the core call runs on the
//! `blocking` crate's thread pool and the caller's thread is free meanwhile.

use std::sync::Arc;

use lakse_core::Lakse as Core;

use crate::account::{Account, Session};
use crate::application::{
    Actor, ApplicationDetail, ApplicationPage, ApplicationSummary, AuditPage, Completion,
    DocumentContent, NewApplication, Page, Resubmission, Status,
};
use crate::catalog::{Office, Service};
use crate::convert::Conv;
use crate::coupon::Coupon;
use crate::error::LakseError;
use crate::options::OpenOptions;
use crate::outbox::{DeliveryReport, OutboxMessage};
use crate::profile::{Photo, Profile, ProfileInput};

/// An open lakse data folder. Share one handle across threads and coroutines.
#[derive(uniffi::Object)]
pub struct Lakse {
    core: Arc<Core>,
}

impl Lakse {
    /// Runs `call` on the core handle off the caller's thread and converts its
    /// outcome (a panic is `LakseException.Internal`, as in every binding).
    async fn run<T, R>(
        &self,
        call: impl FnOnce(&Core) -> lakse_core::Result<T> + Send + 'static,
    ) -> Result<R, LakseError>
    where
        T: Conv<R> + Send + 'static,
    {
        let core = Arc::clone(&self.core);
        blocking::unblock(move || lakse_core::error::guard(|| call(&core)))
            .await
            .map(Conv::conv)
            .map_err(LakseError::from)
    }
}

#[uniffi::export]
impl Lakse {
    /// Opens (creating if needed) the data folder `options` describe. Bad
    /// options are refused before anything is created.
    #[uniffi::constructor]
    pub async fn open(options: OpenOptions) -> Result<Arc<Lakse>, LakseError> {
        let options: lakse_core::OpenOptions = options.conv();
        let core = blocking::unblock(move || {
            lakse_core::error::guard(|| Core::open_with_options(&options))
        })
        .await?;
        Ok(Arc::new(Lakse {
            core: Arc::new(core),
        }))
    }

    /// Closes the handle: every later call fails with `handle.closed`.
    /// (Kotlin: `closeHandle`, since `close` releases the object itself.)
    pub async fn close(&self) -> Result<(), LakseError> {
        self.run(|l| {
            l.close();
            Ok(())
        })
        .await
    }

    /// The data folder's path.
    pub async fn data_dir(&self) -> Result<String, LakseError> {
        self.run(|l| l.data_dir()).await
    }

    /// Today in the office's time zone.
    pub async fn today(&self) -> Result<chrono::NaiveDate, LakseError> {
        self.run(|l| Ok(l.today())).await
    }

    /// The office's public key, for verifying coupons offline.
    pub async fn office_public_key(&self) -> Result<String, LakseError> {
        self.run(|l| Ok(l.office_public_key())).await
    }

    /// The services the catalog lists, with their document slots and fields.
    pub async fn services(&self) -> Result<Vec<Service>, LakseError> {
        self.run(|l| l.services()).await
    }

    /// The office the catalog describes.
    pub async fn office(&self) -> Result<Office, LakseError> {
        self.run(|l| l.office()).await
    }

    /// The pickup places an officer may choose.
    pub async fn pickup_places(&self) -> Result<Vec<String>, LakseError> {
        self.run(|l| l.pickup_places()).await
    }

    /// Registers an e-mail address and queues its confirmation link.
    pub async fn register(&self, email: String) -> Result<(), LakseError> {
        self.run(move |l| l.register(&email)).await
    }

    /// Follows a confirmation link: activates the account and mails a one-time password.
    pub async fn confirm(&self, token: String) -> Result<(), LakseError> {
        self.run(move |l| l.confirm(&token)).await
    }

    /// Follows a confirmation link choosing the password at once.
    pub async fn confirm_with_password(
        &self,
        token: String,
        password: String,
    ) -> Result<(), LakseError> {
        self.run(move |l| l.confirm_with_password(&token, &password))
            .await
    }

    /// Logs in.
    pub async fn login(&self, email: String, password: String) -> Result<Session, LakseError> {
        self.run(move |l| l.login(&email, &password)).await
    }

    /// Ends a session.
    pub async fn logout(&self, session: String) -> Result<(), LakseError> {
        self.run(move |l| l.logout(&session)).await
    }

    /// The session's account.
    pub async fn whoami(&self, session: String) -> Result<Account, LakseError> {
        self.run(move |l| l.whoami(&session)).await
    }

    /// Changes the password (ends the account's other sessions).
    pub async fn change_password(
        &self,
        session: String,
        old_password: String,
        new_password: String,
    ) -> Result<(), LakseError> {
        self.run(move |l| l.change_password(&session, &old_password, &new_password))
            .await
    }

    /// Queues a password-reset link (the same answer whether the address has an account or not).
    pub async fn forgot_password(&self, email: String) -> Result<(), LakseError> {
        self.run(move |l| l.forgot_password(&email)).await
    }

    /// Sets a new password with a reset link.
    pub async fn reset_password(
        &self,
        email: String,
        token: String,
        new_password: String,
    ) -> Result<(), LakseError> {
        self.run(move |l| l.reset_password(&email, &token, &new_password))
            .await
    }

    /// Creates the first admin account (only while there is none).
    pub async fn bootstrap_admin(
        &self,
        email: String,
        password: String,
    ) -> Result<Account, LakseError> {
        self.run(move |l| l.bootstrap_admin(&email, &password))
            .await
    }

    /// Creates an officer or admin account (admins only); mails its one-time password.
    pub async fn create_staff(
        &self,
        session: String,
        email: String,
        role: Actor,
    ) -> Result<Account, LakseError> {
        self.run(move |l| l.create_staff(&session, &email, role))
            .await
    }

    /// The caller's profile ("Data Diri").
    pub async fn profile(&self, session: String) -> Result<Profile, LakseError> {
        self.run(move |l| l.profile(&session)).await
    }

    /// Replaces the caller's profile.
    pub async fn update_profile(
        &self,
        session: String,
        input: ProfileInput,
    ) -> Result<Profile, LakseError> {
        let input: lakse_core::profile::ProfileInput = input.conv();
        self.run(move |l| l.update_profile(&session, &input)).await
    }

    /// Frees a NIK from the profile holding it (officers and admins; audited):
    /// true when a profile held it.
    pub async fn release_nik(&self, session: String, nik: String) -> Result<bool, LakseError> {
        self.run(move |l| l.release_nik(&session, &nik)).await
    }

    /// Uploads the profile photo (JPEG or PNG).
    pub async fn set_profile_photo(
        &self,
        session: String,
        file_name: String,
        bytes: Vec<u8>,
    ) -> Result<(), LakseError> {
        self.run(move |l| l.set_profile_photo(&session, &file_name, &bytes))
            .await
    }

    /// The profile photo, if any.
    pub async fn profile_photo(&self, session: String) -> Result<Option<Photo>, LakseError> {
        self.run(move |l| l.profile_photo(&session)).await
    }

    /// Submits an application ("Permohonan").
    pub async fn submit(
        &self,
        session: String,
        application: NewApplication,
    ) -> Result<ApplicationSummary, LakseError> {
        let application: lakse_core::application::NewApplication = application.conv();
        self.run(move |l| l.submit(&session, &application)).await
    }

    /// "Pengajuanku": the caller's applications, newest first.
    pub async fn my_applications(
        &self,
        session: String,
        page: Page,
    ) -> Result<ApplicationPage, LakseError> {
        let page: lakse_core::application::Page = page.conv();
        self.run(move |l| l.my_applications(&session, page)).await
    }

    /// "Detail Pengajuan" (officers' reads are audited).
    pub async fn application(
        &self,
        session: String,
        number: String,
    ) -> Result<ApplicationDetail, LakseError> {
        self.run(move |l| l.application(&session, &number)).await
    }

    /// One stored document of an application.
    pub async fn document(
        &self,
        session: String,
        number: String,
        slot: String,
    ) -> Result<DocumentContent, LakseError> {
        self.run(move |l| l.document(&session, &number, &slot))
            .await
    }

    /// Corrects and resubmits a rejected application.
    pub async fn resubmit(
        &self,
        session: String,
        number: String,
        change: Resubmission,
    ) -> Result<ApplicationSummary, LakseError> {
        let change: lakse_core::application::Resubmission = change.conv();
        self.run(move |l| l.resubmit(&session, &number, &change))
            .await
    }

    /// Cancels the caller's application.
    pub async fn cancel(
        &self,
        session: String,
        number: String,
    ) -> Result<ApplicationSummary, LakseError> {
        self.run(move |l| l.cancel(&session, &number)).await
    }

    /// The officer queue, oldest first, by status and service.
    pub async fn queue(
        &self,
        session: String,
        status: Option<Status>,
        service: Option<String>,
        page: Page,
    ) -> Result<ApplicationPage, LakseError> {
        let page: lakse_core::application::Page = page.conv();
        self.run(move |l| l.queue(&session, status, service.as_deref(), page))
            .await
    }

    /// Accepts a submitted application for processing.
    pub async fn accept(
        &self,
        session: String,
        number: String,
        note: String,
    ) -> Result<ApplicationSummary, LakseError> {
        self.run(move |l| l.accept(&session, &number, &note)).await
    }

    /// Rejects an application with the reason the applicant must fix.
    pub async fn reject(
        &self,
        session: String,
        number: String,
        reason: String,
    ) -> Result<ApplicationSummary, LakseError> {
        self.run(move |l| l.reject(&session, &number, &reason))
            .await
    }

    /// Completes an application with the pickup date, place and note.
    pub async fn complete(
        &self,
        session: String,
        number: String,
        completion: Completion,
    ) -> Result<ApplicationSummary, LakseError> {
        let completion: lakse_core::application::Completion = completion.conv();
        self.run(move |l| l.complete(&session, &number, &completion))
            .await
    }

    /// Records that the documents were collected.
    pub async fn collect(
        &self,
        session: String,
        number: String,
    ) -> Result<ApplicationSummary, LakseError> {
        self.run(move |l| l.collect(&session, &number)).await
    }

    /// The audit log, newest first (admins only).
    pub async fn audit_log(&self, session: String, page: Page) -> Result<AuditPage, LakseError> {
        let page: lakse_core::application::Page = page.conv();
        self.run(move |l| l.audit_log(&session, page)).await
    }

    /// The pickup coupon of a completed application.
    pub async fn coupon(&self, session: String, number: String) -> Result<Coupon, LakseError> {
        self.run(move |l| l.coupon(&session, &number)).await
    }

    /// The oldest `limit` messages of the outbox.
    pub async fn outbox(&self, limit: u32) -> Result<Vec<OutboxMessage>, LakseError> {
        self.run(move |l| l.outbox(limit)).await
    }

    /// Sends due messages (SMTP or folder), at least once each.
    pub async fn deliver_pending(&self, limit: u32) -> Result<DeliveryReport, LakseError> {
        self.run(move |l| l.deliver_pending(limit)).await
    }

    /// Sends a parked message again.
    pub async fn retry_outbox(&self, id: i64) -> Result<(), LakseError> {
        self.run(move |l| l.retry_outbox(id)).await
    }

    /// A message as the RFC 5322 bytes it is sent as.
    pub async fn compose_outbox(&self, id: i64) -> Result<Vec<u8>, LakseError> {
        self.run(move |l| l.compose_outbox(id)).await
    }
}
