//! Hardening of accounts (issue 9: items 1, 2, 4, 8 and the account parts of
//! 13). Each test is named after the attack it closes and failed before the fix.

mod common;

use std::sync::{Arc, Barrier};
use std::time::Duration as StdDuration;

use chrono::{Duration, TimeZone, Utc};
use common::{Desk, PASSWORD};
use lakse_core::clock::ManualClock;
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
                l.change_password(&changer.token, &current, next)
            });
            s.spawn(|| {
                start.wait();
                // Land before, inside or after the change's password checks
                // (tens of milliseconds), on a widening schedule.
                std::thread::sleep(StdDuration::from_millis(race * race * 3));
                l.logout(&changer.token).expect("logout");
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
            l.whoami(&changer.token).unwrap_err().code(),
            "auth.session_invalid",
            "race {race}: the logged-out session stays logged out ({change:?})"
        );
        match change {
            Ok(()) => {
                changed += 1;
                current = next.to_owned();
                assert_eq!(
                    l.whoami(&other.token).unwrap_err().code(),
                    "auth.session_invalid",
                    "race {race}: a session from before the change ended"
                );
                if let Ok(s) = late_login {
                    assert_eq!(
                        l.whoami(&s.token).unwrap_err().code(),
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
        l.create_staff(&admin.token, "warga@ＥＸＡＭＰＬＥ.COM", Actor::Officer)
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
