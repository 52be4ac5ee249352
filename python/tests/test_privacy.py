"""What lakse prints never gives back personal data: a NIK or No KK record's
repr cannot be put back together into the number, a refused argument is not
quoted in the error, and free text in records (Keterangan, notes, file
names, template data) is shown with its numbers and addresses masked."""

from __future__ import annotations

import dataclasses
import importlib
import types
from collections.abc import Callable
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

import lakse
from conftest import FIXTURES
from desk_seed import seed

GENERATED: Any = importlib.import_module("lakse._generated")

# (number, its date as the record reads it): a woman's NIK (day 12 + 40), a
# NIK and a No KK with the retired Merauke code 910101 (successor 930101).
NIKS = [("2171055209900001", date(1990, 9, 12)), ("9101011209900001", date(1990, 9, 12))]
KKS = [("2171051203100001", date(2010, 3, 12)), ("9101011503150007", date(2015, 3, 15))]


def assert_cannot_be_put_back(shown: str, number: str, day: date) -> None:
    masked = number[:4] + "x" * 8 + number[12:]
    assert masked in shown, shown
    for hidden in [number, number[:6], number[6:12], day.isoformat(), repr(day), "930101"]:
        assert hidden not in shown, (hidden, shown)
    for left_out in ["birth_date", "issue_date", "district", "successor"]:
        assert left_out not in shown, (left_out, shown)


@pytest.mark.parametrize(("number", "day"), NIKS)
def test_a_printed_nik_record_cannot_be_put_back_together(number: str, day: date) -> None:
    record = lakse.parse_nik(number, today=date(2026, 11, 25))
    outcomes = lakse.parse_niks([number, "1234"], today=date(2026, 11, 25))
    outcome = outcomes[0]
    assert outcome.ok is not None
    for shown in [repr(record), str(record), repr(outcome), str(outcome), repr(outcome.ok), repr(outcomes[:])]:
        assert_cannot_be_put_back(shown, number, day)
    assert repr(list(outcomes)) == repr(outcomes[:])
    assert repr(record).startswith(f"NikRecord(nik='{record.masked}', masked='{record.masked}', sex=")
    assert repr(record).endswith(f"retired={record.retired!r}, ...)")
    # Only the printed form leaves them out.
    assert (record.nik, record.birth_date, record.district_code) == (number, day, number[:6])


@pytest.mark.parametrize(("number", "day"), KKS)
def test_a_printed_kk_record_cannot_be_put_back_together(number: str, day: date) -> None:
    record = lakse.parse_kk(number, today=date(2026, 11, 25))
    for shown in [repr(record), str(record), repr([record])]:
        assert_cannot_be_put_back(shown, number, day)
    assert repr(record).startswith(f"KkRecord(no_kk='{record.masked}', masked='{record.masked}', serial=")
    assert repr(record).endswith(f"retired={record.retired!r}, ...)")
    assert (record.no_kk, record.issue_date, record.district_code) == (number, day, number[:6])


BAD_VALUES = ["2171055209900001", "warga@example.com"]


def other_folder(desk: lakse.Lakse) -> Path:
    return Path(desk.data_dir()).parent / "other"


def smtp(security: Any) -> lakse.DeliveryOptionsSmtp:
    return lakse.DeliveryOptionsSmtp(host="localhost", port=25, security=security, timeout_seconds=5)


