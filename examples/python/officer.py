"""Works the officer queue of a lakse data folder, then writes a report.

    python officer.py DATA_DIR --email petugas@example.com [--password ...]
                      [--reject NUMBER=REASON ...] [--reject-without-documents REASON]
                      [--pickup-date YYYY-MM-DD] [--pickup-place PLACE] [--report report.csv]

1. Every submitted application ("Diajukan", oldest first): rejected with its
   reason when --reject names it (or, with --reject-without-documents, when it
   came without any document), accepted otherwise.
2. Every application in process ("Diproses"): completed with the pickup date
   (default: a week after today at the office) and place (default: the
   catalog's first), which the applicant's e-mail and coupon show.
3. The report: how many applications each service has in each status, as CSV.

The password comes from --password or the LAKSE_PASSWORD environment variable.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import lakse

PAGE = 50


def every(
    desk: lakse.Lakse, officer: lakse.Session, status: lakse.Status | None
) -> Iterator[lakse.ApplicationSummary]:
    """All applications of the queue in `status` (all when None), page by page."""
    offset = 0
    while True:
        page = desk.queue(officer, status=status, page=lakse.Page(offset=offset, limit=PAGE))
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", default=os.environ.get("LAKSE_PASSWORD"))
    parser.add_argument("--reject", action="append", default=[], metavar="NUMBER=REASON")
    parser.add_argument("--reject-without-documents", metavar="REASON")
    parser.add_argument("--pickup-date", type=date.fromisoformat)
    parser.add_argument("--pickup-place")
    parser.add_argument("--report", type=Path, default=Path("report.csv"))
    args = parser.parse_args()
    if not args.password:
        parser.error("give --password or set LAKSE_PASSWORD")
    reasons = dict(r.split("=", 1) for r in args.reject)

    with lakse.Lakse.open(args.data_dir) as desk:
        officer = desk.login(args.email, args.password)
        pickup_date = args.pickup_date or desk.today() + timedelta(days=7)
        pickup_place = args.pickup_place or desk.pickup_places()[0]

        # Collected first: acting on an application moves it out of the page being read.
        for app in list(every(desk, officer, lakse.Status.DIAJUKAN)):
            reason = reasons.get(app.number)
            if reason is None and args.reject_without_documents:
                if not desk.application(officer, app.number).documents:
                    reason = args.reject_without_documents
            try:
                if reason:
                    done = desk.reject(officer, app.number, reason)
                else:
                    done = desk.accept(officer, app.number, "Berkas diterima, sedang diproses")
            except lakse.LakseError as e:  # e.g. another officer was faster
                print(f"{app.number}: {e.code} ({e.message_id})", file=sys.stderr)
                continue
            print(f"{done.number} {done.service_name}: {done.status_label}")

        for app in list(every(desk, officer, lakse.Status.DIPROSES)):
            completion = lakse.Completion(
                pickup_date=pickup_date, pickup_place=pickup_place, note="Silakan ambil sesuai jadwal"
            )
            try:
                done = desk.complete(officer, app.number, completion)
            except lakse.LakseError as e:
                print(f"{app.number}: {e.code} ({e.message_id})", file=sys.stderr)
                continue
            print(f"{done.number} {done.service_name}: {done.status_label}, ambil {pickup_date:%d-%m-%Y}")

        counts: Counter[tuple[str, str, lakse.Status]] = Counter(
            (app.service, app.service_name, app.status) for app in every(desk, officer, None)
        )

    with open(args.report, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["service", "service_name", "status", "applications"])
        for (service, name, status), count in sorted(counts.items()):
            writer.writerow([service, name, status.value, count])
    print(f"report: {sum(counts.values())} applications in {len(counts)} rows, written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
