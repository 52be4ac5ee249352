"""The handle from Python: native types, masked reprs, one handle from many
threads, and the refusals (closed handle, bad sessions and arguments, bad
options, bad uploads) as typed exceptions."""

from __future__ import annotations

import pickle
import re
import socketserver
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import lakse
from conftest import FIXTURES, load
from desk_seed import ADMIN, OFFICER, PASSWORD, Seeded, newest, seed

API = load("api.json")


@pytest.fixture
def seeded(desk: lakse.Lakse) -> Seeded:
    return seed(desk, 3)


def test_results_are_native_types(desk: lakse.Lakse, seeded: Seeded) -> None:
    page = desk.my_applications(seeded.applicants[0])
    assert isinstance(page, lakse.ApplicationPage) and page.total == 1
    row = page.items[0]
    assert row.status is lakse.Status.DIAJUKAN and str(row.status) == "diajukan"
    assert isinstance(row.submitted_at, datetime) and row.submitted_at.utcoffset() == timedelta(0)
    assert row.actions == [lakse.Action.CANCEL]
    assert isinstance(desk.today(), date)
    account = desk.whoami(seeded.officer)
    assert account.role is lakse.Actor.OFFICER and account.email == OFFICER[0]
    detail = desk.application(seeded.officer, row.number)
    assert detail.nik_for_officer is not None and len(detail.nik_for_officer) == 16
    assert detail.history[0].from_ is None and detail.history[0].to is lakse.Status.DIAJUKAN
    document = desk.document(seeded.officer, row.number, "kk")
    assert document.bytes == (FIXTURES / "kk.png").read_bytes() and document.mime == "image/png"
    with pytest.raises(dataclass_frozen()):
        row.number = "x"  # type: ignore[misc]


def dataclass_frozen() -> type[Exception]:
    import dataclasses

    return dataclasses.FrozenInstanceError


SIXTEEN_DIGITS = re.compile(r"\d{16}")


def assert_masked(shown: str, secrets: list[str]) -> None:
    assert not SIXTEEN_DIGITS.search(shown), shown
    for secret in secrets:
        assert secret not in shown, (secret, shown)


def test_reprs_mask_numbers_tokens_passwords_and_addresses(desk: lakse.Lakse, seeded: Seeded) -> None:
    officer, me = seeded.officer, seeded.applicants[0]
    number = seeded.numbers[0]
    desk.accept(officer, number, "berkas lengkap")
    desk.complete(officer, number, lakse.Completion(pickup_date=desk.today(), note="ambil di loket"))
    profile = desk.profile(me)
    secrets = [me.token, officer.token, PASSWORD, OFFICER[1], ADMIN[1], "warga0@example.com", OFFICER[0]]
    shown = [
        repr(me),
        repr(officer),
        repr(profile),
        repr(desk.whoami(me)),
        repr(desk.application(officer, number)),
        repr(desk.application(me, number)),
        repr(desk.coupon(me, number)),
        repr(desk.outbox(1000)),
        repr(desk.audit_log(seeded.admin)),
        repr(lakse.parse_nik(profile.nik)),
        repr(lakse.parse_kk(profile.no_kk)),
        repr(lakse.parse_niks([profile.nik, "1234"])),
        repr(lakse.ProfileInput(nik=profile.nik, no_kk=profile.no_kk)),
        repr(lakse.OpenOptions(office_key="k" * 43, delivery=lakse.DeliveryOptionsSmtp(
            host="localhost", port=25, security=lakse.SmtpSecurity.NONE, password="smtp-secret", timeout_seconds=5))),
        repr(desk),
    ]
    for text in shown:
        assert_masked(text, secrets + [profile.nik, profile.no_kk, "k" * 43, "smtp-secret"])
    assert "2171xxxxxxxx" in repr(profile) and "<redacted>" in repr(me) and "w***0@example.com" in repr(me)
    assert "bytes>" in repr(desk.coupon(me, number))
    # The values themselves are there for the code that needs them.
    assert len(profile.nik) == 16 and profile.email == "warga0@example.com"


def test_one_handle_from_many_threads(desk: lakse.Lakse, seeded: Seeded) -> None:
    officer = seeded.officer
    start = threading.Barrier(8)

    def work(i: int) -> Any:
        start.wait()  # every thread calls at once
        if i % 4 == 0:
            return desk.queue(officer, status=lakse.Status.DIAJUKAN).total
        if i % 4 == 1:
            return desk.login(*OFFICER).role  # argon2 hashing: seconds of work without the GIL
        if i % 4 == 2:
            return len(desk.services())
        return desk.application(officer, seeded.numbers[i % len(seeded.numbers)]).summary.number

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert results[0::4] == [3] * 8
    assert results[1::4] == [lakse.Actor.OFFICER] * 8
    # Concurrent officers: every application accepted exactly once.
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda n: try_accept(desk, officer, n), seeded.numbers * 2))
    assert sorted(outcomes) == ["diproses"] * 3 + ["workflow.not_allowed"] * 3


