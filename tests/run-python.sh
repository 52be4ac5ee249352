#!/usr/bin/env bash
# The Python package: builds the wheel from source (maturin, dev profile, the
# shared target/), installs it into a virtual environment under target/, and
# runs pytest, the stub checks (stubtest, mypy --strict over the tests and
# examples) and both examples on real data.
# Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s ==\n' "$*"; }

venv="$root/target/py-venv"
py="$venv/bin/python"
# Pinned: the versions these tests were last run with.
tools=(
  "maturin==1.16.0"
  "pytest==9.2.0"
  "mypy==2.4.1"
  "openpyxl==3.1.5"
  "tqdm==4.70.1"
  "types-openpyxl==3.1.5.20261017"
  "types-tqdm==4.70.0.20261106"
)

step "Python tools (virtual environment target/py-venv)"
if [ ! -x "$py" ]; then
  python3 -m venv "$venv"
fi
stamp="$venv/.lakse-tools"
if [ "$(cat "$stamp" 2>/dev/null)" != "${tools[*]}" ]; then
  "$py" -m pip install --quiet --disable-pip-version-check "${tools[@]}"
  echo "${tools[*]}" >"$stamp"
fi

step "generated Python files are fresh"
"$py" python/generate.py --check

step "build the wheel (maturin, dev profile, target/)"
wheels="$root/target/py-wheels"
rm -rf "$wheels"
"$venv/bin/maturin" build --quiet --profile dev --manifest-path python/Cargo.toml \
  --interpreter "$py" --out "$wheels"
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/lakse-*.whl

step "pytest"
"$venv/bin/pytest" -q python/tests

step "stubs: stubtest, then mypy --strict over the tests and examples"
"$py" -m mypy.stubtest lakse --allowlist python/stubtest-allowlist.txt
"$py" -m mypy --strict python/tests examples/python

step "examples/python/check_niks.py on 100,000 generated NIKs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$py" python/tests/make_niks.py 100000 "$work/niks.csv"
"$py" examples/python/check_niks.py "$work/niks.csv" "$work/verdicts.csv" --today 2026-11-25 --no-progress
"$py" - "$work/verdicts.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 100_000, len(rows)
valid = sum(r["verdict"] == "valid" for r in rows)
assert 60_000 < valid < 80_000, valid
assert all("xxxxxxxx" in r["nik"] for r in rows if r["verdict"] == "valid"), "NIKs must be masked"
print(f"check_niks: {len(rows)} rows, {valid} valid, NIKs masked")
EOF
"$py" python/tests/make_niks.py 200 "$work/niks.xlsx"
"$py" examples/python/check_niks.py "$work/niks.xlsx" "$work/verdicts-xlsx.csv" --today 2026-11-25 --show-nik

step "examples/python/officer.py on a seeded desk"
"$py" python/tests/desk_seed.py "$work/desk"
"$py" examples/python/officer.py "$work/desk" --email petugas@example.com --password "petugas-rahasia-1" \
  --reject "$(sed -n 4p "$work/desk/numbers.txt")=Foto KTP rusak tidak terbaca" --reject-without-documents "Lampirkan foto KTP" \
  --report "$work/report.csv"
"$py" - "$work/report.csv" <<'EOF'
import csv, sys
rows = {(r["service"], r["status"]): int(r["applications"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
assert rows == {
    ("cetak_ktp_kk", "selesai"): 2,
    ("cetak_ktp_kk", "ditolak"): 1,
    ("pengaduan", "ditolak"): 3,
    ("pindah_datang", "selesai"): 3,
}, rows
print("officer: queue worked, report as expected")
EOF

echo
echo "python: all checks passed"
