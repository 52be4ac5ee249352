#![no_main]

//! The coupon's verification code, as `coupon::verify(public_key, code)` and
//! the JSON surface's `verify_coupon` read it, with one fixed office key.
//!
//! Real codes, signed with `coupon::render` and `OfficeKey::from_seed`, are
//! made once at start-up. `tests/run-fuzz.sh` sets `LAKSE_FUZZ_SEED_DIR` to
//! the corpus folder, and they are written there as seeds.
//!
//! Every input is tried as a code and as a public key. Its first byte also
//! picks one of two extra modes: `0` renders a coupon from fields taken from
//! the rest of the input, `1` overwrites a piece of a real code with it.
//!
//! Checks, besides no panic:
//! - no forgery: a code is accepted only if, without its whitespace, it is
//!   one of the real codes, and then it claims what was signed; the other
//!   office's key refuses it;
//! - a key is accepted only if it is the office's key (trimmed);
//! - `api::call_pure("verify_coupon", …)` gives the same answer as JSON;
//! - a refusal is `coupon.malformed` (naming `code` or `public_key`) or
//!   `coupon.invalid_signature`;
//! - every rendered coupon verifies to exactly the claims it was made from
//!   (NIK masked), is a PDF that passes lakse's own upload check, and holds
//!   no full NIK; a refused rendering is an unprintable character or a claim
//!   that cannot be signed (empty, `|`, control character).

use std::sync::OnceLock;

use chrono::NaiveDate;
use lakse_core::catalog::{Catalog, FileType};
use lakse_core::coupon::{self, CouponClaims, OfficeKey, Slip};
use lakse_core::{Error, api, document};
use libfuzzer_sys::arbitrary::{Result as ArbitraryResult, Unstructured};
use libfuzzer_sys::fuzz_target;

/// The office key every real code is signed with.
const SEED: [u8; 32] = *b"lakse fuzz office key, seed 0001";
/// Another office's key, which must refuse every real code.
const OTHER_SEED: [u8; 32] = *b"lakse fuzz other office key 0002";

struct Real {
    code: String,
    claims: CouponClaims,
}

struct Fixture {
    key: OfficeKey,
    public_key: String,
    other_key: String,
    real: Vec<Real>,
}

/// The NIK as the coupon signs it (`lakse_core::id::mask_text`).
fn masked(nik: &str) -> String {
    let b = nik.as_bytes();
    if b.len() == 16 && b.iter().all(u8::is_ascii_digit) {
        format!("{}xxxxxxxx{}", &nik[..4], &nik[12..])
    } else {
        "x".repeat(nik.chars().count().min(16))
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let key = OfficeKey::from_seed(SEED);
        let public_key = key.public_key();
        assert_eq!(format!("{key:?}"), format!("OfficeKey({public_key})"));
        let other_key = OfficeKey::from_seed(OTHER_SEED).public_key();
        let office = Catalog::batam().office;
        let place = Catalog::batam().pickup_places[0].clone();
        let slips = [
            (
                "BTM-2026-000001-J",
                "2171055209900001",
                "cetak_ktp_kk",
                (2026, 11, 27),
            ),
            (
                "BTM-2026-000002-P",
                "2171011505850002",
                "kia",
                (2026, 12, 1),
            ),
            (
                "BTM-2027-123456-J",
                "9171014101010009",
                "pindah",
                (2027, 1, 2),
            ),
            (
                "BTM-2026-000003-J",
                "2171107112999999",
                "akte_kematian",
                (2026, 2, 28),
            ),
        ];
        let real = slips
            .into_iter()
            .map(|(number, nik, service, (y, m, d))| {
                let slip = Slip {
                    office: office.clone(),
                    number: number.into(),
                    nama: "Difa Ananda Putri".into(),
                    nik: nik.into(),
                    service: service.into(),
                    service_name: "Cetak KTP/KK (RUSAK DAN HILANG)".into(),
                    pickup_date: NaiveDate::from_ymd_opt(y, m, d).expect("a date"),
                    pickup_place: place.clone(),
                    note: "sesuai jadwal pengambilan".into(),
                };
                let printed = coupon::render(&slip, &key).expect("a real coupon renders");
                let claims =
                    coupon::verify(&public_key, &printed.code).expect("a real code verifies");
                Real {
                    code: printed.code,
                    claims,
                }
            })
            .collect();
        Fixture {
            key,
            public_key,
            other_key,
            real,
        }
    })
}

