#!/usr/bin/env bash
# Cost of parse_nik and of one handle call (whoami) through Kotlin against the
# same calls in Rust, in one run on one release build of the library.
# Prints both sides' ns/call. Needs what tests/run-uniffi.sh installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build -p lakse-uniffi --locked --release --lib --example bench
"$target/release/examples/bench"
log=$target/uniffi-bench-kotlin.log
(cd bindings/uniffi/kotlin && mvn -q -B test -Dtest=BenchTest -Dlakse.bench=true \
  -Dlakse.lib.dir="$target/release" -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE 'kotlin (parseNik|whoami)|checksum'
