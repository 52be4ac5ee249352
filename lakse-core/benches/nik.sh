#!/usr/bin/env bash
# NIK parse benchmark: lakse (criterion) against pure-Python peers from PyPI,
# over the same 1,000 NIKs (peers/niks.txt). Prints ns/NIK for each and the ratio.
# Usage: bash lakse-core/benches/nik.sh   (from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
venv="$root/target/nik-peers-venv"
python3 -m venv --clear "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    lokal-id==0.7.2 python-stdnum==2.2 nik-lookup==1.0.0
cargo bench -p lakse-core --bench nik
estimates="$root/target/criterion/nik/strict_parse/new/estimates.json"
rust_ns="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["mean"]["point_estimate"] / 1000)' "$estimates")"
"$venv/bin/python" lakse-core/benches/peers/nik_peer.py --rust-ns "$rust_ns"
