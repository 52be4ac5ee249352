//! The `Lakse` handle: every handle operation of the binding surface as a
//! method returning a Promise. Each call's arguments are converted on the
//! JavaScript thread; the core call and the conversion of its result run on
//! the libuv thread pool ([`Call`]), so the event loop never waits for the
//! database, a file, a password hash, a PDF or SMTP.

use std::sync::Arc;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::enums::{Actor, Status};
use crate::error;
use crate::inputs::{self, Completion, NewApplication, OpenOptions, ProfileInput, Resubmission};
use crate::printed::Printed;
use crate::records::{
    Account, ApplicationDetail, ApplicationPage, ApplicationSummary, AuditPage, Coupon,
    DeliveryReport, DocumentContent, Office, OutboxMessage, Photo, Profile, Service, Session,
    midnight,
};

type Job<T> = Box<dyn FnOnce() -> lakse_core::Result<T> + Send>;

/// One core call on the thread pool; its error becomes the catalogue's
/// JavaScript `Error` back on the JavaScript thread.
pub struct Call<T> {
    job: Option<Job<T>>,
}

impl<T: ToNapiValue + TypeName + Send + 'static> Call<T> {
    fn new(job: impl FnOnce() -> lakse_core::Result<T> + Send + 'static) -> AsyncTask<Self> {
        AsyncTask::new(Call {
            job: Some(Box::new(job)),
        })
    }
}

impl<T: ToNapiValue + TypeName + Send + 'static> Task for Call<T> {
    type Output = lakse_core::Result<T>;
    type JsValue = T;

    fn compute(&mut self) -> Result<Self::Output> {
        let job = self
            .job
            .take()
            .ok_or_else(|| Error::from_reason("a lakse call ran twice"))?;
        Ok(lakse_core::error::guard(job))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<T> {
        output.map_err(|e| error::to_js(&env, &e))
    }
}

/// A lakse data folder, opened: the whole service desk. Open it once with
/// `Lakse.open()` and share it; calls may run concurrently.
#[napi]
pub struct Lakse {
    core: Arc<lakse_core::Lakse>,
}

impl Lakse {
    fn run<T: ToNapiValue + TypeName + Send + 'static>(
        &self,
        call: impl FnOnce(&lakse_core::Lakse) -> lakse_core::Result<T> + Send + 'static,
    ) -> AsyncTask<Call<T>> {
        let core = Arc::clone(&self.core);
        Call::new(move || call(&core))
    }
}

