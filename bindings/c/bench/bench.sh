#!/usr/bin/env bash
# The cost of parse_nik and of one handle call (whoami) through the C ABI
# against the same calls in Rust, in one run, release build.
#
#   bindings/c/bench/bench.sh [ITERATIONS]     (default 20000; whoami runs a quarter)
#
# Each program reports the median ns per call of 7 rounds; the script runs
# both programs 3 times, alternating, and prints the median of those.
#   rust       the typed Rust call (lakse_core::api::parse_nik, Lakse::whoami)
#   rust-json  the same through lakse_core::api::call / call_pure, JSON values in and out
#   rust-text  the same with the JSON as text: parsed before, written after
#   c          the C function (lakse_parse_nik, lakse_whoami): C string in, JSON
#              string out, freed with lakse_string_free
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
n="${1:-20000}"
target="${CARGO_TARGET_DIR:-$root/target}"

cargo build --release --locked --quiet -p lakse-c --lib --example bench_rust
gcc -std=c11 -O2 -Wall -Wextra -Werror -I"$root/include" bindings/c/bench/bench.c \
  -L"$target/release" -llakse -Wl,-rpath,"$target/release" -o "$target/release/bench_c"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for round in 1 2 3; do
  "$target/release/bench_c" "$scratch/c$round" "$n"
  "$target/release/examples/bench_rust" "$scratch/rust$round" "$n"
done >"$scratch/results"

median() { grep "^$1 $2 " "$scratch/results" | awk '{print $3}' | sort -n | sed -n 2p; }

echo "ns per call; iterations: $n (whoami: $((n / 4))); median of 3 runs x median of 7 rounds; $(nproc) cores"
printf '%-10s %10s %10s %10s %10s %12s\n' call rust rust-json rust-text c "c - rust"
for call in parse_nik whoami; do
  r=$(median rust "$call")
  j=$(median rust-json "$call")
  t=$(median rust-text "$call")
  c=$(median c "$call")
  printf '%-10s %10s %10s %10s %10s %12s\n' "$call" "$r" "$j" "$t" "$c" "$((c - r))"
done
