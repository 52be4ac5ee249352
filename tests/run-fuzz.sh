#!/usr/bin/env bash
# Fuzzes every cargo-fuzz target in fuzz/ for a bounded time, only when
# LAKSE_FUZZ=1; otherwise says it is skipped and succeeds.
#
#   LAKSE_FUZZ=1 ./tests/run-fuzz.sh
#   LAKSE_FUZZ=1 LAKSE_FUZZ_SECONDS=10 LAKSE_FUZZ_TARGETS="email upload" ./tests/run-fuzz.sh
#
# LAKSE_FUZZ_SECONDS  seconds per target (default 60)
# LAKSE_FUZZ_TARGETS  targets to run, separated by spaces (default: all)
#
# It installs what it needs when it is missing, and only then: cargo-fuzz
# (`cargo install cargo-fuzz --locked`) and a nightly toolchain through rustup;
# where no nightly toolchain can be had, it fuzzes with the stable compiler
# and RUSTC_BOOTSTRAP=1 (see docs/fuzzing.md). Before fuzzing a target it
# runs the reproducers under fuzz/regressions/<target>/. Any crash, panic,
# failed check, timeout or out-of-memory fails the script (exit 1), after
# every target has had its turn; the inputs are kept under
# fuzz/artifacts/<target>/ and each target's log under fuzz/logs/.
set -euo pipefail

if [ "${LAKSE_FUZZ:-}" != 1 ]; then
    echo "run-fuzz: fuzzing skipped (set LAKSE_FUZZ=1 to fuzz every target for ${LAKSE_FUZZ_SECONDS:-60} s)"
    exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"
seconds=${LAKSE_FUZZ_SECONDS:-60}
targets=${LAKSE_FUZZ_TARGETS:-"nik kk phone email catalog coupon upload api_json"}
case "$seconds" in
    '' | *[!0-9]* | 0)
        echo "run-fuzz: LAKSE_FUZZ_SECONDS must be a whole number of seconds above 0, not '$seconds'" >&2
        exit 2
        ;;
esac

say() { echo "run-fuzz: $*"; }

# cargo-fuzz, once.
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# A nightly toolchain if there is one or rustup can install one; otherwise
# the stable compiler with its nightly features unlocked.
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
elif command -v rustup >/dev/null 2>&1 &&
    { say "installing a nightly toolchain"; rustup toolchain install nightly --profile minimal; }; then
    toolchain=(+nightly)
else
    say "no nightly toolchain: fuzzing with the stable compiler and RUSTC_BOOTSTRAP=1"
    export RUSTC_BOOTSTRAP=1
fi
say "$(cargo "${toolchain[@]}" fuzz --version), $(rustc "${toolchain[@]}" --version)"

# Seeds, rebuilt every run from the test vectors, fixtures and the embedded
# catalog (coupon and api_json write theirs when they start, see their files).
seeds="$fuzz/target/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$root" "$seeds" <<'PY'
import hashlib, json, pathlib, sys, tomllib

root, seeds = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = seeds / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)

def vectors(name):
    return json.loads((root / "tests/vectors" / f"{name}.json").read_text())["cases"]

for case in vectors("phone"):
    put("phone", case["input"])
for case in vectors("email"):
    for text in [case["input"]] if "input" in case else case["same"]:
        put("email", text)
# nik and kk take (u16, text): the u16 moves `today` by 4 days a step from
# 1900-01-01; 11,500 steps is late 2025.
for target in ["nik", "kk"]:
    for case in vectors(target):
        put(target, (11500).to_bytes(2, "little") + case["input"].encode())
batam = (root / "lakse-core/data/catalog/batam.toml").read_text()
put("catalog", batam)
put("catalog", json.dumps(tomllib.loads(batam), ensure_ascii=False))
for broken in json.loads((root / "tests/vectors/catalog.json").read_text())["broken"]:
    put("catalog", broken["text"])
PY
else
    say "no python3: the text targets start from an empty corpus"
fi

say "building the targets"
(cd "$fuzz" && cargo "${toolchain[@]}" fuzz build)

mkdir -p "$fuzz/logs"
failed=()
for target in $targets; do
    corpus="$fuzz/corpus/$target"
    mkdir -p "$corpus" "$seeds/$target"
    extra=("$seeds/$target")
    [ "$target" = upload ] && extra+=("$root/tests/fixtures")
    log="$fuzz/logs/$target.log"

    regressions=("$fuzz/regressions/$target"/*)
    if [ -e "${regressions[0]}" ]; then
        say "$target: replaying ${#regressions[@]} reproducer(s) from fuzz/regressions/$target/"
        if ! (cd "$fuzz" && cargo "${toolchain[@]}" fuzz run "$target" "${regressions[@]}" -- -runs=1) \
            >"$fuzz/logs/$target.regressions.log" 2>&1; then
            say "$target: a reproducer still fails (fuzz/logs/$target.regressions.log)"
            failed+=("$target (regression)")
        fi
    fi

    say "$target: fuzzing for $seconds s"
    if (cd "$fuzz" && LAKSE_FUZZ_SEED_DIR="$seeds/$target" \
        cargo "${toolchain[@]}" fuzz run "$target" "$corpus" "${extra[@]}" -- \
        -max_total_time="$seconds" -timeout=30 -print_final_stats=1) >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        say "$target: no crash in ${runs:-?} executions (${cov:-cov: ?}; log fuzz/logs/$target.log)"
    else
        say "$target: FAILED; the end of fuzz/logs/$target.log:"
        tail -n 30 "$log" | sed 's/^/    /'
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    say "failed: ${failed[*]} (inputs under fuzz/artifacts/)"
    exit 1
fi
say "every target ran $seconds s without a crash"
