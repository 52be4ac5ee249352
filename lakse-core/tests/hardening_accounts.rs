//! Hardening of accounts (issue 9: items 1, 2, 4, 8 and the account parts of
//! 13). Each test is named after the attack it closes and failed before the fix.

mod common;

use std::sync::{Arc, Barrier};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{Desk, PASSWORD};
use lakse_core::clock::{Clock, ManualClock};
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Config, Lakse, email};

/// Fires `threads` wrong passwords at `address` at once, spread over `handles`,
/// and returns how many were evaluated (answered `auth.invalid_credentials`).
fn parallel_guesses(handles: &[Arc<Lakse>], address: &str, threads: usize) -> usize {
    let start = Arc::new(Barrier::new(threads));
    let workers: Vec<_> = (0..threads)
        .map(|i| {
            let lakse = Arc::clone(&handles[i % handles.len()]);
            let start = Arc::clone(&start);
            let address = address.to_owned();
            std::thread::spawn(move || {
                start.wait();
                lakse
                    .login(&address, &format!("tebakan-salah-{i}"))
                    .expect_err("a wrong password never logs in")
                    .code()
            })
        })
        .collect();
    let codes: Vec<_> = workers
        .into_iter()
        .map(|w| w.join().expect("no panic"))
        .collect();
    for code in &codes {
        assert!(
            *code == "auth.invalid_credentials" || *code == "auth.locked",
            "unexpected {code}"
        );
    }
    codes
        .iter()
        .filter(|c| **c == "auth.invalid_credentials")
        .count()
}

fn manual_clock() -> Arc<ManualClock> {
    // 2026-11-25 10:00 WIB.
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap(),
    ))
}

fn open(dir: &std::path::Path, clock: &Arc<ManualClock>) -> Arc<Lakse> {
    let config = Config {
        clock: clock.clone(),
        ..Config::default()
    };
    Arc::new(Lakse::open_with(dir, config).expect("open"))
}

#[test]
fn lockout_holds_against_parallel_guesses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = manual_clock();
    let one = open(dir.path(), &clock);
    common::sign_up(&one, "a@example.com");
    common::sign_up(&one, "b@example.com");

    // 24 threads through one shared handle.
    let evaluated = parallel_guesses(std::slice::from_ref(&one), "a@example.com", 24);
    assert!(
        (1..=5).contains(&evaluated),
        "{evaluated} of 24 parallel guesses were evaluated"
    );
    assert_eq!(
        one.login("A@example.com", PASSWORD).unwrap_err().code(),
        "auth.locked",
        "then even the right password is refused"
    );

    // Two handles on the same folder share the count.
    let two = open(dir.path(), &clock);
    let evaluated = parallel_guesses(&[one.clone(), two.clone()], "b@example.com", 24);
    assert!(
        (1..=5).contains(&evaluated),
        "{evaluated} of 24 guesses over two handles were evaluated"
    );
    assert_eq!(
        two.login("b@example.com", PASSWORD).unwrap_err().code(),
        "auth.locked"
    );

    // An address without an account is counted the same way.
    let evaluated = parallel_guesses(&[one.clone(), two.clone()], "nobody@example.com", 24);
    assert!((1..=5).contains(&evaluated), "{evaluated} evaluated");

    // The lockout ends; then the right password works again.
    clock.advance(Duration::minutes(15));
    one.login("a@example.com", PASSWORD).expect("lockout over");
    two.login("b@example.com", PASSWORD).expect("lockout over");
}