/// Writes the real codes (as printed, and wrapped over lines) into
/// `$LAKSE_FUZZ_SEED_DIR`, before libFuzzer reads its corpus.
fn write_seeds() {
    let Some(dir) = std::env::var_os("LAKSE_FUZZ_SEED_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("seed folder");
    for (i, real) in fixture().real.iter().enumerate() {
        let wrapped = format!("{}\n  {}\n", &real.code[..60], &real.code[60..]);
        std::fs::write(dir.join(format!("real-{i}")), &real.code).expect("seed");
        std::fs::write(dir.join(format!("real-{i}-wrapped")), wrapped).expect("seed");
    }
}

fn check_code(code: &str) {
    let f = fixture();
    let result = coupon::verify(&f.public_key, code);
    let json = api::call_pure(
        "verify_coupon",
        &serde_json::json!({"payload": code, "public_key": f.public_key}),
    );
    match (&result, &json) {
        (Ok(claims), Ok(value)) => {
            assert_eq!(
                &serde_json::to_value(claims).expect("claims as JSON"),
                value
            )
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("verify and verify_coupon disagree: {result:?} / {json:?}"),
    }
    match result {
        Ok(claims) => {
            let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            let real = f
                .real
                .iter()
                .find(|r| r.code == compact)
                .unwrap_or_else(|| panic!("accepted a code that was never signed: {code:?}"));
            assert_eq!(claims, real.claims);
            let foreign = coupon::verify(&f.other_key, code).expect_err("another key accepts");
            assert_eq!(foreign.code(), "coupon.invalid_signature");
        }
        Err(e) => {
            assert!(Error::CODES.contains(&e.code()), "{}", e.code());
            match e.code() {
                "coupon.malformed" => assert_eq!(e.field(), Some("code")),
                "coupon.invalid_signature" => {}
                other => panic!("unexpected refusal {other}"),
            }
        }
    }
}

fn check_key(public_key: &str) {
    let f = fixture();
    let real = &f.real[0];
    match coupon::verify(public_key, &real.code) {
        Ok(claims) => {
            assert_eq!(public_key.trim(), f.public_key, "accepted another key");
            assert_eq!(claims, real.claims);
        }
        Err(e) => match e.code() {
            "coupon.malformed" => assert_eq!(e.field(), Some("public_key")),
            "coupon.invalid_signature" => {}
            other => panic!("unexpected refusal {other}"),
        },
    }
}

/// A real code with a piece overwritten by `rest[2..]` at `rest[1]`.
fn splice(rest: &[u8]) {
    let f = fixture();
    let [which, at, piece @ ..] = rest else {
        return;
    };
    let Ok(piece) = std::str::from_utf8(piece) else {
        return;
    };
    let code = &f.real[usize::from(*which) % f.real.len()].code;
    let cut = usize::from(*at) % (code.len() + 1);
    let resume = (cut + piece.len()).min(code.len());
    check_code(&format!("{}{piece}{}", &code[..cut], &code[resume..]));
}

fn render(rest: &[u8]) -> ArbitraryResult<()> {
    let f = fixture();
    let mut u = Unstructured::new(rest);
    let number: &str = u.arbitrary()?;
    let nik: &str = u.arbitrary()?;
    let service: &str = u.arbitrary()?;
    let Some(pickup_date) = NaiveDate::from_num_days_from_ce_opt(u.arbitrary()?) else {
        return Ok(());
    };
    let slip = Slip {
        office: Catalog::batam().office,
        number: number.into(),
        nama: u.arbitrary::<&str>()?.into(),
        nik: nik.into(),
        service: service.into(),
        service_name: u.arbitrary::<&str>()?.into(),
        pickup_date,
        pickup_place: u.arbitrary::<&str>()?.into(),
        note: u.arbitrary::<&str>()?.into(),
    };
    let expected = CouponClaims {
        number: number.into(),
        nik_masked: masked(nik),
        service: service.into(),
        pickup_date,
    };
    match coupon::render(&slip, &f.key) {
        Ok(printed) => {
            let verified = coupon::verify(&f.public_key, &printed.code);
            let claims =
                verified.unwrap_or_else(|e| panic!("a rendered code does not verify: {e}"));
            assert_eq!(claims, expected);
            assert!(printed.bytes.starts_with(b"%PDF-"));
            let digits = nik.len() == 16 && nik.bytes().all(|b| b.is_ascii_digit());
            if digits {
                let full = nik.as_bytes();
                assert!(
                    !printed.bytes.windows(16).any(|w| w == full),
                    "full NIK in the PDF"
                );
            }
            let checked = document::check("coupon", &printed.bytes, &[FileType::Pdf], u64::MAX);
            assert_eq!(
                checked,
                Ok(FileType::Pdf),
                "the coupon fails the upload check"
            );
        }
        Err(e) => {
            assert!(Error::CODES.contains(&e.code()), "{}", e.code());
            match e.code() {
                "coupon.unprintable_character" => {}
                "internal" => {
                    let unsignable = |v: &str| {
                        v.is_empty() || v.contains('|') || v.chars().any(char::is_control)
                    };
                    // Claims of about 670 characters or more make a code
                    // longer than `verify` reads: refused when signing.
                    let too_long = number.len() + service.len() + 16 > 600;
                    assert!(
                        too_long
                            || [number, &expected.nik_masked, service]
                                .iter()
                                .any(|v| unsignable(v)),
                        "refused a signable claim: {e}"
                    );
                }
                other => panic!("unexpected refusal {other}: {e}"),
            }
        }
    }
    Ok(())
}

fuzz_target!(init: write_seeds(), |data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check_code(text);
        check_key(text);
    }
    match data.split_first() {
        Some((mode, rest)) if mode % 8 == 0 => {
            let _ = render(rest);
        }
        Some((mode, rest)) if mode % 8 == 1 => splice(rest),
        _ => {}
    }
});
