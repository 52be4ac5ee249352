//! The e-mails: Indonesian templates, rendering, and the MIME message.
//!
//! Every [`Kind`] of notification has three templates — `<kind>.subject`,
//! `<kind>.txt` and `<kind>.html` (the HTML ones extend `layout.html`) — written
//! in [minijinja](https://docs.rs/minijinja) and embedded from
//! `lakse-core/data/mail/`. An office replaces any of them with
//! [`Templates::with_overrides`] or [`Templates::load_dir`]; overrides are
//! checked when loaded, so a typo is refused at start-up
//! ([`Error::MailTemplate`] naming the template) rather than when an
//! applicant's e-mail is due.
//!
//! Templates see only what the outbox row carries (the NIK only masked, as
//! `nik_masked`), the links built from [`MailConfig::base_url`], and the office's
//! names. HTML templates escape every value.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::delivery::Transport;
use crate::error::{Error, Result};
use crate::outbox::Kind;

/// How notifications look and travel. `MailConfig::default()` is Batam's
/// sender, writing `.eml` files into `<data dir>/mail/` (nothing leaves the
/// machine until an office configures SMTP).
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The sender's display name (default "Oten Publik", as in the manual).
    pub sender_name: String,
    /// The sender's address (default `otenpublik@noreply.batam.go.id`).
    pub sender_address: String,
    /// The office, named at the foot of every message
    /// (default "Dinas Kependudukan dan Catatan Sipil Kota Batam").
    pub office_name: String,
    /// Where links point (default `https://oten.batam.go.id`): the confirmation
    /// link is `<base_url>/akun/publik/confirm?token=…`, the reset link
    /// `<base_url>/akun/publik/reset?token=…`, the login page
    /// `<base_url>/akun/publik/login` and "Pengajuanku" `<base_url>/pengajuanku`.
    pub base_url: String,
    /// How messages leave (default: `.eml` files in `<data dir>/mail/`).
    pub transport: Transport,
    /// Failed attempts after which a message is parked as `failed` (default 8).
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles after each further one (default 1 minute).
    pub retry_base: Duration,
    /// The longest wait between attempts (default 2 hours).
    pub retry_cap: Duration,
    /// How long a delivery run holds the messages it took before another run
    /// may take them (default 10 minutes; longer than any SMTP timeout).
    pub lease: Duration,
    /// The templates (default: the embedded Indonesian ones).
    pub templates: Templates,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            sender_name: "Oten Publik".to_owned(),
            sender_address: "otenpublik@noreply.batam.go.id".to_owned(),
            office_name: "Dinas Kependudukan dan Catatan Sipil Kota Batam".to_owned(),
            base_url: "https://oten.batam.go.id".to_owned(),
            transport: Transport::default(),
            max_attempts: 8,
            retry_base: Duration::minutes(1),
            retry_cap: Duration::hours(2),
            lease: Duration::minutes(10),
            templates: Templates::default(),
        }
    }
}

/// The embedded default templates, by name.
const DEFAULTS: &[(&str, &str)] = &[
    ("layout.html", include_str!("../data/mail/layout.html")),
    (
        "confirmation.subject",
        include_str!("../data/mail/confirmation.subject"),
    ),
    (
        "confirmation.txt",
        include_str!("../data/mail/confirmation.txt"),
    ),
    (
        "confirmation.html",
        include_str!("../data/mail/confirmation.html"),
    ),
    (
        "credentials.subject",
        include_str!("../data/mail/credentials.subject"),
    ),
    (
        "credentials.txt",
        include_str!("../data/mail/credentials.txt"),
    ),
    (
        "credentials.html",
        include_str!("../data/mail/credentials.html"),
    ),
    (
        "password_reset.subject",
        include_str!("../data/mail/password_reset.subject"),
    ),
    (
        "password_reset.txt",
        include_str!("../data/mail/password_reset.txt"),
    ),
    (
        "password_reset.html",
        include_str!("../data/mail/password_reset.html"),
    ),
    (
        "accepted.subject",
        include_str!("../data/mail/accepted.subject"),
    ),
    ("accepted.txt", include_str!("../data/mail/accepted.txt")),
    ("accepted.html", include_str!("../data/mail/accepted.html")),
    (
        "rejected.subject",
        include_str!("../data/mail/rejected.subject"),
    ),
    ("rejected.txt", include_str!("../data/mail/rejected.txt")),
    ("rejected.html", include_str!("../data/mail/rejected.html")),
    (
        "completed.subject",
        include_str!("../data/mail/completed.subject"),
    ),
    ("completed.txt", include_str!("../data/mail/completed.txt")),
    (
        "completed.html",
        include_str!("../data/mail/completed.html"),
    ),
];