def try_accept(desk: lakse.Lakse, officer: lakse.Session, number: str) -> str:
    try:
        return desk.accept(officer, number, "ok").status.value
    except lakse.NotAllowedError as e:
        return e.code


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages, answered by Python code."""

    received: list[bytes] = []

    def handle(self) -> None:
        self.wfile.write(b"220 localhost ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 localhost\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    chunk = self.rfile.readline()
                    if not chunk:
                        return
                    data += chunk
                SmtpSink.received.append(data)
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_the_gil_is_released_while_a_handle_call_works(tmp_path: Path) -> None:
    # The SMTP server below is Python code in another thread: deliver_pending
    # (lettre, in Rust) can only get its answers if the call let go of the GIL.
    # Holding it, the call would time out and defer the message instead.
    SmtpSink.received = []
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            delivery = lakse.DeliveryOptionsSmtp(
                host="127.0.0.1", port=server.server_address[1], security=lakse.SmtpSecurity.NONE, timeout_seconds=5
            )
            with lakse.Lakse.open(tmp_path / "data", delivery=delivery) as desk:
                desk.register("warga@example.com")
                report = desk.deliver_pending(10)
        finally:
            server.shutdown()
    assert [s.kind for s in report.sent] == [lakse.Kind.CONFIRMATION], report
    assert (report.deferred, report.parked) == (0, 0)
    assert len(SmtpSink.received) == 1 and b"warga@example.com" in SmtpSink.received[0]


def dummy(kind: str) -> Any:
    """Some value of an argument type (the closed handle refuses before reading it)."""
    if kind.startswith("optional<"):
        return None
    return {
        "string": "x",
        "u32": 1,
        "i64": 1,
        "bytes": b"x",
        "Actor": lakse.Actor.OFFICER,
        "Page": lakse.Page(),
        "ProfileInput": lakse.ProfileInput(),
        "NewApplication": lakse.NewApplication(service="pengaduan"),
        "Resubmission": lakse.Resubmission(),
        "Completion": lakse.Completion(),
    }[kind]


@pytest.mark.parametrize(
    "op", [op for op in API["operations"] if op["receiver"] == "handle"], ids=lambda op: str(op["name"])
)
def test_every_method_of_a_closed_handle_refuses(tmp_path: Path, op: dict[str, Any]) -> None:
    desk = lakse.Lakse.open(tmp_path / "data")
    desk.close()
    args = {a["name"]: dummy(a["type"]) for a in op["args"]}
    if op["name"] == "close":
        desk.close()  # closing twice is fine
        return
    with pytest.raises(lakse.LakseError) as caught:
        getattr(desk, op["name"])(**args)
    # lakse-core checks the arguments' shape first, then the handle.
    assert caught.value.code == "handle.closed" or caught.value.family in (
        lakse.Family.INPUT,
        lakse.Family.DOCUMENT,
    ), caught.value


def test_refusals_are_typed(desk: lakse.Lakse, seeded: Seeded) -> None:
    with pytest.raises(lakse.AuthError) as auth:
        desk.whoami("not-a-session")
    assert auth.value.code == "auth.session_invalid" and not auth.value.retryable
    with pytest.raises(lakse.AuthError) as wrong:
        desk.login(OFFICER[0], "salah")
    assert wrong.value.code == "auth.invalid_credentials"
    with pytest.raises(lakse.NotFoundError):
        desk.application(seeded.applicants[1], seeded.numbers[0])  # another applicant's
    with pytest.raises(lakse.AuthError) as forbidden:
        desk.create_staff(seeded.officer, "x@example.com", lakse.Actor.OFFICER)
    assert forbidden.value.code == "auth.forbidden"
    # Arguments of the wrong type reach lakse-core and are refused there, typed.
    with pytest.raises(lakse.InvalidInputError) as bad:
        desk.whoami(42)  # type: ignore[arg-type]
    assert (bad.value.code, bad.value.field) == ("api.invalid_arguments", "session")
    with pytest.raises(lakse.InvalidInputError) as role:
        desk.create_staff(seeded.admin, "y@example.com", "boss")  # type: ignore[arg-type]
    assert (role.value.code, role.value.field) == ("api.invalid_arguments", "role")


def test_uploads_are_checked_by_content(desk: lakse.Lakse, seeded: Seeded) -> None:
    me = seeded.applicants[0]
    with pytest.raises(lakse.DocumentError) as caught:
        desk.set_profile_photo(me, "photo.jpg", FIXTURES / "not-a-photo.jpg")
    assert caught.value.code == "document.wrong_type" and caught.value.field == "photo"
    desk.set_profile_photo(me, "selfie.jpg", FIXTURES / "selfie.jpg")  # a PathLike
    photo = desk.profile_photo(me)
    assert photo is not None and photo.bytes == (FIXTURES / "selfie.jpg").read_bytes()
    with pytest.raises(FileNotFoundError):
        desk.set_profile_photo(me, "x.jpg", FIXTURES / "missing.jpg")


def test_bad_options_are_refused_at_open(tmp_path: Path) -> None:
    with pytest.raises(lakse.InvalidInputError) as prefix:
        lakse.Lakse.open(tmp_path / "a", number_prefix="btm")
    assert (prefix.value.code, prefix.value.field) == ("options.invalid_prefix", "number_prefix")
    with pytest.raises(lakse.InvalidInputError) as lifetime:
        lakse.Lakse.open(tmp_path / "b", session_ttl_seconds=-1)
    assert lifetime.value.code == "options.invalid_lifetime"
    with pytest.raises(TypeError):
        lakse.Lakse("/tmp/x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lakse.Lakse.open(tmp_path / "c", no_such_option=1)  # type: ignore[call-arg]
    assert not (tmp_path / "a").exists()


def test_a_long_refusal_keeps_its_whole_message(tmp_path: Path) -> None:
    # Messages are formatted on the stack up to 256 bytes; a longer one (here
    # naming a 300-letter key) must come out whole, not cut or lost.
    key = "b" * 300
    with pytest.raises(lakse.InvalidInputError) as caught:
        lakse.Lakse.open(tmp_path / "d", catalog=lakse.CatalogSourceToml(text=f"{key} = 1\n"))
    e = caught.value
    assert (e.code, e.field) == ("catalog.invalid", key)
    assert len(e.message) > 300 and f"unknown field `{key}`" in e.message
    assert e.message.endswith("`services`") and str(e) == e.message


def test_pure_function_refusals() -> None:
    with pytest.raises(TypeError):
        lakse.parse_niks("2171055209900001")  # one string, not a list
    outcomes = lakse.parse_niks(["2171055209900001", None, 2171055209900001], today=date(2026, 11, 25))  # type: ignore[list-item]
    assert [o.ok is not None for o in outcomes] == [True, False, False]
    assert {o.error.code for o in outcomes if o.error} == {"api.invalid_arguments"}
    with pytest.raises(lakse.InvalidInputError) as bad:
        lakse.next_status("diajukan", "fly", lakse.Actor.OFFICER)  # type: ignore[arg-type]
    assert (bad.value.code, bad.value.field) == ("api.invalid_arguments", "action")
    assert lakse.next_status("diajukan", "accept", "officer") is lakse.Status.DIPROSES  # type: ignore[arg-type]
    with pytest.raises(lakse.DocumentError) as coupon:
        lakse.verify_coupon("nonsense", "key")
    assert coupon.value.code == "coupon.malformed"


def test_errors_carry_the_catalogue_and_survive_pickling() -> None:
    with pytest.raises(lakse.InvalidInputError) as caught:
        lakse.parse_nik("2171 0552 3290 0001")
    e = caught.value
    assert (e.code, e.number, e.family, e.field, e.retryable) == (
        "nik.invalid_date",
        1004,
        lakse.Family.INPUT,
        "nik",
        False,
    )
    assert e.code == lakse.ErrorCode.NIK_INVALID_DATE
    assert e.message_id == "Tanggal lahir pada NIK tidak valid." and str(e) == e.message
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is lakse.InvalidInputError and (copy.code, copy.field) == (e.code, e.field)
    (outcome,) = lakse.parse_niks(["2171 0552 3290 0001"])
    assert outcome.error is not None
    raised = outcome.error.to_exception()
    assert type(raised) is lakse.InvalidInputError and raised.code == e.code


def test_sessions_and_tokens_are_accepted_as_objects_or_strings(desk: lakse.Lakse, seeded: Seeded) -> None:
    me = seeded.applicants[0]
    assert desk.whoami(me) == desk.whoami(me.token)
    mail = newest(desk, lakse.Kind.CONFIRMATION, "warga0@example.com")
    assert mail.state is lakse.OutboxState.PENDING and isinstance(mail.created_at, datetime)
    report = desk.deliver_pending(100)
    assert report.sent and all(isinstance(s.kind, lakse.Kind) for s in report.sent)
    assert desk.compose_outbox(mail.id).startswith(b"")
