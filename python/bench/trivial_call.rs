//! The per-call cost of trivial calls in Rust, to set beside the same calls
//! from Python (`python/bench/bench.sh` runs both; release build).

use std::hint::black_box;
use std::time::Instant;

use lakse_core::application::{Action, Actor, Status, next};
use lakse_core::nik::{self, Mode};
use lakse_core::{OpenOptions, api};

fn per_call(name: &str, n: u32, mut f: impl FnMut()) {
    for _ in 0..n / 10 {
        f();
    }
    let mut best = f64::MAX;
    for _ in 0..9 {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(start.elapsed().as_secs_f64() * 1e9 / f64::from(n));
    }
    println!("rust\t{name}\t{best:.1}");
}

fn main() {
    per_call("mask_nik", 1_000_000, || {
        black_box(api::mask_nik(black_box("2171055209900001")).ok());
    });
    per_call("normalize_phone", 1_000_000, || {
        black_box(lakse_core::phone::normalize(black_box("081234567890")).ok());
    });
    per_call("next_status", 1_000_000, || {
        black_box(next(black_box(Status::Diajukan), Action::Accept, Actor::Officer).ok());
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    // What the binding's parse_nik calls (the record's fields are converted when read).
    per_call("parse_nik", 1_000_000, || {
        black_box(nik::parse(black_box("2171055209900001"), Mode::Strict, today).ok());
    });
    per_call("api::parse_nik (flat record)", 1_000_000, || {
        black_box(api::parse_nik(black_box("2171055209900001"), Some(today)).ok());
    });
    let dir = std::env::temp_dir().join(format!("lakse-trivial-{}", std::process::id()));
    let lakse = lakse_core::Lakse::open_with_options(&OpenOptions::new(dir.to_string_lossy()))
        .expect("open");
    per_call("handle.today", 1_000_000, || {
        black_box(lakse.today());
    });
    per_call("handle.today (api::call, JSON)", 200_000, || {
        black_box(api::call(&lakse, "today", &serde_json::Value::Null).ok());
    });
    drop(lakse);
    let _ = std::fs::remove_dir_all(dir);
}
