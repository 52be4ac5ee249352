"""A desk with staff and submitted applications, built through the public
API only: the fixture of the handle tests and of examples/python/officer.py.

    python python/tests/desk_seed.py DATA_DIR [APPLICANTS]   # also writes DATA_DIR/numbers.txt
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import lakse

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
ADMIN = ("admin@example.com", "admin-rahasia-1")
OFFICER = ("petugas@example.com", "petugas-rahasia-1")
PASSWORD = "warga-rahasia-1"


@dataclass
class Seeded:
    admin: lakse.Session
    officer: lakse.Session
    applicants: list[lakse.Session]
    numbers: list[str]


def newest(desk: lakse.Lakse, kind: lakse.Kind, to: str) -> lakse.OutboxMessage:
    return [m for m in desk.outbox(1000) if m.kind is kind and m.to == to][-1]


def staff(desk: lakse.Lakse) -> tuple[lakse.Session, lakse.Session]:
    desk.bootstrap_admin(*ADMIN)
    admin = desk.login(*ADMIN)
    desk.create_staff(admin, OFFICER[0], lakse.Actor.OFFICER)
    otp = newest(desk, lakse.Kind.CREDENTIALS, OFFICER[0]).data["password"]
    first = desk.login(OFFICER[0], otp)
    desk.change_password(first, otp, OFFICER[1])
    return admin, desk.login(*OFFICER)


def applicant(desk: lakse.Lakse, i: int) -> lakse.Session:
    email = f"warga{i}@example.com"
    desk.register(email)
    token = newest(desk, lakse.Kind.CONFIRMATION, email).data["token"]
    desk.confirm_with_password(token, PASSWORD)
    session = desk.login(email, PASSWORD)
    day = 1 + i % 28
    female = i % 2 == 1
    desk.update_profile(
        session,
        lakse.ProfileInput(
            nama=f"Warga Nomor {i}",
            nik=f"217105{day + (40 if female else 0):02d}0990{i + 1:04d}",
            no_kk=f"2171050110150{i + 1:03d}",
            whatsapp=f"0812700{i:05d}",
            sex="Perempuan" if female else "Laki-laki",
            birth_place="Batam",
        ),
    )
    return session


def submit(desk: lakse.Lakse, session: lakse.Session, i: int) -> lakse.ApplicationSummary:
    jpg, png, pdf = FIXTURES / "selfie.jpg", FIXTURES / "kk.png", FIXTURES / "form.pdf"
    kind = i % 3
    if kind == 0:
        subtype = ["ktp_rusak", "kk_rusak"][i % 2]
        return desk.submit(
            session,
            lakse.NewApplication(
                service="cetak_ktp_kk",
                subtype=subtype,
                keterangan=f"permohonan {i}",
                documents=[
                    lakse.Upload.from_path("kk", png),
                    lakse.Upload.from_path(subtype, FIXTURES / "ktp-rusak.jpg"),
                    lakse.Upload.from_path("form_f1", pdf),
                    lakse.Upload.from_path("form_f2", pdf),
                    lakse.Upload(slot="swafoto", file_name="selfie.jpg", bytes=jpg.read_bytes()),
                ],
            ),
        )
    if kind == 1:
        return desk.submit(
            session, lakse.NewApplication(service="pengaduan", keterangan=f"KTP belum jadi ({i})")
        )
    return desk.submit(
        session,
        lakse.NewApplication(
            service="pindah_datang",
            documents=[
                lakse.Upload.from_path("skpwni", pdf),
                lakse.Upload.from_path("ktp_el", png),
                lakse.Upload.from_path("form_f103", pdf),
                lakse.Upload.from_path("swafoto", jpg),
            ],
        ),
    )


def seed(desk: lakse.Lakse, applicants: int = 6) -> Seeded:
    admin, officer = staff(desk)
    sessions = [applicant(desk, i) for i in range(applicants)]
    numbers = [submit(desk, s, i).number for i, s in enumerate(sessions)]
    return Seeded(admin, officer, sessions, numbers)


if __name__ == "__main__":
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    with lakse.Lakse.open(sys.argv[1]) as handle:
        done = seed(handle, count)
    # The numbers (their year and check letter change with the date), one a line.
    Path(sys.argv[1], "numbers.txt").write_text("\n".join(done.numbers) + "\n", encoding="utf-8")
    print(f"seeded {sys.argv[1]}: admin {ADMIN[0]}, officer {OFFICER[0]}, {len(done.numbers)} applications")
