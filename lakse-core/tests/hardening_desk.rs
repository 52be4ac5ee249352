//! Issue 9, the desk's part: each test is named after the hole it closes and
//! failed on the code before the fix.
//!
//! 3. a NIK is bound to the account whose profile holds it;
//! 5. an idempotency key reused with a different form is refused;
//! 6. removing a service from the catalog strands none of its applications;
//! 13. pickup dates stay within a year; no orphan files after a lost race.

mod common;

use chrono::{Days, Months};
use common::{Desk, ktp_rusak};
use lakse_core::application::Completion;
use lakse_core::{Actor, Lakse, Status};

/// A pickup tomorrow at the default place.
fn pickup(l: &Lakse) -> Completion {
    Completion {
        pickup_date: Some(l.today() + Days::new(1)),
        pickup_place: None,
        note: "sesuai jadwal pengambilan".into(),
    }
}

#[test]
fn a_pickup_date_in_year_262142_is_refused() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let officer = desk.staff(Actor::Officer);
    let me = desk.applicant("difa@example.com");
    let number = l.submit(&me.token, &ktp_rusak()).expect("submit").number;
    l.accept(&officer.token, &number, "ok").expect("accept");
    let on = |date| Completion {
        pickup_date: Some(date),
        ..pickup(l)
    };
    let a_year = l.today().checked_add_months(Months::new(12)).expect("date");
    for too_far in [chrono::NaiveDate::MAX, a_year + Days::new(1)] {
        let err = l.complete(&officer.token, &number, &on(too_far)).unwrap_err();
        assert_eq!(err.code(), "pickup.date_too_far", "{too_far}");
        assert_eq!(err.field(), Some("pickup_date"));
    }
    assert_eq!(
        l.complete(&officer.token, &number, &on(l.today() - Days::new(1)))
            .unwrap_err()
            .code(),
        "pickup.date_in_past"
    );
    let done = l
        .complete(&officer.token, &number, &on(a_year))
        .expect("a year ahead is the furthest");
    assert_eq!(done.status, Status::Selesai);
}

