"""Checks a spreadsheet column of NIKs with lakse and writes one CSV row per NIK.

    python check_niks.py INPUT.csv|INPUT.xlsx OUTPUT.csv [--column NIK] [--show-nik]
                         [--today YYYY-MM-DD] [--no-progress]

Each output row has the row number, the NIK (masked as 2171xxxxxxxx0001
unless --show-nik), the verdict, the error code and the Indonesian message
of an invalid NIK, and the region names, birth date and sex of a valid one.
The column is the first whose header contains "nik" (any case) unless
--column names it. NIKs typed into Excel as numbers are read back as whole
numbers; above 9,007,199,254,740,992 Excel has already rounded them, so
store NIKs as text.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

import lakse

BATCH = 10_000
COLUMNS = [
    "row",
    "nik",
    "verdict",
    "error_code",
    "message",
    "province",
    "regency",
    "district",
    "birth_date",
    "sex",
    "retired",
]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_column(path: Path, column: str | None) -> tuple[int, Iterator[str]]:
    """The number of data rows and the column's cells as text."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.active
        if sheet is None:
            raise SystemExit(f"{path}: no sheet")
        rows = sheet.iter_rows(values_only=True)
        header = [cell_text(v) for v in next(rows, ())]
        total = max((sheet.max_row or 1) - 1, 0)
        index = pick(header, column, path)
        return total, (cell_text(r[index] if index < len(r) else None) for r in rows)
    with open(path, newline="", encoding="utf-8-sig") as f:
        total = max(sum(1 for _ in f) - 1, 0)
    reader = csv.reader(open(path, newline="", encoding="utf-8-sig"))
    header = next(reader, [])
    index = pick(header, column, path)
    return total, (r[index] if index < len(r) else "" for r in reader)


def pick(header: list[str], column: str | None, path: Path) -> int:
    if column is not None:
        if column not in header:
            raise SystemExit(f"{path}: no column {column!r} (columns: {', '.join(header)})")
        return header.index(column)
    for i, name in enumerate(header):
        if "nik" in name.lower():
            return i
    return 0


def hidden(text: str) -> str:
    """An input that is not a valid NIK, shown without its middle digits."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    keep = set(digits[:4] + digits[-4:]) if len(digits) > 8 else set()
    return "".join("x" if c.isdigit() and i not in keep else c for i, c in enumerate(text))


def batches(cells: Iterator[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for cell in cells:
        batch.append(cell)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--column", help="header of the NIK column")
    parser.add_argument("--show-nik", action="store_true", help="write NIKs in full (personal data!)")
    parser.add_argument("--today", type=date.fromisoformat, help="check birth dates as of this day")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args()

    total, cells = read_column(args.input, args.column)
    verdicts: Counter[str] = Counter()
    row = 0
    with open(args.output, "w", newline="", encoding="utf-8") as out, tqdm(
        total=total, unit="NIK", disable=args.no_progress, file=sys.stderr
    ) as progress:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for batch in batches(cells):
            for text, outcome in zip(batch, lakse.parse_niks(batch, today=args.today)):
                row += 1
                nik = outcome.ok
                if nik is not None:
                    verdicts["valid"] += 1
                    writer.writerow(
                        [
                            row,
                            nik.nik if args.show_nik else nik.masked,
                            "valid",
                            "",
                            "",
                            nik.province_name or "",
                            nik.regency_name or "",
                            nik.district_name or "",
                            nik.birth_date.isoformat(),
                            nik.sex.value,
                            "yes" if nik.retired else "",
                        ]
                    )
                else:
                    error = outcome.error
                    assert error is not None
                    verdicts[error.code] += 1
                    shown = text if args.show_nik else hidden(text)
                    writer.writerow([row, shown, "invalid", error.code, error.message_id, "", "", "", "", "", ""])
            progress.update(len(batch))
    print(f"{row} NIKs checked, {verdicts['valid']} valid; written to {args.output}")
    for code, count in verdicts.most_common():
        if code != "valid":
            print(f"  {code}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
