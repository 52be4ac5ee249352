#!/usr/bin/env bash
# Installs what the tests need and runs every test in every language.
# Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s ==\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, vectors, property, doctests)"
cargo test --workspace --locked

step "walkthrough"
if [ -f examples/walkthrough.rs ]; then
  cargo run --locked --example walkthrough -- "$(mktemp -d)"
fi

echo
echo "all tests passed ($root)"