#[test]
fn second_confirmation_link_cannot_take_over_an_active_account() {
    let desk = Desk::new();
    let l = &desk.lakse;
    l.register("warga@example.com").expect("register");
    l.register("warga@example.com").expect("register again");
    let links: Vec<String> = l
        .outbox(100)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == Kind::Confirmation)
        .map(|m| m.data["token"].clone())
        .collect();
    assert_eq!(links.len(), 2);

    l.confirm_with_password(&links[0], PASSWORD)
        .expect("the first link activates");
    let err = l
        .confirm_with_password(&links[1], "punya-penyerang-1")
        .unwrap_err();
    assert_eq!(
        err.code(),
        "auth.token_used",
        "the second link died with it"
    );
    assert_eq!(
        l.confirm(&links[1]).unwrap_err().code(),
        "auth.token_used",
        "nor can it e-mail a generated password"
    );
    assert_eq!(
        l.login("warga@example.com", "punya-penyerang-1")
            .unwrap_err()
            .code(),
        "auth.invalid_credentials"
    );

    // A password change ends every other session; the changing one stays.
    let mine = l.login("warga@example.com", PASSWORD).expect("login");
    let others = [
        l.login("warga@example.com", PASSWORD).expect("login"),
        l.login("warga@example.com", PASSWORD).expect("login"),
    ];
    l.change_password(mine.token.expose(), PASSWORD, "kata-sandi-baru-1")
        .expect("change");
    l.whoami(mine.token.expose())
        .expect("the changing session stays");
    for s in &others {
        assert_eq!(
            l.whoami(s.token.expose()).unwrap_err().code(),
            "auth.session_invalid"
        );
    }

    // A reset ends them all.
    let other = l
        .login("warga@example.com", "kata-sandi-baru-1")
        .expect("login");
    l.forgot_password("warga@example.com").expect("forgot");
    let reset = desk.mail(Kind::PasswordReset, "warga@example.com");
    l.reset_password("warga@example.com", &reset["token"], PASSWORD)
        .expect("reset");
    for s in [&mine, &other] {
        assert_eq!(
            l.whoami(s.token.expose()).unwrap_err().code(),
            "auth.session_invalid"
        );
    }
}

#[test]
fn logout_racing_a_password_change_resurrects_no_session() {
    let desk = Desk::new();
    let l = &desk.lakse;
    desk.account("warga@example.com");
    let passwords = ["kata-sandi-satu-1", "kata-sandi-dua-2"];
    let mut current = PASSWORD.to_owned();
    let mut changed = 0;
    for race in 0..16u64 {
        let next = if current == passwords[0] {
            passwords[1]
        } else {
            passwords[0]
        };
        let changer = l.login("warga@example.com", &current).expect("login");
        let other = l.login("warga@example.com", &current).expect("login");
        let start = Barrier::new(3);
        let (change, late_login) = std::thread::scope(|s| {
            let change = s.spawn(|| {
                start.wait();
                l.change_password(changer.token.expose(), &current, next)
            });
            s.spawn(|| {
                start.wait();
                // Land before, inside or after the change's password checks
                // (tens of milliseconds), on a widening schedule.
                std::thread::sleep(StdDuration::from_millis(race * race * 3));
                l.logout(changer.token.expose()).expect("logout");
            });
            let login = s.spawn(|| {
                start.wait();
                l.login("warga@example.com", &current)
            });
            (
                change.join().expect("no panic"),
                login.join().expect("no panic"),
            )
        });
        assert_eq!(
            l.whoami(changer.token.expose()).unwrap_err().code(),
            "auth.session_invalid",
            "race {race}: the logged-out session stays logged out ({change:?})"
        );
        match change {
            Ok(()) => {
                changed += 1;
                current = next.to_owned();
                assert_eq!(
                    l.whoami(other.token.expose()).unwrap_err().code(),
                    "auth.session_invalid",
                    "race {race}: a session from before the change ended"
                );
                if let Ok(s) = late_login {
                    assert_eq!(
                        l.whoami(s.token.expose()).unwrap_err().code(),
                        "auth.session_invalid",
                        "race {race}: a login with the old password ended"
                    );
                }
            }
            Err(e) => assert_eq!(e.code(), "auth.session_invalid", "race {race}"),
        }
    }
    assert!(changed > 0, "some changes raced a logout and won");
    l.login("warga@example.com", &current)
        .expect("the newest password works");
}

