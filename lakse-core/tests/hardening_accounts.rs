//! Hardening of accounts (issue 9: items 1, 2, 4, 8 and the account parts of
//! 13). Each test is named after the attack it closes and failed before the fix.

mod common;

use common::{Desk, PASSWORD};
use lakse_core::{Actor, email};

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
