//! Properties of the transition table.

use std::collections::BTreeSet;

use lakse_core::application::{Action, Actor, Status, initial, next};
use proptest::prelude::*;

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}
fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(Action::ALL.to_vec())
}
fn actor() -> impl Strategy<Value = Actor> {
    prop::sample::select(Actor::ALL.to_vec())
}

proptest! {
    /// Any walk through the table stays among the known statuses, and a
    /// refusal leaves the status where it was.
    #[test]
    fn walks_stay_in_known_statuses(steps in prop::collection::vec((action(), actor()), 0..40)) {
        let mut current = initial(Actor::Applicant).expect("applicants submit");
        for (action, actor) in steps {
            if let Ok(to) = next(current, action, actor) {
                prop_assert!(Status::ALL.contains(&to));
                current = to;
            }
        }
        prop_assert!(Status::ALL.contains(&current));
    }

    /// Applicants never move an application forward (accept, complete, collect).
    #[test]
    fn applicants_never_process(s in status(), a in action()) {
        if let Ok(to) = next(s, a, Actor::Applicant) {
            prop_assert!(matches!(to, Status::Diajukan | Status::Dibatalkan), "{s} -{a}-> {to}");
        }
    }

    /// Success and refusal are consistent with `allowed`.
    #[test]
    fn next_agrees_with_allowed(s in status(), a in action(), r in actor()) {
        let listed = lakse_core::application::allowed(s, r).contains(&a);
        prop_assert_eq!(next(s, a, r).is_ok(), listed);
    }
}

#[test]
fn every_status_reachable_from_diajukan() {
    let start = initial(Actor::Applicant).expect("applicants submit");
    let mut seen = BTreeSet::from([start]);
    let mut frontier = vec![start];
    while let Some(s) = frontier.pop() {
        for a in Action::ALL {
            for r in Actor::ALL {
                if let Ok(to) = next(s, a, r)
                    && seen.insert(to)
                {
                    frontier.push(to);
                }
            }
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), Status::ALL.to_vec());
}