#[test]
fn pending_registrations_expire_with_their_token() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let admin = desk.staff(Actor::Admin);
    let officer = "petugas@disdukcapil.example";
    l.register(officer).expect("someone registers the address");
    let stale = desk.mail(Kind::Confirmation, officer);

    desk.clock.advance(Duration::minutes(90));
    let account = l
        .create_staff(admin.token.expose(), officer, Actor::Officer)
        .expect("an expired pending registration does not block a staff account");
    assert_eq!(account.role, Actor::Officer);
    assert_eq!(
        l.confirm_with_password(&stale["token"], "punya-penyerang-1")
            .unwrap_err()
            .code(),
        "auth.token_invalid",
        "and its link is gone"
    );
    let otp = desk.mail(Kind::Credentials, officer);
    let first = l.login(officer, &otp["password"]).expect("staff logs in");
    assert_eq!(first.role, Actor::Officer);

    // Registering an expired pending address starts afresh.
    l.register("warga@example.com").expect("register");
    desk.clock.advance(Duration::minutes(91));
    l.register("WARGA@example.com").expect("register again");
    let link = desk.mail(Kind::Confirmation, "warga@example.com");
    l.confirm_with_password(&link["token"], PASSWORD)
        .expect("confirm");
    l.login("warga@example.com", PASSWORD).expect("login");
}

fn rfc3339(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

#[test]
fn registration_and_reset_mails_are_rate_limited_per_address() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let start = desk.clock.now();

    // Registration: three links an hour to one address.
    for _ in 0..3 {
        l.register("korban@example.com").expect("register");
        desk.clock.advance(Duration::minutes(1));
    }
    let before = desk.outbox_len();
    let err = l.register("KORBAN@example.com").unwrap_err();
    assert_eq!(err.code(), "auth.rate_limited");
    assert!(err.retryable());
    assert!(!err.to_string().to_lowercase().contains("korban"));
    let lakse_core::Error::RateLimited { until } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(rfc3339(until), start + Duration::hours(1));
    assert_eq!(desk.outbox_len(), before, "nothing sent");
    l.register("lain@example.com")
        .expect("another address is not limited");
    desk.clock.set(start + Duration::hours(1));
    l.register("korban@example.com")
        .expect("the oldest left the hour");
    assert_eq!(
        l.register("korban@example.com").unwrap_err().code(),
        "auth.rate_limited"
    );

    // Reset: the same limit, and an unknown address looks the same.
    desk.account("terdaftar@example.com");
    let mut answers = Vec::new();
    for _ in 0..4 {
        let known = l.forgot_password("terdaftar@example.com");
        let unknown = l.forgot_password("tidak-ada@example.com");
        let pending = l.forgot_password("korban@example.com");
        answers.push((known, unknown, pending));
        desk.clock.advance(Duration::minutes(1));
    }
    for (known, unknown, pending) in &answers[..3] {
        assert!(known.is_ok() && unknown.is_ok() && pending.is_ok());
    }
    let (known, unknown, pending) = &answers[3];
    let known = known.clone().unwrap_err();
    assert_eq!(known.code(), "auth.rate_limited");
    assert_eq!(
        Some(&known),
        unknown.as_ref().err(),
        "no hint of an account"
    );
    assert_eq!(
        Some(&known),
        pending.as_ref().err(),
        "no hint of an account"
    );
    let resets = l
        .outbox(1000)
        .expect("outbox")
        .iter()
        .filter(|m| m.kind == Kind::PasswordReset)
        .count();
    assert_eq!(
        resets, 3,
        "three reset mails, all to the registered address"
    );
}

#[test]
fn older_reset_link_dies_when_a_newer_one_is_used() {
    let desk = Desk::new();
    let l = &desk.lakse;
    desk.account("warga@example.com");
    let mut links = Vec::new();
    for _ in 0..3 {
        l.forgot_password("warga@example.com").expect("forgot");
        links.push(desk.mail(Kind::PasswordReset, "warga@example.com")["token"].clone());
    }
    l.reset_password("warga@example.com", &links[2], "kata-sandi-baru-1")
        .expect("the newest link works");
    for old in &links[..2] {
        assert_eq!(
            l.reset_password("warga@example.com", old, "punya-penyerang-1")
                .unwrap_err()
                .code(),
            "auth.token_used"
        );
    }
    l.login("warga@example.com", "kata-sandi-baru-1")
        .expect("the reset password stands");

    // Using an older one kills the newer ones too.
    desk.clock.advance(Duration::hours(1));
    let mut links = Vec::new();
    for _ in 0..2 {
        l.forgot_password("warga@example.com").expect("forgot");
        links.push(desk.mail(Kind::PasswordReset, "warga@example.com")["token"].clone());
    }
    l.reset_password("warga@example.com", &links[0], PASSWORD)
        .expect("reset");
    assert_eq!(
        l.reset_password("warga@example.com", &links[1], "punya-penyerang-1")
            .unwrap_err()
            .code(),
        "auth.token_used"
    );
}