#[napi]
impl Lakse {
    /// Opens (creating if needed) a data folder: a path, or the full options.
    #[napi(
        catch_unwind,
        writable = true,
        configurable = true,
        ts_args_type = "options: string | OpenOptions",
        ts_return_type = "Promise<Lakse>"
    )]
    pub fn open(options: Unknown) -> Result<AsyncTask<Call<Lakse>>> {
        // Converted by hand rather than as an `Either`, so that a bad field
        // is reported by name.
        let options = match options.get_type()? {
            ValueType::String => {
                let path = String::from_unknown(options)?;
                lakse_core::error::guard(|| Ok(lakse_core::OpenOptions::new(path)))
            }
            ValueType::Object => {
                let options = OpenOptions::from_unknown(options)?;
                lakse_core::error::guard(|| options.into_core())
            }
            other => {
                return Err(Error::new(
                    napi::Status::InvalidArg,
                    format!("expected a path or OpenOptions, found {other}"),
                ));
            }
        };
        Ok(Call::new(move || {
            let core = lakse_core::Lakse::open_with_options(&options?)?;
            Ok(Lakse {
                core: Arc::new(core),
            })
        }))
    }

    /// Closes the handle: every later call fails with `handle.closed`.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn close(&self) -> AsyncTask<Call<()>> {
        self.run(|l| {
            l.close();
            Ok(())
        })
    }

    /// The data folder's path.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn data_dir(&self) -> AsyncTask<Call<String>> {
        self.run(|l| l.data_dir())
    }

    /// Today in the office's time zone (a `Date` at midnight UTC).
    #[napi(catch_unwind, ts_return_type = "Promise<Date>")]
    pub fn today(&self) -> AsyncTask<Call<chrono::DateTime<chrono::Utc>>> {
        self.run(|l| l.check_open().map(|()| midnight(l.today())))
    }

    /// The office's public key, for verifying coupons offline.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn office_public_key(&self) -> AsyncTask<Call<String>> {
        self.run(|l| l.check_open().map(|()| l.office_public_key()))
    }

    /// The services the catalog lists, with their document slots and fields.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Service>>")]
    pub fn services(&self) -> AsyncTask<Call<Vec<Service>>> {
        self.run(|l| Ok(l.services()?.into_iter().map(Service::from).collect()))
    }

    /// The office the catalog describes.
    #[napi(catch_unwind, ts_return_type = "Promise<Office>")]
    pub fn office(&self) -> AsyncTask<Call<Office>> {
        self.run(|l| l.office().map(Office::from))
    }

    /// The pickup places an officer may choose.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<string>>")]
    pub fn pickup_places(&self) -> AsyncTask<Call<Vec<String>>> {
        self.run(|l| l.pickup_places())
    }

    /// Registers an e-mail address and queues its confirmation link.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn register(&self, email: String) -> AsyncTask<Call<()>> {
        self.run(move |l| l.register(&email))
    }

    /// Follows a confirmation link: activates the account and mails a one-time password.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn confirm(&self, token: String) -> AsyncTask<Call<()>> {
        self.run(move |l| l.confirm(&token))
    }

    /// Follows a confirmation link choosing the password at once.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn confirm_with_password(&self, token: String, password: String) -> AsyncTask<Call<()>> {
        self.run(move |l| l.confirm_with_password(&token, &password))
    }

    /// Logs in.
    #[napi(catch_unwind, ts_return_type = "Promise<Session>")]
    pub fn login(&self, email: String, password: String) -> AsyncTask<Call<Session>> {
        self.run(move |l| l.login(&email, &password).map(Session::from))
    }

    /// Ends a session.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn logout(&self, session: String) -> AsyncTask<Call<()>> {
        self.run(move |l| l.logout(&session))
    }

    /// The session's account.
    #[napi(catch_unwind, ts_return_type = "Promise<Account>")]
    pub fn whoami(&self, session: String) -> AsyncTask<Call<Account>> {
        self.run(move |l| l.whoami(&session).map(Account::from))
    }

    /// Changes the password (ends the account's other sessions).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn change_password(
        &self,
        session: String,
        old_password: String,
        new_password: String,
    ) -> AsyncTask<Call<()>> {
        self.run(move |l| l.change_password(&session, &old_password, &new_password))
    }

    /// Queues a password-reset link (the same answer whether the address has an account or not).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn forgot_password(&self, email: String) -> AsyncTask<Call<()>> {
        self.run(move |l| l.forgot_password(&email))
    }

    /// Sets a new password with a reset link.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn reset_password(
        &self,
        email: String,
        token: String,
        new_password: String,
    ) -> AsyncTask<Call<()>> {
        self.run(move |l| l.reset_password(&email, &token, &new_password))
    }

    /// Creates the first admin account (only while there is none).
    #[napi(catch_unwind, ts_return_type = "Promise<Account>")]
    pub fn bootstrap_admin(&self, email: String, password: String) -> AsyncTask<Call<Account>> {
        self.run(move |l| l.bootstrap_admin(&email, &password).map(Account::from))
    }

    /// Creates an officer or admin account (admins only); mails its one-time password.
    #[napi(catch_unwind, ts_return_type = "Promise<Account>")]
    pub fn create_staff(
        &self,
        session: String,
        email: String,
        role: Actor,
    ) -> AsyncTask<Call<Account>> {
        self.run(move |l| {
            l.create_staff(&session, &email, role.into())
                .map(Account::from)
        })
    }

    /// The caller's profile ("Data Diri").
    #[napi(catch_unwind, ts_return_type = "Promise<Profile>")]
    pub fn profile(&self, session: String) -> AsyncTask<Call<Printed<Profile>>> {
        self.run(move |l| l.profile(&session).map(Printed::of))
    }

    /// Replaces the caller's profile.
    #[napi(catch_unwind, ts_return_type = "Promise<Profile>")]
    pub fn update_profile(
        &self,
        session: String,
        input: ProfileInput,
    ) -> AsyncTask<Call<Printed<Profile>>> {
        let input = lakse_core::error::guard(|| Ok(lakse_core::profile::ProfileInput::from(input)));
        self.run(move |l| l.update_profile(&session, &input?).map(Printed::of))
    }

    /// Frees a NIK from the profile holding it (officers and admins; audited):
    /// true when a profile held it.
    #[napi(catch_unwind, ts_return_type = "Promise<boolean>")]
    pub fn release_nik(&self, session: String, nik: String) -> AsyncTask<Call<bool>> {
        self.run(move |l| l.release_nik(&session, &nik))
    }

    /// Uploads the profile photo (JPEG or PNG).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn set_profile_photo(
        &self,
        session: String,
        file_name: String,
        bytes: Buffer,
    ) -> AsyncTask<Call<()>> {
        let bytes = lakse_core::error::guard(|| Ok(bytes.to_vec()));
        self.run(move |l| l.set_profile_photo(&session, &file_name, &bytes?))
    }

    /// The profile photo, if any.
    #[napi(catch_unwind, ts_return_type = "Promise<Photo | null>")]
    pub fn profile_photo(&self, session: String) -> AsyncTask<Call<Option<Photo>>> {
        self.run(move |l| Ok(l.profile_photo(&session)?.map(Photo::from)))
    }

    /// Submits an application ("Permohonan").
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn submit(
        &self,
        session: String,
        application: NewApplication,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        let application = lakse_core::error::guard(|| {
            Ok(lakse_core::application::NewApplication::from(application))
        });
        self.run(move |l| l.submit(&session, &application?).map(Printed::of))
    }

    /// "Pengajuanku": the caller's applications, newest first.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationPage>")]
    pub fn my_applications(
        &self,
        session: String,
        page: Option<inputs::Page>,
    ) -> AsyncTask<Call<ApplicationPage>> {
        let page = lakse_core::error::guard(|| inputs::page(page));
        self.run(move |l| l.my_applications(&session, page?).map(Into::into))
    }

    /// "Detail Pengajuan" (officers' reads are audited).
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationDetail>")]
    pub fn application(
        &self,
        session: String,
        number: String,
    ) -> AsyncTask<Call<Printed<ApplicationDetail>>> {
        self.run(move |l| l.application(&session, &number).map(Printed::of))
    }

    /// One stored document of an application.
    #[napi(catch_unwind, ts_return_type = "Promise<DocumentContent>")]
    pub fn document(
        &self,
        session: String,
        number: String,
        slot: String,
    ) -> AsyncTask<Call<Printed<DocumentContent>>> {
        self.run(move |l| l.document(&session, &number, &slot).map(Printed::of))
    }

    /// Corrects and resubmits a rejected application.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn resubmit(
        &self,
        session: String,
        number: String,
        change: Resubmission,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        let change =
            lakse_core::error::guard(|| Ok(lakse_core::application::Resubmission::from(change)));
        self.run(move |l| l.resubmit(&session, &number, &change?).map(Printed::of))
    }

    /// Cancels the caller's application.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn cancel(
        &self,
        session: String,
        number: String,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        self.run(move |l| l.cancel(&session, &number).map(Printed::of))
    }

    /// The officer queue, oldest first, by status and service.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationPage>")]
    pub fn queue(
        &self,
        session: String,
        status: Option<Status>,
        service: Option<String>,
        page: Option<inputs::Page>,
    ) -> AsyncTask<Call<ApplicationPage>> {
        let page = lakse_core::error::guard(|| inputs::page(page));
        self.run(move |l| {
            l.queue(&session, status.map(Into::into), service.as_deref(), page?)
                .map(Into::into)
        })
    }

    /// Accepts a submitted application for processing.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn accept(
        &self,
        session: String,
        number: String,
        note: Option<String>,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        let note = note.unwrap_or_default();
        self.run(move |l| l.accept(&session, &number, &note).map(Printed::of))
    }

    /// Rejects an application with the reason the applicant must fix.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn reject(
        &self,
        session: String,
        number: String,
        reason: String,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        self.run(move |l| l.reject(&session, &number, &reason).map(Printed::of))
    }

    /// Completes an application with the pickup date, place and note.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn complete(
        &self,
        session: String,
        number: String,
        completion: Completion,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        let completion =
            lakse_core::error::guard(|| Ok(lakse_core::application::Completion::from(completion)));
        self.run(move |l| l.complete(&session, &number, &completion?).map(Printed::of))
    }

    /// Records that the documents were collected.
    #[napi(catch_unwind, ts_return_type = "Promise<ApplicationSummary>")]
    pub fn collect(
        &self,
        session: String,
        number: String,
    ) -> AsyncTask<Call<Printed<ApplicationSummary>>> {
        self.run(move |l| l.collect(&session, &number).map(Printed::of))
    }

    /// The audit log, newest first (admins only).
    #[napi(catch_unwind, ts_return_type = "Promise<AuditPage>")]
    pub fn audit_log(
        &self,
        session: String,
        page: Option<inputs::Page>,
    ) -> AsyncTask<Call<AuditPage>> {
        let page = lakse_core::error::guard(|| inputs::page(page));
        self.run(move |l| l.audit_log(&session, page?).map(Into::into))
    }

    /// The pickup coupon of a completed application: a PDF and its verification code.
    #[napi(catch_unwind, ts_return_type = "Promise<Coupon>")]
    pub fn coupon(&self, session: String, number: String) -> AsyncTask<Call<Coupon>> {
        self.run(move |l| l.coupon(&session, &number).map(Into::into))
    }

    /// The oldest `limit` messages of the outbox.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<OutboxMessage>>")]
    pub fn outbox(&self, limit: i64) -> AsyncTask<Call<Vec<Printed<OutboxMessage>>>> {
        self.run(move |l| {
            let limit = inputs::count("limit", limit)?;
            Ok(l.outbox(limit)?.into_iter().map(Printed::of).collect())
        })
    }

    /// Sends due messages (SMTP or folder), at least once each.
    #[napi(catch_unwind, ts_return_type = "Promise<DeliveryReport>")]
    pub fn deliver_pending(&self, limit: i64) -> AsyncTask<Call<DeliveryReport>> {
        self.run(move |l| {
            l.deliver_pending(inputs::count("limit", limit)?)
                .map(Into::into)
        })
    }

    /// Sends a parked message again.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn retry_outbox(&self, id: i64) -> AsyncTask<Call<()>> {
        self.run(move |l| l.retry_outbox(id))
    }

    /// A message as the RFC 5322 bytes it is sent as.
    #[napi(catch_unwind, ts_return_type = "Promise<Buffer>")]
    pub fn compose_outbox(&self, id: i64) -> AsyncTask<Call<Buffer>> {
        self.run(move |l| l.compose_outbox(id).map(Buffer::from))
    }
}
