#!/usr/bin/env bash
# The UniFFI bindings (bindings/uniffi): builds lakse-uniffi, checks the
# committed Kotlin and Swift sources are what uniffi-bindgen generates now,
# runs the Kotlin tests on the JVM (Maven Central: JNA, coroutines, JUnit),
# and checks the Swift sources with tree-sitter-swift (no Swift compiler
# reaches these machines). Installs what it needs when it is missing.
#
#   LAKSE_UPDATE_GENERATED=1 tests/run-uniffi.sh   rewrites bindings/uniffi/generated
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
venv=$target/uniffi-venv
step() { printf '\n== %s\n' "$*"; }

step "tools"
missing=()
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! "$venv/bin/python" -c 'import tree_sitter, tree_sitter_swift' 2>/dev/null; then
  echo "installing tree-sitter and tree-sitter-swift (PyPI) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check tree-sitter==0.26.1 tree-sitter-swift==0.7.4
fi

step "cargo build -p lakse-uniffi"
cargo build -p lakse-uniffi --locked
lib=$target/debug/liblakse_uniffi.so

step "generated sources are fresh"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
for language in kotlin swift; do
  cargo run -q -p lakse-uniffi --locked --bin uniffi-bindgen -- generate --library "$lib" \
    --language "$language" --no-format --out-dir "$fresh/$language" >/dev/null
done
if [[ ${LAKSE_UPDATE_GENERATED:-} == 1 ]]; then
  rm -rf bindings/uniffi/generated
  mkdir -p bindings/uniffi/generated
  cp -r "$fresh/kotlin" "$fresh/swift" bindings/uniffi/generated/
  echo "rewrote bindings/uniffi/generated"
elif ! diff -ru bindings/uniffi/generated/kotlin "$fresh/kotlin" >/dev/null \
  || ! diff -ru bindings/uniffi/generated/swift "$fresh/swift" >/dev/null; then
  diff -ru bindings/uniffi/generated "$fresh" | head -40 || true
  echo "bindings/uniffi/generated is stale: run LAKSE_UPDATE_GENERATED=1 tests/run-uniffi.sh and commit it" >&2
  exit 1
else
  echo "bindings/uniffi/generated matches uniffi-bindgen's output"
fi

step "Kotlin tests (mvn test)"
reports=bindings/uniffi/kotlin/target/surefire-reports
rm -rf "$reports"
(cd bindings/uniffi/kotlin && mvn -q -B clean test -Dlakse.lib.dir="$target/debug")
# Maven is quiet (and ends without a newline); say what ran, as one plain line.
echo
python3 - "$reports" <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for f in pathlib.Path(sys.argv[1]).glob("TEST-*.xml"):
    s = ET.parse(f).getroot()
    tests += int(s.get("tests")); skipped += int(s.get("skipped"))
    failed += int(s.get("failures")) + int(s.get("errors"))
if tests == 0:
    sys.exit("no Kotlin test ran")
print(f"kotlin: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY

step "Swift: syntax (tree-sitter-swift) and declarations"
"$venv/bin/python" bindings/uniffi/swift/check_swift.py bindings/uniffi tests/vectors/api.json
