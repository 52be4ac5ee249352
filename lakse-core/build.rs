//! Turns the region CSVs in `data/regions/` into sorted static arrays in
//! `OUT_DIR/regions.rs`, so the library does no file I/O or parsing at run time.
//!
//! A malformed table stops the build: better a failed build than a library that
//! quietly refuses (or accepts) the wrong NIKs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const DIR: &str = "data/regions";

struct Row {
    name: String,
    retired: bool,
    successor: Option<String>,
}

type Level = BTreeMap<u32, Row>;

fn read(file: &str) -> Vec<csv::StringRecord> {
    let path = Path::new(DIR).join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn key(code: &str, len: usize) -> u32 {
    assert!(
        code.len() == len && code.bytes().all(|b| b.is_ascii_digit()),
        "region code {code:?} is not {len} ASCII digits"
    );
    code.parse().expect("checked digits")
}

fn insert(level: &mut Level, code: u32, row: Row) {
    assert!(
        level.insert(code, row).is_none(),
        "duplicate region code {code}"
    );
}

fn current(level: &mut Level, file: &str, len: usize, parent: Option<&Level>) {
    for rec in read(file) {
        let code = key(&rec[0], len);
        if let Some(parents) = parent {
            let parent_code = key(&rec[1], len - 2);
            assert_eq!(
                parent_code,
                code / 100,
                "{code}: parent code is not its prefix"
            );
            assert!(
                parents.contains_key(&parent_code),
                "{code}: unknown parent {parent_code}"
            );
        }
        let name = rec[rec.len() - 1].trim().to_owned();
        insert(
            level,
            code,
            Row {
                name,
                retired: false,
                successor: None,
            },
        );
    }
}

fn emit_regions(out: &mut String, prefix: &str, level: &Level, variant: &str, len: usize) {
    writeln!(out, "static {prefix}: [Region; {}] = [", level.len()).unwrap();
    for (code, row) in level {
        let successor = match &row.successor {
            Some(s) => format!("Some({s:?})"),
            None => "None".to_owned(),
        };
        writeln!(
            out,
            "    Region {{ code: \"{code:0len$}\", name: {:?}, level: RegionLevel::{variant}, successor: {successor}, retired: {} }},",
            row.name, row.retired
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

/// A direct index from every possible code (0..`size`) to 1 + the position
/// of its region in the sorted array, 0 for none: one load per lookup.
fn emit_index(out: &mut String, prefix: &str, level: &Level, size: usize, ty: &str) {
    let mut index = vec![0usize; size];
    for (position, code) in level.keys().enumerate() {
        index[*code as usize] = position + 1;
    }
    writeln!(out, "static {prefix}_INDEX: [{ty}; {size}] = {index:?};").unwrap();
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut provinces = Level::new();
    let mut regencies = Level::new();
    let mut districts = Level::new();
    current(&mut provinces, "provinces.csv", 2, None);
    current(&mut regencies, "regencies.csv", 4, Some(&provinces));
    current(&mut districts, "districts.csv", 6, Some(&regencies));

    // Retired codes after the current ones, so a successor can be checked
    // against the current table and a parent against both.
    let mut successors = BTreeSet::new();
    for rec in read("retired.csv") {
        let (level, len, parents) = match &rec[1] {
            "province" => (&mut provinces, 2, None),
            "regency" => (&mut regencies, 4, Some(&provinces)),
            "district" => (&mut districts, 6, Some(&regencies)),
            other => panic!("retired.csv: unknown level {other:?}"),
        };
        let code = key(&rec[0], len);
        if let Some(parents) = parents {
            assert!(
                parents.contains_key(&(code / 100)),
                "retired {code}: unknown parent"
            );
        }
        let successor = Some(rec[4].trim()).filter(|s| !s.is_empty()).map(|s| {
            successors.insert((len, key(s, len)));
            s.to_owned()
        });
        let name = rec[2].trim().to_owned();
        insert(
            level,
            code,
            Row {
                name,
                retired: true,
                successor,
            },
        );
    }
    for (len, code) in successors {
        let level = match len {
            2 => &provinces,
            4 => &regencies,
            _ => &districts,
        };
        let row = level
            .get(&code)
            .unwrap_or_else(|| panic!("successor {code} is not in the table"));
        assert!(!row.retired, "successor {code} is itself retired");
    }

    let mut out = String::from("// Generated by build.rs from data/regions/*.csv. Do not edit.\n");
    emit_regions(&mut out, "PROVINCE", &provinces, "Province", 2);
    emit_regions(&mut out, "REGENCY", &regencies, "Regency", 4);
    emit_regions(&mut out, "DISTRICT", &districts, "District", 6);
    emit_index(&mut out, "PROVINCE", &provinces, 100, "u8");
    emit_index(&mut out, "REGENCY", &regencies, 10_000, "u16");
    // A regency's districts are contiguous in the sorted array: per regency,
    // the range of their positions, searched by the last two digits.
    let mut ranges = vec![(0usize, 0usize); regencies.len()];
    for (position, code) in districts.keys().enumerate() {
        let regency = regencies
            .keys()
            .position(|r| *r == code / 100)
            .expect("parent checked");
        let range = &mut ranges[regency];
        if range.1 == 0 {
            range.0 = position;
        }
        range.1 = position + 1;
    }
    writeln!(
        out,
        "static DISTRICT_RANGE: [(u16, u16); {}] = {ranges:?};",
        ranges.len()
    )
    .unwrap();
    let suffixes: Vec<u32> = districts.keys().map(|code| code % 100).collect();
    writeln!(
        out,
        "static DISTRICT_SUFFIX: [u8; {}] = {suffixes:?};",
        suffixes.len()
    )
    .unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("regions.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
