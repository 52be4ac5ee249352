//! The Rust side of `node/bench/bench.sh`: the same calls the Node bench
//! makes, made directly on lakse-core, so the binding's cost per call can be
//! read off. Prints one JSON object.
//!
//! ```sh
//! cargo run --release -p lakse-node --example rust_calls -- NIKS_FILE
//! ```

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use lakse_core::application::{Action, Actor, Status, next};
use lakse_core::{Lakse, api};

/// Nanoseconds per call of `f` over `n` calls (best of three runs).
fn per_call(n: u32, mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args()
        .nth(1)
        .ok_or("usage: rust_calls NIKS_FILE")?;
    let text = std::fs::read_to_string(file)?;
    let niks: Vec<&str> = text.lines().collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;

    let next_ns = per_call(10_000_000, || {
        let _ = black_box(next(
            black_box(Status::Diajukan),
            Action::Accept,
            Actor::Officer,
        ));
    });
    let mut valid = 0;
    let parse_ns = per_call(1, || {
        valid = niks
            .iter()
            .filter(|n| api::parse_nik(black_box(n), Some(today)).is_ok())
            .count();
    }) / niks.len() as f64;

    // The verdict alone (what `parseNik` asks the core for), valid and invalid apart.
    let (good, bad): (Vec<&str>, Vec<&str>) = niks
        .iter()
        .partition(|n| api::check_nik(n, Some(today)).is_ok());
    let check = |list: &[&str]| {
        per_call(1, || {
            for n in list {
                let _ = black_box(api::check_nik(black_box(n), Some(today)));
            }
        }) / list.len() as f64
    };
    let check_valid_ns = check(&good);
    let check_invalid_ns = check(&bad);

    let dir = std::env::temp_dir().join(format!("lakse-bench-{}", std::process::id()));
    let lakse = Lakse::open(&dir)?;
    let today_ns = per_call(1_000_000, || {
        black_box(lakse.today());
    });
    let key_ns = per_call(100_000, || {
        black_box(lakse.office_public_key());
    });
    lakse.close();
    std::fs::remove_dir_all(&dir)?;

    println!(
        "{{\"next_status_ns\": {next_ns:.1}, \"parse_nik_ns\": {parse_ns:.1}, \"valid\": {valid}, \"niks\": {}, \"today_ns\": {today_ns:.1}, \"office_public_key_ns\": {key_ns:.1}, \"check_valid_ns\": {check_valid_ns:.1}, \"check_invalid_ns\": {check_invalid_ns:.1}}}",
        niks.len()
    );
    Ok(())
}
