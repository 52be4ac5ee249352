"""Every shared vector of tests/vectors/ through the Python API: NIK and No
KK (strict through parse_nik / parse_kk / parse_niks, lenient through
mask_nik / mask_kk), phone numbers (normalize_phone, mask_phone), e-mail
addresses (parse_email), every transition with its refusal's allowed list,
the initial status and the labels, and the Batam catalog (its services
through a handle, the broken catalog files refused at open).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import lakse
from conftest import load

NIK = load("nik.json")
KK = load("kk.json")
TODAY = date.fromisoformat(NIK["today"])


def parts(record: lakse.NikRecord | lakse.KkRecord, day: str) -> dict[str, Any]:
    """A parsed number in the vectors' `ok` shape."""
    return {
        "province": record.province_code,
        "regency": record.regency_code,
        "district": record.district_code,
        day: getattr(record, day).isoformat(),
        "serial": record.serial,
        "masked": record.masked,
        "retired": record.retired,
        "successor": record.successor_code,
        "district_name": record.district_name,
    }


def strict(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in cases if c.get("mode", "strict") == "strict"]


@pytest.mark.parametrize("case", strict(NIK["cases"]), ids=lambda c: repr(c["input"]))
def test_nik(case: dict[str, Any]) -> None:
    if "ok" in case:
        record = lakse.parse_nik(case["input"], today=TODAY)
        expected = dict(case["ok"])
        assert record.sex.value == expected.pop("sex")
        assert {k: v for k, v in parts(record, "birth_date").items() if k in expected} == expected
        assert record.nik == "".join(c for c in case["input"] if c.isdigit())
    else:
        with pytest.raises(lakse.InvalidInputError) as caught:
            lakse.parse_nik(case["input"], today=TODAY)
        assert caught.value.code == case["error"]["code"]
        assert caught.value.field == case["error"]["field"]


def test_nik_batch_agrees_with_single_calls() -> None:
    cases = strict(NIK["cases"])
    outcomes = lakse.parse_niks([c["input"] for c in cases], today=TODAY)
    assert len(outcomes) == len(cases)
    for case, outcome in zip(cases, outcomes):
        if "ok" in case:
            assert outcome.error is None and outcome.ok is not None
            assert outcome.ok == lakse.parse_nik(case["input"], today=TODAY)
        else:
            assert outcome.ok is None and outcome.error is not None
            assert (outcome.error.code, outcome.error.field) == (case["error"]["code"], case["error"]["field"])
            assert outcome.error.family is lakse.Family.INPUT


@pytest.mark.parametrize(
    "case", [c for c in NIK["cases"] if c.get("mode") == "lenient"], ids=lambda c: repr(c["input"])
)
def test_nik_lenient_through_mask_nik(case: dict[str, Any]) -> None:
    # mask_nik checks shape and date (lenient) as of today; the vectors' dates are all past.
    if "ok" in case:
        assert lakse.mask_nik(case["input"]) == case["ok"]["masked"]
    else:
        with pytest.raises(lakse.LakseError) as caught:
            lakse.mask_nik(case["input"])
        assert caught.value.code == case["error"]["code"]


@pytest.mark.parametrize("case", strict(KK["cases"]), ids=lambda c: repr(c["input"]))
def test_kk(case: dict[str, Any]) -> None:
    today = date.fromisoformat(KK["today"])
    if "ok" in case:
        record = lakse.parse_kk(case["input"], today=today)
        expected = case["ok"]
        assert {k: v for k, v in parts(record, "issue_date").items() if k in expected} == expected
    else:
        with pytest.raises(lakse.InvalidInputError) as caught:
            lakse.parse_kk(case["input"], today=today)
        assert (caught.value.code, caught.value.field) == (case["error"]["code"], case["error"]["field"])


@pytest.mark.parametrize("case", [c for c in KK["cases"] if c.get("mode") == "lenient"], ids=lambda c: repr(c["input"]))
def test_kk_lenient_through_mask_kk(case: dict[str, Any]) -> None:
    if "ok" in case:
        assert lakse.mask_kk(case["input"]) == case["ok"]["masked"]
    else:
        with pytest.raises(lakse.InvalidInputError) as caught:
            lakse.mask_kk(case["input"])
        assert (caught.value.code, caught.value.field) == (case["error"]["code"], case["error"]["field"])


