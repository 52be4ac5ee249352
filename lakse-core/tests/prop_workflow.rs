//! Properties of the transition table. Every generated case is checked
//! whichever way `next` answers: a move against the table, a refusal against
//! the reason it gives.

use std::collections::BTreeSet;

use lakse_core::Error;
use lakse_core::application::{Action, Actor, Status, allowed, initial, next};
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

/// What `next(from, action, actor)` must answer, whatever it answered: a
/// move only when `allowed` lists the action, out of an unfinished status;
/// otherwise the refusal that says why, naming the status, the action and
/// what the actor may do instead.
fn check(from: Status, action: Action, actor: Actor) -> Result<Option<Status>, TestCaseError> {
    match next(from, action, actor) {
        Ok(to) => {
            prop_assert!(
                allowed(from, actor).contains(&action),
                "{from} -{action}-> {to}"
            );
            prop_assert!(action.permits(actor));
            prop_assert!(!from.is_final(), "{from} is final but moved to {to}");
            prop_assert_ne!(
                action,
                Action::Submit,
                "submitting is `initial`, not a move"
            );
            Ok(Some(to))
        }
        Err(Error::ActorNotPermitted {
            actor: who,
            action: what,
        }) => {
            prop_assert!(!action.permits(actor));
            prop_assert_eq!((who.as_str(), what.as_str()), (actor.code(), action.code()));
            Ok(None)
        }
        Err(Error::TransitionNotAllowed {
            status,
            action: what,
            allowed: instead,
        }) => {
            prop_assert!(action.permits(actor));
            prop_assert_eq!(
                (status.as_str(), what.as_str()),
                (from.code(), action.code())
            );
            prop_assert!(!instead.iter().any(|a| a == action.code()));
            let expected: Vec<&str> = allowed(from, actor).iter().map(|a| a.code()).collect();
            prop_assert_eq!(instead, expected);
            Ok(None)
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "{from} -{action}/{actor}: unexpected {other:?}"
        ))),
    }
}

proptest! {
    /// Any walk through the table moves only as the table says and refuses
    /// everything else with its reason (so a final status is never left);
    /// a refused step leaves the walk where it was.
    #[test]
    fn walks_follow_the_table(steps in prop::collection::vec((action(), actor()), 0..40)) {
        let mut current = initial(Actor::Applicant).expect("applicants submit");
        prop_assert_eq!(current, Status::Diajukan);
        for (action, actor) in steps {
            if let Some(to) = check(current, action, actor)? {
                current = to;
            }
        }
    }

    /// Applicants never move an application forward (accept, complete,
    /// collect): they submit again or withdraw, and are told why otherwise.
    #[test]
    fn applicants_never_process(s in status(), a in action()) {
        if let Some(to) = check(s, a, Actor::Applicant)? {
            prop_assert!(matches!(a, Action::Resubmit | Action::Cancel), "{s} -{a}-> {to}");
            prop_assert!(matches!(to, Status::Diajukan | Status::Dibatalkan), "{s} -{a}-> {to}");
        } else {
            prop_assert!(
                !a.permits(Actor::Applicant) || !allowed(s, Actor::Applicant).contains(&a)
            );
        }
    }

    /// Success and refusal agree with `allowed`, for every status, action and actor.
    #[test]
    fn next_agrees_with_allowed(s in status(), a in action(), r in actor()) {
        let listed = allowed(s, r).contains(&a);
        prop_assert_eq!(check(s, a, r)?.is_some(), listed);
    }

    /// Who may submit: applicants start at Diajukan, staff are refused.
    #[test]
    fn only_applicants_submit(r in actor()) {
        match initial(r) {
            Ok(status) => {
                prop_assert_eq!(r, Actor::Applicant);
                prop_assert_eq!(status, Status::Diajukan);
            }
            Err(e) => {
                prop_assert!(r.is_staff());
                prop_assert_eq!(
                    e,
                    Error::ActorNotPermitted {
                        actor: r.code().to_owned(),
                        action: Action::Submit.code().to_owned(),
                    }
                );
            }
        }
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
