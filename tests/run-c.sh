#!/usr/bin/env bash
# The C binding's checks: builds bindings/c, checks the generated files
# (include/lakse.h, the error enum, the per-operation functions) are fresh,
# compiles the C walkthrough and the C tests with gcc -Wall -Wextra -Werror
# against target/debug/liblakse.so, runs them, and runs both again under
# valgrind (no definite leaks, no invalid reads or writes).
# Installs what it needs from Debian when it is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== C: %s ==\n' "$*"; }

step "system packages"
# gcc compiles the C code; valgrind checks memory; libcjson-dev lets the C
# test read the shared vectors and journeys.
need_apt=()
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
[ -f /usr/include/cjson/cJSON.h ] || need_apt+=(libcjson-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}"
fi

step "build bindings/c (cargo build -p lakse-c)"
cargo build -p lakse-c --locked
target="${CARGO_TARGET_DIR:-$root/target}"
lib="$target/debug"
[ -f "$lib/liblakse.so" ] || { echo "no $lib/liblakse.so" >&2; exit 1; }

step "Rust tests of the binding; generated files fresh (header, error enum, operations)"
cargo test -p lakse-c --locked

step "compile the C walkthrough and the C tests (gcc -Wall -Wextra -Werror)"
out="$target/c"
mkdir -p "$out"
cflags=(-std=c11 -g -Wall -Wextra -Werror -I"$root/include")
link=(-L"$lib" -llakse -Wl,-rpath,"$lib")
gcc "${cflags[@]}" examples/c/walkthrough.c "${link[@]}" -o "$out/walkthrough"
gcc "${cflags[@]}" bindings/c/tests/journeys.c "${link[@]}" -lcjson -o "$out/journeys"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step "C walkthrough"
"$out/walkthrough" "$scratch/walk" tests/fixtures
pdf=$(find "$scratch/walk" -maxdepth 1 -name 'bukti-pengambilan-*.pdf' | head -n 1)
[ -n "$pdf" ] && head -c 5 "$pdf" | grep -q '%PDF-' || { echo "no coupon PDF written" >&2; exit 1; }

step "C tests: vectors, journeys, refusals, API parity"
"$out/journeys" "$root"

# Definite (and indirect) leaks fail and are shown. "Possibly lost" blocks are
# not leaks here: lakse-core keeps the coupon font's subsets in a static cache
# for the life of the process, through Arc pointers valgrind sees as interior.
vg=(valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite --error-exitcode=1)

step "C walkthrough under valgrind"
"${vg[@]}" "$out/walkthrough" "$scratch/walk-valgrind" tests/fixtures

step "C tests under valgrind"
"${vg[@]}" "$out/journeys" "$root" >"$scratch/journeys-valgrind.log" 2>&1 \
  || { cat "$scratch/journeys-valgrind.log" >&2; exit 1; }
tail -n 1 "$scratch/journeys-valgrind.log"

echo
echo "C binding: all checks passed"
