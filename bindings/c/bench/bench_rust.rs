//! The Rust peer of `bench.c`: the same calls, timed the same way (median
//! of 7 rounds), in the same run (`bindings/c/bench/bench.sh`).
//!
//! - `rust parse_nik`: `lakse_core::api::parse_nik`, typed;
//! - `rust-json parse_nik`: `api::call_pure("parse_nik", json)`, the JSON
//!   engine the C function wraps (so C minus this is the C boundary itself);
//! - `rust-text parse_nik`: the same with the JSON as text, parsed before
//!   and written after (what the C function adds besides the C boundary);
//! - the same three for `whoami` on an open handle.
//!
//! ```sh
//! cargo run --release -p lakse-c --example bench_rust -- DATA_DIR [ITERATIONS]
//! ```

use std::hint::black_box;
use std::time::Instant;

use lakse_core::{Lakse, OpenOptions, api, options::DeliveryOptions};
use serde_json::{Value, json};

const ROUNDS: usize = 7;

/// Median nanoseconds per call of `f` over [`ROUNDS`] rounds of `n` calls.
fn time(n: u64, mut f: impl FnMut()) -> f64 {
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

/// `call` with its arguments parsed from JSON text and its result written
/// as JSON text, as the C functions do.
fn text_call(call: impl Fn(&Value) -> lakse_core::Result<Value>, args: &str) -> String {
    let args: Value = serde_json::from_str(black_box(args)).expect("json");
    serde_json::to_string(&call(&args).expect("call")).expect("json")
}

fn main() -> Result<(), lakse_core::Error> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: bench_rust DATA_DIR [ITERATIONS]");
    let n: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);

    let mut options = OpenOptions::new(dir);
    options.delivery = DeliveryOptions::None;
    let lakse = Lakse::open_with_options(&options)?;
    lakse.bootstrap_admin("admin@example.com", "rahasia-2024")?;
    let session = lakse.login("admin@example.com", "rahasia-2024")?;
    let token = session.token.expose().to_owned();

    let text = "2171055209900001";
    let nik_args = json!({ "text": text });
    let ns = time(n, || {
        black_box(api::parse_nik(black_box(text), None).expect("parse"));
    });
    println!("rust parse_nik {ns:.0}");
    let ns = time(n, || {
        black_box(api::call_pure("parse_nik", black_box(&nik_args)).expect("parse"));
    });
    println!("rust-json parse_nik {ns:.0}");
    let nik_text = nik_args.to_string();
    let ns = time(n, || {
        black_box(text_call(
            |args| api::call_pure("parse_nik", args),
            &nik_text,
        ));
    });
    println!("rust-text parse_nik {ns:.0}");

    let m = (n / 4).max(1);
    let whoami_args = json!({ "session": token });
    let ns = time(m, || {
        black_box(lakse.whoami(black_box(&token)).expect("whoami"));
    });
    println!("rust whoami {ns:.0}");
    let ns = time(m, || {
        black_box(api::call(&lakse, "whoami", black_box(&whoami_args)).expect("whoami"));
    });
    println!("rust-json whoami {ns:.0}");
    let whoami_text = whoami_args.to_string();
    let ns = time(m, || {
        black_box(text_call(
            |args| api::call(&lakse, "whoami", args),
            &whoami_text,
        ));
    });
    println!("rust-text whoami {ns:.0}");
    Ok(())
}
