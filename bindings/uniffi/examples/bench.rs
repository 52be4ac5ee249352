//! The Rust side of the binding benchmark: `parse_nik` and one handle call
//! (`whoami`) made directly on lakse-core, the same calls, arguments and
//! loop counts as `BenchTest.kt` makes through Kotlin. Run by
//! `bindings/uniffi/bench.sh` (release profile, both sides on the same build).

use std::hint::black_box;
use std::time::Instant;

use lakse_core::{Lakse, OpenOptions};

const NIK: &str = "2171055209900001";

fn per_call(label: &str, n: u32, mut call: impl FnMut()) {
    for _ in 0..n / 10 {
        call();
    }
    let start = Instant::now();
    for _ in 0..n {
        call();
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(n);
    println!("rust   {label:<10} {ns:>10.0} ns/call  ({n} calls)");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
    per_call("parseNik", 200_000, || {
        black_box(lakse_core::api::parse_nik(black_box(NIK), today).expect("a valid NIK"));
    });

    let dir = tempfile_dir()?;
    let lakse = Lakse::open_with_options(&OpenOptions::new(dir.to_string_lossy()))?;
    lakse.register("bench@example.com")?;
    let token = lakse.outbox(10)?[0].data["token"].clone();
    lakse.confirm_with_password(&token, "kata-sandi-2024")?;
    let session = lakse.login("bench@example.com", "kata-sandi-2024")?;
    let token = session.token.expose().to_owned();
    per_call("whoami", 20_000, || {
        black_box(lakse.whoami(black_box(&token)).expect("a live session"));
    });
    lakse.close();
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// A fresh folder under the system's temporary directory.
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("lakse-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