@pytest.mark.parametrize("case", load("email.json")["cases"], ids=lambda c: c["note"])
def test_email(case: dict[str, Any]) -> None:
    if "same" in case:
        assert len({lakse.parse_email(text).key for text in case["same"]}) == 1
    elif "ok" in case:
        record = lakse.parse_email(case["input"])
        assert {"address": record.address, "key": record.key, "masked": record.masked} == case["ok"]
        assert record.address not in repr(record) and record.masked in repr(record)
    else:
        with pytest.raises(lakse.InvalidInputError) as caught:
            lakse.parse_email(case["input"])
        assert (caught.value.code, caught.value.field) == (case["error"]["code"], case["error"]["field"])


@pytest.mark.parametrize("case", load("phone.json")["cases"], ids=lambda c: repr(c["input"]))
def test_phone(case: dict[str, Any]) -> None:
    if "ok" in case:
        assert lakse.normalize_phone(case["input"]) == case["ok"]
        assert lakse.mask_phone(case["input"]) == case["masked"]
    else:
        with pytest.raises(lakse.InvalidInputError) as caught:
            lakse.normalize_phone(case["input"])
        assert (caught.value.code, caught.value.field) == (case["error"]["code"], case["error"]["field"])


TRANSITIONS = load("transitions.json")


@pytest.mark.parametrize(
    "case", TRANSITIONS["cases"], ids=lambda c: f"{c['status']}-{c['action']}-{c['actor']}"
)
def test_transition(case: dict[str, Any]) -> None:
    status, action, actor = lakse.Status(case["status"]), lakse.Action(case["action"]), lakse.Actor(case["actor"])
    if "ok" in case:
        after = lakse.next_status(status, action, actor)
        assert after is lakse.Status(case["ok"])
    else:
        with pytest.raises(lakse.NotAllowedError) as caught:
            lakse.next_status(status, action, actor)
        assert caught.value.code == case["error"]["code"]
        if "allowed" in case["error"]:
            assert lakse.allowed_actions(status, actor) == [lakse.Action(a) for a in case["error"]["allowed"]]


@pytest.mark.parametrize("case", TRANSITIONS["initial"], ids=lambda c: c["actor"])
def test_initial_status(case: dict[str, Any]) -> None:
    actor = lakse.Actor(case["actor"])
    if "ok" in case:
        assert lakse.initial_status(actor) is lakse.Status(case["ok"])
    else:
        with pytest.raises(lakse.NotAllowedError) as caught:
            lakse.initial_status(actor)
        assert caught.value.code == case["error"]["code"]


@pytest.mark.parametrize("status", sorted(TRANSITIONS["labels"]))
def test_status_label(status: str) -> None:
    label = lakse.status_label(lakse.Status(status))
    shown = {"label": label.label, "default_note": label.default_note}
    expected = TRANSITIONS["labels"][status]
    assert {k: v for k, v in shown.items() if k in expected} == expected


def test_every_status_action_and_actor_of_the_table_is_an_enum_member() -> None:
    assert {s.value for s in lakse.Status} == set(TRANSITIONS["labels"])
    assert {c["action"] for c in TRANSITIONS["cases"]} == {a.value for a in lakse.Action}
    assert {c["actor"] for c in TRANSITIONS["cases"]} == {a.value for a in lakse.Actor}


CATALOG = load("catalog.json")


