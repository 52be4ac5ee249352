#!/usr/bin/env bash
# The Python package's benchmark (issue 11), every peer in the same run:
# over 100,000 mixed NIKs, lakse.parse_nik per item and lakse.parse_niks in
# one batch against the pure-Python validators on PyPI (lokal-id,
# python-stdnum, nik-lookup), each peer's agreement with lakse's verdicts,
# and the per-call cost of trivial calls from Python against the same calls
# in Rust.
#
# Installs the peers and the package (`pip install ./python`: a release
# build, as a user gets it) into its own virtual environment,
# target/py-bench-venv; the peers are not dependencies of anything.
# Usage: bash python/bench/bench.sh   (from anywhere; a few minutes the first time)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
venv="$root/target/py-bench-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip=("$venv/bin/pip" install --quiet --disable-pip-version-check)
for peer in lokal-id==0.7.2 python-stdnum==2.2 nik-lookup==1.0.0; do
  "${pip[@]}" "$peer" || echo "peer $peer did not install; benchmarking without it"
done
CARGO_INCREMENTAL=0 "${pip[@]}" --force-reinstall --no-deps ./python
CARGO_INCREMENTAL=0 cargo run --quiet --release --locked -p lakse-python --example trivial_call >"$root/target/py-bench-rust.tsv"
"$venv/bin/python" python/bench/bench.py --rust "$root/target/py-bench-rust.tsv" "$@"