# (kind of argument, the field the error names (the path, inside a record), a
# call passing the value there).
ARGUMENTS: list[tuple[str, str, Callable[[lakse.Lakse, Any], object]]] = [
    ("enum, native", "status", lambda desk, v: lakse.next_status(v, lakse.Action.ACCEPT, lakse.Actor.OFFICER)),
    ("enum, native", "action", lambda desk, v: lakse.next_status(lakse.Status.DIAJUKAN, v, lakse.Actor.OFFICER)),
    ("enum, native", "actor", lambda desk, v: lakse.next_status(lakse.Status.DIAJUKAN, lakse.Action.ACCEPT, v)),
    ("enum, pure", "status", lambda desk, v: lakse.allowed_actions(v, lakse.Actor.OFFICER)),
    ("enum, handle", "role", lambda desk, v: desk.create_staff("token", "staf@example.com", v)),
    ("enum, optional", "status", lambda desk, v: desk.queue("token", status=v)),
    ("enum, in options", "options.delivery", lambda desk, v: lakse.Lakse.open(other_folder(desk), delivery=smtp(v))),
    ("integer, in options", "options.session_ttl_seconds", lambda desk, v: lakse.Lakse.open(other_folder(desk), session_ttl_seconds=v)),
    ("integer, handle", "limit", lambda desk, v: desk.outbox(v)),
    ("integer, in a record", "page.limit", lambda desk, v: desk.my_applications("token", lakse.Page(limit=v))),
    ("date, in a record", "completion.pickup_date", lambda desk, v: desk.complete("token", "x", lakse.Completion(pickup_date=v))),
    ("string", "session", lambda desk, v: desk.whoami([v])),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize(("kind", "field", "call"), ARGUMENTS, ids=[f"{k}: {f}" for k, f, _ in ARGUMENTS])
def test_a_refused_argument_is_not_quoted(
    desk: lakse.Lakse, kind: str, field: str, call: Callable[[lakse.Lakse, Any], object], value: str
) -> None:
    with pytest.raises(lakse.InvalidInputError) as caught:
        call(desk, value)
    e = caught.value
    assert (e.code, e.field) == ("api.invalid_arguments", field), (kind, e)
    assert "expected" in e.message, (kind, e)
    for shown in [str(e), repr(e), e.message]:
        assert value not in shown, (kind, shown)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_refused_date_of_a_native_function_is_not_quoted(value: str) -> None:
    # Converted by the native module: Python's TypeError, which names only the type.
    calls: list[Callable[[], object]] = [
        lambda: lakse.parse_nik("2171055209900001", today=value),  # type: ignore[arg-type]
        lambda: lakse.parse_kk("2171051203100001", today=value),  # type: ignore[arg-type]
        lambda: lakse.parse_niks(["2171055209900001"], today=value),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(TypeError) as caught:
            call()
        assert value not in str(caught.value) and value not in repr(caught.value)
        assert "date" in str(caught.value)


LEAKS = ["2171030206150001", "0302 0615", "warga@example.com"]
TEXT = "NIK anak 2171 0302 0615 0001 (2171030206150001), kirim ke warga@example.com"


def sample(ann: str, mask: str | None) -> Any:
    """A value for a field annotated `ann`; every string holds personal data."""
    ann = ann.split(" | ")[0]  # an optional's value; an input's bytes
    if ann == "str":
        return {"id": "2171030206150001", "email": "warga@example.com"}.get(mask or "", TEXT)
    if ann.startswith("list["):
        return [sample(ann[5:-1], mask[5:] if mask and mask.startswith("list:") else None)]
    if ann == "dict[str, str]":
        return {"reason": TEXT}
    plain = {
        "int": 1,
        "bool": False,
        "date": date(2026, 11, 25),
        "datetime": datetime(2026, 11, 25, tzinfo=timezone.utc),
        "builtins.bytes": b"x",
    }
    if ann in plain:
        return plain[ann]
    target = getattr(GENERATED, ann)
    if isinstance(target, type) and issubclass(target, Enum):
        return next(iter(target))
    if isinstance(target, types.UnionType):
        return build(target.__args__[0])
    return build(target)


def build(cls: type[Any]) -> Any:
    """A record of class `cls` (its annotations are strings: postponed evaluation)."""
    masks = cls._MASK
    return cls(**{f.name: sample(str(f.type), masks.get(f.name)) for f in dataclasses.fields(cls)})


RECORDS = sorted(n for n in lakse.__all__ if dataclasses.is_dataclass(getattr(lakse, n)))


@pytest.mark.parametrize("name", RECORDS)
def test_every_record_masks_its_free_text_when_printed(name: str) -> None:
    record = build(getattr(lakse, name))
    shown = repr(record)
    for leak in LEAKS:
        assert leak not in shown, (leak, shown)
    masks = type(record)._MASK
    if any(getattr(record, f.name) == TEXT and masks.get(f.name) != "secret" for f in dataclasses.fields(record)):
        assert "2171 xxxx xxxx 0001" in shown and "w***a@example.com" in shown, shown


def test_the_handle_masks_its_folder_when_printed(tmp_path: Path) -> None:
    with lakse.Lakse.open(tmp_path / "2171030206150001") as desk:
        assert "2171030206150001" not in repr(desk) and "2171xxxxxxxx0001" in repr(desk)


def test_keterangan_notes_and_file_names_are_masked_in_application_reprs(desk: lakse.Lakse) -> None:
    seeded = seed(desk, 2)
    me, officer = seeded.applicants[1], seeded.officer  # the first has a cetak_ktp_kk open
    keterangan = "NIK anak 2171 0302 0615 0001, kirim ke warga@example.com"
    file_name = "kk_2171030206150001.png"
    pdf = FIXTURES / "form.pdf"
    number = desk.submit(
        me,
        lakse.NewApplication(
            service="cetak_ktp_kk",
            subtype="ktp_rusak",
            keterangan=keterangan,
            documents=[
                lakse.Upload.from_path("kk", FIXTURES / "kk.png", file_name),
                lakse.Upload.from_path("ktp_rusak", FIXTURES / "ktp-rusak.jpg"),
                lakse.Upload.from_path("form_f1", pdf),
                lakse.Upload.from_path("form_f2", pdf),
                lakse.Upload.from_path("swafoto", FIXTURES / "selfie.jpg"),
            ],
        ),
    ).number
    desk.accept(officer, number, keterangan)
    detail = desk.application(officer, number)
    # The data is there, unmasked, for the code that reads it.
    assert detail.keterangan == keterangan and detail.history[-1].note == keterangan
    assert file_name in [d.file_name for d in detail.documents]
    mine = desk.my_applications(me)
    queue = desk.queue(officer, status=lakse.Status.DIPROSES)
    shown = [
        repr(detail),
        repr(desk.application(me, number)),
        repr(detail.summary),
        repr(detail.documents),
        repr(detail.history),
        repr(mine),
        repr(mine.items),
        repr(queue),
        repr(queue.items),
        repr(desk.audit_log(seeded.admin)),
        repr(desk.outbox(1000)),
    ]
    for text in shown:
        for leak in LEAKS:
            assert leak not in text, (leak, text)
    assert "2171 xxxx xxxx 0001" in repr(detail) and "w***a@example.com" in repr(detail)
    assert "kk_2171xxxxxxxx0001.png" in repr(detail.documents)
    assert "2171 xxxx xxxx 0001" in repr(detail.history) and "2171 xxxx xxxx 0001" in repr(mine.items)