def test_batam_catalog(desk: lakse.Lakse) -> None:
    services = desk.services()
    assert [s.id for s in services] == CATALOG["service_order"]
    office = desk.office()
    assert {"name": office.name, "city": office.city} == CATALOG["office"]
    assert desk.pickup_places() == CATALOG["pickup_places"]
    by_id = {s.id: s for s in services}
    for expected in CATALOG["services"]:
        service = by_id[expected["id"]]
        assert service.name == expected["name"]
        assert service.enabled == expected["enabled"]
        assert (service.redirect is not None) == expected["redirected"]
        assert service.coupon == expected["coupon"]
        assert service.keterangan_required == expected["keterangan_required"]
        assert [s.id for s in service.subtypes] == expected["subtypes"]
        assert [f.id for f in service.fields] == expected["fields"]
        for subtype, slots in expected["slots_by_subtype"].items():
            got = [
                {
                    "id": d.id,
                    "name": d.name,
                    "required": d.required,
                    "types": [t.value for t in d.rule.types],
                    "max_bytes": d.rule.max_bytes,
                }
                for d in service.documents
                if not d.when or subtype in d.when
            ]
            assert got == slots, (service.id, subtype)
    redirect = CATALOG["redirect"]
    shown = by_id[redirect["service"]].redirect
    assert shown is not None
    assert (shown.message, shown.stores, shown.locations) == (
        redirect["message"],
        redirect["stores"],
        redirect["locations"],
    )


def catalog_source(case: dict[str, Any], tmp_path: Path) -> lakse.CatalogSource:
    if case["format"] == "toml":
        return lakse.CatalogSourceToml(text=case["text"])
    path = tmp_path / "catalog.json"
    path.write_text(case["text"], encoding="utf-8")
    return lakse.CatalogSourcePath(path=str(path))


@pytest.mark.parametrize("case", CATALOG["broken"], ids=lambda c: str(c["note"]))
def test_broken_catalog_is_refused_at_open(case: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(lakse.InvalidInputError) as caught:
        lakse.Lakse.open(tmp_path / "data", catalog=catalog_source(case, tmp_path))
    assert (caught.value.code, caught.value.field) == (case["error"]["code"], case["error"]["field"])
    if case["error"].get("line") is not None:
        assert f"line {case['error']['line']}" in caught.value.message


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_valid_catalog_bases_open(fmt: str, tmp_path: Path) -> None:
    case = {"format": fmt, "text": CATALOG["valid_bases"][fmt]}
    with lakse.Lakse.open(tmp_path / "data", catalog=catalog_source(case, tmp_path)) as desk:
        assert desk.office().city == "KOTA CONTOH"


def test_parse_niks_is_a_sequence_made_when_read() -> None:
    from collections.abc import Sequence

    texts = ["2171055209900001", "x", "2171011505850001"]
    outcomes = lakse.parse_niks(iter(texts), today=TODAY)  # any iterable of strings
    assert isinstance(outcomes, Sequence) and len(outcomes) == 3
    assert [o.ok is not None for o in outcomes] == [True, False, True]
    assert outcomes[-1] == outcomes[2] and outcomes[-1].ok == lakse.parse_nik(texts[2], today=TODAY)
    assert [o.ok is not None for o in outcomes[::2]] == [True, True]
    assert list(outcomes)[1].error == outcomes[1].error
    assert repr(outcomes) == "NikOutcomes(3 items: 2 valid, 1 invalid)"
    with pytest.raises(IndexError):
        outcomes[3]
    assert len(lakse.parse_niks([])) == 0


def test_today_is_honoured_call_by_call() -> None:
    # DDMMYY 120990: born 1990 once 12 Sep 1990 has come, 1890 the day before.
    nik = "2171055209900001"
    early, late = date(1990, 9, 11), date(1990, 9, 12)
    for _ in range(2):  # the same objects again, then new ones equal to them
        assert lakse.parse_nik(nik, today=early).birth_date == date(1890, 9, 12)
        assert lakse.parse_nik(nik, today=late).birth_date == date(1990, 9, 12)
        early, late = date(1990, 9, 11), date(1990, 9, 12)
    first = lakse.parse_niks([nik], today=early)[0].ok
    assert first is not None and first.birth_date.year == 1890
    assert lakse.parse_nik(nik).birth_date == date(1990, 9, 12)  # default: today in WIB
    with pytest.raises(TypeError):
        lakse.parse_nik(nik, today="2026-11-25")  # type: ignore[arg-type]
