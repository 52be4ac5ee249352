//! Strict NIK parse, region lookup included, over the 1,000 NIKs in
//! `peers/niks.txt` (about 70% valid), the same list `peers/nik_peer.py` times
//! the Python peers on. `nik.sh` runs both and prints ns per NIK.

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lakse_core::nik::{self, Mode};
use std::hint::black_box;

const NIKS: &str = include_str!("peers/niks.txt");

fn strict_parse(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let niks: Vec<&str> = NIKS.lines().collect();
    let valid = niks
        .iter()
        .filter(|n| nik::parse(n, Mode::Strict, today).is_ok())
        .count();
    eprintln!("{} NIKs, {valid} valid in strict mode", niks.len());

    let mut group = c.benchmark_group("nik");
    group.throughput(Throughput::Elements(niks.len() as u64));
    group.bench_function("strict_parse", |b| {
        b.iter(|| {
            niks.iter()
                .filter(|n| nik::parse(black_box(n), Mode::Strict, today).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, strict_parse);
criterion_main!(benches);