/// Variables every template (and `layout.html`) may use.
const COMMON_VARS: &[&str] = &[
    "office_name",
    "sender_name",
    "sender_address",
    "base_url",
    "to",
    "link",
];

/// Names minijinja provides itself, which its variable scan also reports.
const BUILTINS: &[&str] = &[
    "range",
    "dict",
    "namespace",
    "debug",
    "loop",
    "super",
    "self",
    "caller",
    "varargs",
    "kwargs",
];

/// The variables a kind's templates may use besides [`COMMON_VARS`].
fn kind_vars(kind: Kind) -> &'static [&'static str] {
    const APPLICATION: &[&str] = &["number", "nama", "nik_masked", "service", "note"];
    match kind {
        Kind::Confirmation | Kind::PasswordReset => &["email", "expires_at"],
        Kind::Credentials => &["email", "password"],
        Kind::Accepted => APPLICATION,
        Kind::Rejected => &["number", "nama", "nik_masked", "service", "note", "reason"],
        Kind::Completed => &[
            "number",
            "nama",
            "nik_masked",
            "service",
            "note",
            "pickup_date",
            "pickup_place",
            "attachment_name",
        ],
    }
}

/// The three parts of a kind's message.
const PARTS: [&str; 3] = ["subject", "txt", "html"];

/// A rendered message: subject, plain text and HTML.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line, without line breaks.
    pub subject: String,
    /// The `text/plain` part.
    pub text: String,
    /// The `text/html` part.
    pub html: String,
}

impl std::fmt::Debug for Rendered {
    // The bodies may hold a one-time password or a link token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("subject", &self.subject)
            .field("text", &format_args!("<{} bytes>", self.text.len()))
            .field("html", &format_args!("<{} bytes>", self.html.len()))
            .finish()
    }
}

/// A file attached to a message.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The name the recipient sees, e.g. `bukti-pengambilan-BTM-2026-000001-K.pdf`.
    pub file_name: String,
    /// Its MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// The e-mail templates in use: the embedded defaults, possibly with an
/// office's overrides. Cheap to clone.
///
/// ```
/// use lakse_core::mail::Templates;
///
/// let ok = Templates::with_overrides([("accepted.subject", "Diterima: {{ number }}")]);
/// assert!(ok.is_ok());
/// let unknown = Templates::with_overrides([("accepted.subject", "{{ nomor }}")]).unwrap_err();
/// assert_eq!(unknown.code(), "mail.template");
/// assert_eq!(unknown.field(), Some("accepted.subject"));
/// ```
#[derive(Clone)]
pub struct Templates {
    env: Arc<Environment<'static>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Default for Templates {
    fn default() -> Self {
        Templates::batam()
    }
}

impl Templates {
    /// The embedded Indonesian templates.
    pub fn batam() -> Templates {
        build(
            DEFAULTS
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect(),
        )
        .expect("the embedded templates are checked by the unit tests")
    }

