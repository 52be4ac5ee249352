//! Paging of "Pengajuanku" (`my_applications`, newest first, with the
//! total), the officer queue (oldest first, across statuses) and the audit
//! log (newest first): the first, a middle and the last (short) page, and
//! pages at and beyond the end, each against the whole list read at once.

mod common;

use chrono::Days;
use common::{Desk, ktp_rusak};
use lakse_core::application::{Completion, MAX_PAGE, Page};
use lakse_core::{Actor, Status};

/// Every way a list of `len` items is paged by `limit`, with the items each
/// page holds: first, middle, last (short when `limit` does not divide
/// `len`), exactly at the end, beyond it.
fn pages(len: u32, limit: u32) -> Vec<(&'static str, Page, usize)> {
    assert!(len > 2 * limit, "{len} items make three pages of {limit}");
    let last = (len - 1) / limit * limit;
    let page = |offset| Page { offset, limit };
    vec![
        ("first", page(0), limit as usize),
        ("middle", page(limit), limit as usize),
        ("last", page(last), (len - last) as usize),
        ("at the end", page(len), 0),
        ("beyond the end", page(len + limit), 0),
        ("far beyond", page(u32::MAX), 0),
    ]
}

/// `whole[offset..offset + limit]`, as far as it goes.
fn slice<T: Clone>(whole: &[T], page: Page) -> Vec<T> {
    whole
        .iter()
        .skip(page.offset as usize)
        .take(page.limit as usize)
        .cloned()
        .collect()
}

#[test]
fn lists_page_from_first_to_beyond_the_end() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let officer = desk.staff(Actor::Officer).token.expose().to_owned();
    let admin = desk.staff(Actor::Admin).token.expose().to_owned();
    let mine = desk
        .applicant("pemohon1@example.com")
        .token
        .expose()
        .to_owned();
    let other = desk
        .applicant("pemohon2@example.com")
        .token
        .expose()
        .to_owned();
    let done = Completion {
        pickup_date: Some(l.today() + Days::new(3)),
        pickup_place: None,
        note: "sesuai jadwal pengambilan".into(),
    };
    // Seven applications in mixed statuses (one open per NIK at a time):
    // five of mine, cancelled but the last; two of the other's, completed.
    let mut numbers = Vec::new();
    for i in 0..7 {
        let who = if i % 3 == 1 { &other } else { &mine };
        let number = l.submit(who, &ktp_rusak()).expect("submit").number;
        if who == &other {
            l.accept(&officer, &number, "ok").expect("accept");
            l.complete(&officer, &number, &done).expect("complete");
        } else if i < 6 {
            l.cancel(who, &number).expect("cancel");
        }
        // Each officer read is one audit entry.
        l.application(&officer, &number).expect("officer reads");
        numbers.push(number);
    }
    let all = Page {
        offset: 0,
        limit: MAX_PAGE,
    };

    // Pengajuanku: mine only, newest first, the total on every page.
    let lakse_core::application::ApplicationPage {
        items: whole,
        total,
        ..
    } = l.my_applications(&mine, all).expect("all of mine");
    assert_eq!(total, 5);
    let mut expected: Vec<&String> = numbers
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 1)
        .map(|(_, n)| n)
        .collect();
    expected.reverse();
    assert_eq!(
        whole.iter().map(|a| &a.number).collect::<Vec<_>>(),
        expected
    );
    for (what, page, len) in pages(5, 2) {
        let page_got = l.my_applications(&mine, page).expect(what);
        let (items, total) = (page_got.items, page_got.total);
        assert_eq!((items.len(), total), (len, 5), "Pengajuanku, {what} page");
        assert_eq!(items, slice(&whole, page), "Pengajuanku, {what} page");
    }

    // The queue: every status, oldest first.
    let whole = l
        .queue(&officer, None, None, all)
        .expect("the whole queue")
        .items;
    assert_eq!(
        whole.iter().map(|a| &a.number).collect::<Vec<_>>(),
        numbers.iter().collect::<Vec<_>>()
    );
    let statuses: std::collections::BTreeSet<Status> = whole.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        [Status::Diajukan, Status::Selesai, Status::Dibatalkan],
        "pages cross statuses"
    );
    for (what, page, len) in pages(7, 3) {
        let items = l.queue(&officer, None, None, page).expect(what).items;
        assert_eq!(items.len(), len, "queue, {what} page");
        assert_eq!(items, slice(&whole, page), "queue, {what} page");
    }
    // One status: the four cancelled ones.
    let cancelled = l
        .queue(&officer, Some(Status::Dibatalkan), None, all)
        .expect("cancelled")
        .items;
    assert_eq!(cancelled.len(), 5 - 1);
    for (what, page, len) in pages(4, 1) {
        let items = l
            .queue(&officer, Some(Status::Dibatalkan), None, page)
            .expect(what)
            .items;
        assert_eq!(items.len(), len, "cancelled queue, {what} page");
        assert_eq!(
            items,
            slice(&cancelled, page),
            "cancelled queue, {what} page"
        );
    }

    // The audit log, newest first (admins only).
    let whole = l.audit_log(&admin, all).expect("the whole log").items;
    let len = u32::try_from(whole.len()).expect("a short log");
    assert!(len >= 7, "one read per application at least");
    let newest = whole[0].application_number.as_deref();
    assert_eq!(newest, numbers.last().map(String::as_str));
    for (what, page, n) in pages(len, 3) {
        let items = l.audit_log(&admin, page).expect(what).items;
        assert_eq!(items.len(), n, "audit log, {what} page");
        assert_eq!(items, slice(&whole, page), "audit log, {what} page");
    }
}
