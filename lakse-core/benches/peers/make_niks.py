"""Writes niks.txt: 1,000 deterministic NIKs (about 70% valid) that the Rust
benchmark and the Python peers both time. Run from this folder; the output is
committed, so this only needs rerunning to change the mix."""

import csv
import datetime as dt
import random
from pathlib import Path

REGIONS = Path(__file__).resolve().parents[2] / "data" / "regions"
TODAY = dt.date(2026, 11, 25)

rng = random.Random(2026)
with open(REGIONS / "districts.csv", newline="", encoding="utf-8") as f:
    districts = [row["code"] for row in csv.DictReader(f)]
with open(REGIONS / "retired.csv", newline="", encoding="utf-8") as f:
    retired = [row["code"] for row in csv.DictReader(f) if row["level"] == "district"]


def valid() -> tuple[str, dt.date, int, int]:
    district = rng.choice(retired if rng.random() < 0.05 else districts)
    born = TODAY - dt.timedelta(days=rng.randrange(0, 90 * 365))
    day = born.day + (40 if rng.random() < 0.5 else 0)
    return district, born, day, rng.randint(1, 9999)


def nik(district: str, day: int, month: int, year: int, serial: int) -> str:
    return f"{district}{day:02}{month:02}{year % 100:02}{serial:04}"


def invalid() -> str:
    district, born, day, serial = valid()
    kind = rng.randrange(6)
    if kind == 0:  # day 32-40 or 72-99: never a date
        return nik(district, rng.choice([32, 35, 40, 72, 80, 99]), born.month, born.year, serial)
    if kind == 1:  # month 00 or 13-99
        return nik(district, day, rng.choice([0, 13, 20, 99]), born.year, serial)
    if kind == 2:  # serial 0000
        return nik(district, day, born.month, born.year, 0)
    if kind == 3:  # unknown province or district
        code = rng.choice(["00", "10", "99"]) + district[2:] if rng.random() < 0.5 else district[:4] + "99"
        return nik(code, day, born.month, born.year, serial)
    if kind == 4:  # 15 or 17 digits
        full = nik(district, day, born.month, born.year, serial)
        return full[:15] if rng.random() < 0.5 else full + "7"
    text = list(nik(district, day, born.month, born.year, serial))  # a letter
    text[rng.randrange(16)] = rng.choice("OlIa")
    return "".join(text)


lines = []
for _ in range(1000):
    if rng.random() < 0.7:
        district, born, day, serial = valid()
        lines.append(nik(district, day, born.month, born.year, serial))
    else:
        lines.append(invalid())
Path("niks.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