    /// Every template name, in a stable order (`layout.html`, then
    /// `<kind>.subject`, `<kind>.txt`, `<kind>.html` for each kind).
    pub fn names() -> Vec<&'static str> {
        DEFAULTS.iter().map(|(n, _)| *n).collect()
    }

    /// The default templates with some replaced, by name (see [`Templates::names`]).
    ///
    /// Refused with [`Error::MailTemplate`] naming the template when a name is
    /// unknown, a template does not parse, uses a variable its message does
    /// not have, or fails to render with sample data.
    pub fn with_overrides<N, S>(overrides: impl IntoIterator<Item = (N, S)>) -> Result<Templates>
    where
        N: Into<String>,
        S: Into<String>,
    {
        let mut sources: BTreeMap<String, String> = DEFAULTS
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        for (name, source) in overrides {
            let name = name.into();
            if !sources.contains_key(&name) {
                return Err(Error::MailTemplate {
                    reason: format!(
                        "no such template (known: {})",
                        Templates::names().join(", ")
                    ),
                    template: name,
                });
            }
            sources.insert(name, source.into());
        }
        build(sources)
    }

    /// The default templates with every file of `dir` whose name is a
    /// template name (see [`Templates::names`]) replacing its default. Other
    /// files are refused, so a misspelt file name is not silently ignored.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Templates> {
        let mut overrides = Vec::new();
        for entry in std::fs::read_dir(dir.as_ref())? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let source =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::MailTemplate {
                    template: name.clone(),
                    reason: e.to_string(),
                })?;
            overrides.push((name, source));
        }
        Templates::with_overrides(overrides)
    }

    /// Renders `kind`'s message. `vars` are the template variables (the outbox
    /// data plus the links and names); a variable the kind allows but `vars`
    /// lacks is empty.
    pub fn render(&self, kind: Kind, vars: &BTreeMap<String, String>) -> Result<Rendered> {
        let mut ctx = BTreeMap::new();
        for name in COMMON_VARS.iter().chain(kind_vars(kind)) {
            let value = vars.get(*name).cloned().unwrap_or_default();
            ctx.insert(*name, Value::from(value));
        }
        let ctx = Value::from(ctx);
        let part = |ext: &str| -> Result<String> {
            let name = format!("{}.{ext}", kind.code());
            let template = self
                .env
                .get_template(&name)
                .map_err(|e| template_error(&name, &e))?;
            template.render(&ctx).map_err(|e| template_error(&name, &e))
        };
        let subject = part("subject")?;
        Ok(Rendered {
            // A header holds one line; the template's trailing newline and any
            // line break in the data must not split it.
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            // minijinja drops a template's final newline; a text body ends with one.
            text: part("txt")? + "\n",
            html: part("html")?,
        })
    }
}

fn template_error(name: &str, e: &minijinja::Error) -> Error {
    Error::MailTemplate {
        // An error inside `layout.html` reached through a kind's template names the layout.
        template: e.name().unwrap_or(name).to_owned(),
        reason: {
            let what = match e.detail() {
                Some(detail) => format!("{}: {detail}", e.kind()),
                None => e.kind().to_string(),
            };
            match e.line() {
                Some(line) => format!("line {line}: {what}"),
                None => what,
            }
        },
    }
}

/// Compiles `sources` and checks every template: variables, then a trial render.
fn build(sources: BTreeMap<String, String>) -> Result<Templates> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // minijinja's HTML escaping also writes `/` as `&#x2f;`, which mangles the
    // links people copy from the HTML part; the five characters that matter suffice.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() => out
            .write_str(&escape_html(text))
            .map_err(minijinja::Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    });
    for (name, source) in sources {
        env.add_template_owned(name.clone(), source)
            .map_err(|e| template_error(&name, &e))?;
    }
    let common: BTreeSet<&str> = COMMON_VARS.iter().chain(BUILTINS).copied().collect();
    check_vars(&env, "layout.html", &common)?;
    let templates = Templates { env: Arc::new(env) };
    for kind in Kind::ALL {
        let allowed: BTreeSet<&str> = common.iter().chain(kind_vars(kind)).copied().collect();
        for part in PARTS {
            check_vars(&templates.env, &format!("{}.{part}", kind.code()), &allowed)?;
        }
        let sample = COMMON_VARS
            .iter()
            .chain(kind_vars(kind))
            .map(|v| (v.to_string(), format!("<{v}>")))
            .collect();
        templates.render(kind, &sample)?;
    }
    Ok(templates)
}

