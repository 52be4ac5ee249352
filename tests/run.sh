#!/usr/bin/env bash
# Installs what the tests need and runs every test in every language.
# Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s ==\n' "$*"; }

step "system packages"
# poppler-utils: pdftotext/pdftoppm read the pickup coupon back.
need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}"
fi

step "Python test tools (virtual environment under target/)"
venv="$root/target/test-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import aiosmtpd" 2>/dev/null \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==1.4.6"
export LAKSE_PYTHON="$venv/bin/python"
# Tests that need an external tool fail instead of skipping when it is missing.
export LAKSE_REQUIRE_TOOLS=1

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build the workspace once (dev profile; every language reuses it)"
cargo build --workspace --locked

step "Rust tests (unit, vectors, property, store, journeys, doctests)"
cargo test --workspace --locked

step "API documentation (broken links and missing docs fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "walkthrough"
walk_dir=$(mktemp -d)
cargo run --locked --quiet --example walkthrough -- "$walk_dir/data" | tee "$walk_dir/out.txt"
# Its dates are Indonesian (lakse_core::texts), as lakse-core/tests/dates_shown.rs
# checks for the rest; an English month or AM/PM fails the run.
if grep -nwE 'January|February|March|May|June|July|August|October|December|Aug|Oct|Dec|AM|PM' \
  "$walk_dir/out.txt"; then
  echo "the walkthrough shows a date in English" >&2
  exit 1
fi
rm -rf "$walk_dir"

step "C binding (header, walkthrough, journeys, valgrind)"
bash tests/run-c.sh

step "UniFFI bindings (Kotlin on the JVM, Swift syntax check)"
bash tests/run-uniffi.sh

step "Python package (maturin wheel, pytest, mypy --strict, examples)"
bash tests/run-python.sh

step "Node package (napi-rs: node:test, tsc, walkthrough)"
bash tests/run-node.sh

step "fuzzing (only with LAKSE_FUZZ=1; see docs/fuzzing.md)"
bash tests/run-fuzz.sh

echo
echo "all tests passed ($root)"
