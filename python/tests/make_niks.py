"""Writes COUNT deterministic NIKs, about 70% valid, as a spreadsheet column:
the data of examples/python/check_niks.py in tests/run-python.sh and of
python/bench/bench.sh. The mix follows lakse-core/benches/peers/make_niks.py:
valid NIKs from random current (and 5% retired) districts; invalid ones with
a bad day or month, serial 0000, an unknown province or district, 15 or 17
digits, or a letter.

    python make_niks.py COUNT OUT.csv|OUT.xlsx|OUT.txt [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

REGIONS = Path(__file__).resolve().parents[2] / "lakse-core" / "data" / "regions"
TODAY = dt.date(2026, 11, 25)


def make_niks(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    with open(REGIONS / "districts.csv", newline="", encoding="utf-8") as f:
        districts = [row["code"] for row in csv.DictReader(f)]
    with open(REGIONS / "retired.csv", newline="", encoding="utf-8") as f:
        retired = [row["code"] for row in csv.DictReader(f) if row["level"] == "district"]

    def nik(district: str, day: int, month: int, year: int, serial: int) -> str:
        return f"{district}{day:02}{month:02}{year % 100:02}{serial:04}"

    def valid() -> tuple[str, dt.date, int, int]:
        district = rng.choice(retired if rng.random() < 0.05 else districts)
        born = TODAY - dt.timedelta(days=rng.randrange(0, 90 * 365))
        day = born.day + (40 if rng.random() < 0.5 else 0)
        return district, born, day, rng.randint(1, 9999)

    def invalid() -> str:
        district, born, day, serial = valid()
        kind = rng.randrange(6)
        if kind == 0:
            return nik(district, rng.choice([32, 35, 40, 72, 80, 99]), born.month, born.year, serial)
        if kind == 1:
            return nik(district, day, rng.choice([0, 13, 20, 99]), born.year, serial)
        if kind == 2:
            return nik(district, day, born.month, born.year, 0)
        if kind == 3:
            code = rng.choice(["00", "10", "99"]) + district[2:] if rng.random() < 0.5 else district[:4] + "99"
            return nik(code, day, born.month, born.year, serial)
        if kind == 4:
            full = nik(district, day, born.month, born.year, serial)
            return full[:15] if rng.random() < 0.5 else full + "7"
        text = list(nik(district, day, born.month, born.year, serial))
        text[rng.randrange(16)] = rng.choice("OlIa")
        return "".join(text)

    out = []
    for _ in range(count):
        if rng.random() < 0.7:
            district, born, day, serial = valid()
            out.append(nik(district, day, born.month, born.year, serial))
        else:
            out.append(invalid())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    niks = make_niks(args.count, args.seed)
    if args.out.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["No", "Nama", "NIK"])
        for i, n in enumerate(niks, 1):
            sheet.append([i, f"Warga {i}", n])
        book.save(args.out)
    elif args.out.suffix == ".csv":
        with open(args.out, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["nik"])
            writer.writerows([n] for n in niks)
    else:
        args.out.write_text("\n".join(niks) + "\n", encoding="utf-8")
    print(f"wrote {len(niks)} NIKs to {args.out}")


if __name__ == "__main__":
    main()