fn check_vars(env: &Environment<'_>, name: &str, allowed: &BTreeSet<&str>) -> Result<()> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !allowed.contains(v.as_str()))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    unknown.sort();
    Err(Error::MailTemplate {
        template: name.to_owned(),
        reason: format!(
            "unknown variable {} (this message has: {})",
            unknown.join(", "),
            allowed
                .iter()
                .filter(|v| !BUILTINS.contains(v))
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub(crate) fn query_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Builds the MIME message: `multipart/alternative` (text and HTML), inside
/// `multipart/mixed` when there are attachments.
pub(crate) fn build_message(
    config: &MailConfig,
    to: &str,
    message_id: &str,
    rendered: &Rendered,
    attachments: &[Attachment],
    date: DateTime<Utc>,
) -> Result<lettre::Message> {
    let from_address = config
        .sender_address
        .parse()
        .map_err(|_| Error::MailConfig {
            field: "mail.sender_address".into(),
            reason: "not a valid e-mail address".into(),
        })?;
    let from = Mailbox::new(Some(config.sender_name.clone()), from_address);
    let to: Mailbox = to
        .parse()
        .map_err(|_| Error::Email { field: "to".into() })?;
    let body = MultiPart::alternative()
        .singlepart(SinglePart::plain(rendered.text.clone()))
        .singlepart(SinglePart::html(rendered.html.clone()));
    let builder = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(rendered.subject.clone())
        .message_id(Some(message_id.to_owned()))
        .date(SystemTime::from(date));
    let message = if attachments.is_empty() {
        builder.multipart(body)
    } else {
        let mut mixed = MultiPart::mixed().multipart(body);
        for a in attachments {
            let content_type = ContentType::parse(&a.content_type).map_err(|_| {
                Error::internal(format!(
                    "attachment type {:?} is not a MIME type",
                    a.content_type
                ))
            })?;
            mixed = mixed.singlepart(
                MimeAttachment::new(a.file_name.clone()).body(a.bytes.clone(), content_type),
            );
        }
        builder.multipart(mixed)
    };
    message.map_err(|e| Error::MailConfig {
        field: "mail".into(),
        reason: e.to_string(),
    })
}

/// The whole message as it is sent (RFC 5322 bytes), for previews and tests.
///
/// `message_id` is the `Message-ID` header including its angle brackets.
pub fn compose(
    config: &MailConfig,
    to: &str,
    message_id: &str,
    rendered: &Rendered,
    attachments: &[Attachment],
    date: DateTime<Utc>,
) -> Result<Vec<u8>> {
    Ok(build_message(config, to, message_id, rendered, attachments, date)?.formatted())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_render_every_kind() {
        let t = Templates::batam();
        for kind in Kind::ALL {
            let r = t
                .render(kind, &vars(&[("link", "https://x.example/l")]))
                .expect("renders");
            assert!(
                !r.subject.is_empty() && !r.subject.contains('\n'),
                "{kind:?}"
            );
            assert!(r.html.contains("https://x.example/l"), "{kind:?}");
        }
    }

    #[test]
    fn html_escapes_and_subject_stays_one_line() {
        let t = Templates::batam();
        let r = t
            .render(
                Kind::Rejected,
                &vars(&[
                    ("number", "A\r\nBcc: x@y"),
                    ("reason", "<script>x</script>"),
                ]),
            )
            .expect("renders");
        assert!(!r.subject.contains('\n') && !r.subject.contains('\r'));
        assert!(r.html.contains("&lt;script&gt;") && !r.html.contains("<script>"));
        assert!(
            r.text.contains("<script>x</script>"),
            "plain text is not escaped"
        );
    }

    #[test]
    fn overrides_are_checked() {
        let err = |name: &str, src: &str| Templates::with_overrides([(name, src)]).unwrap_err();
        let e = err("rejected.txt", "{% if reason %}");
        assert_eq!(
            (e.code(), e.field()),
            ("mail.template", Some("rejected.txt"))
        );
        let e = err("rejected.html", "{{ nik }}");
        assert_eq!(e.field(), Some("rejected.html"));
        assert!(e.to_string().contains("unknown variable nik"), "{e}");
        let e = err("layout.html", "{{ number }}");
        assert_eq!(
            e.field(),
            Some("layout.html"),
            "the layout sees only the common variables"
        );
        let e = err("rejectd.txt", "x");
        assert_eq!(e.field(), Some("rejectd.txt"));
        let e = err("accepted.txt", "{{ nama | no_such_filter }}");
        assert_eq!(e.field(), Some("accepted.txt"));
    }

    #[test]
    fn query_values() {
        assert_eq!(query_value("a+b/c=d_-~.x"), "a%2Bb%2Fc%3Dd_-~.x");
    }
}