#[test]
fn tokens_with_surrounding_spaces_are_refused() {
    let desk = Desk::new();
    let l = &desk.lakse;
    l.register("warga@example.com").expect("register");
    let link = desk.mail(Kind::Confirmation, "warga@example.com")["token"].clone();
    for spaced in [
        format!(" {link}"),
        format!("{link} "),
        format!("\t{link}\n"),
    ] {
        assert_eq!(
            l.confirm_with_password(&spaced, PASSWORD)
                .unwrap_err()
                .code(),
            "auth.token_invalid"
        );
    }
    l.confirm_with_password(&link, PASSWORD)
        .expect("the exact token");

    let session = l.login("warga@example.com", PASSWORD).expect("login");
    assert_eq!(
        l.whoami(&format!(" {} ", session.token))
            .unwrap_err()
            .code(),
        "auth.session_invalid"
    );
    l.whoami(session.token.expose())
        .expect("the exact session token");

    l.forgot_password("warga@example.com").expect("forgot");
    let reset = desk.mail(Kind::PasswordReset, "warga@example.com")["token"].clone();
    assert_eq!(
        l.reset_password(
            "warga@example.com",
            &format!("{reset} "),
            "kata-sandi-baru-1"
        )
        .unwrap_err()
        .code(),
        "auth.token_invalid"
    );
    l.reset_password("warga@example.com", &reset, "kata-sandi-baru-1")
        .expect("the exact reset token");
}

#[test]
fn email_domains_are_normalised_so_look_alikes_make_one_account() {
    let same = [
        "warga@example.com",
        "WARGA@Example.COM",
        "warga@ｅｘａｍｐｌｅ.ｃｏｍ", // fullwidth domain
        "ｗａｒｇａ@example.com",      // fullwidth local part
        "warga＠example．com",         // fullwidth @ and full stop
        "warga@EXAMPLE.com\u{3000}",   // ideographic space around
    ];
    let keys: Vec<String> = same
        .iter()
        .map(|a| email::parse(a).expect(a).key().to_owned())
        .collect();
    assert!(keys.iter().all(|k| k == "warga@example.com"), "{keys:?}");
    let idn = [
        "warga@bücher.example",
        "warga@BÜCHER.example",
        "warga@xn--bcher-kva.example",
    ];
    for a in idn {
        assert_eq!(
            email::parse(a).expect(a).key(),
            "warga@xn--bcher-kva.example"
        );
    }

    let desk = Desk::new();
    let l = &desk.lakse;
    desk.account("warga@example.com");
    for look_alike in &same[1..] {
        assert_eq!(
            l.register(look_alike).unwrap_err().code(),
            "account.exists",
            "{look_alike}"
        );
    }
    l.login("WARGA@ｅｘａｍｐｌｅ.com", PASSWORD)
        .expect("any spelling logs in to the one account");
    let admin = desk.staff(Actor::Admin);
    assert_eq!(
        l.create_staff(
            admin.token.expose(),
            "warga@ＥＸＡＭＰＬＥ.COM",
            Actor::Officer
        )
        .unwrap_err()
        .code(),
        "account.exists"
    );
}

#[test]
fn deliver_pending_on_a_closed_handle_touches_nothing() {
    let desk = Desk::new();
    desk.lakse.register("warga@example.com").expect("register");
    let mail = desk.dir.path().join("mail");
    assert!(!mail.exists(), "nothing delivered yet");
    desk.lakse.close();
    assert_eq!(
        desk.lakse.deliver_pending(10).unwrap_err().code(),
        "handle.closed"
    );
    assert!(!mail.exists(), "a closed handle created the mail folder");
}
