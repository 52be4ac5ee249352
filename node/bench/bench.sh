#!/usr/bin/env bash
# The Node benchmarks of issue 12: parseNik over 100,000 mixed NIKs against
# the npm peers (nik-parser, parsenik; installed here into bench/peers, not
# as dependencies of the package) with each peer's agreement with our
# verdicts, and the per-call cost of a sync and a Promise call against the
# same calls in Rust. Builds the release addon into bench/build and the Rust
# side (example rust_calls) in release, both into the workspace's target/.
#   bash node/bench/bench.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$(dirname "$here")"
triple="$(rustc -vV | sed -n 's/^host: //p')"

echo "== peers into $here/peers"
mkdir -p "$here/peers"
[ -f "$here/peers/package.json" ] || echo '{"private": true}' > "$here/peers/package.json"
npm install --no-audit --no-fund --prefix "$here/peers" nik-parser@1.0.1 parsenik@1.0.3

echo "== release addon into $here/build"
(cd "$node_dir" && [ -d node_modules ] || npm ci --no-audit --no-fund)
(cd "$node_dir" && npx napi build --platform --release --no-const-enum -o bench/build --no-js --dts index.d.ts)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$here/bench.mjs" niks "$work/niks.txt"

echo "== Rust side (release)"
cargo run --quiet --release --target "$triple" -p lakse-node --example rust_calls -- "$work/niks.txt" > "$work/rust.json"

echo "== Node"
addon="$(ls "$here"/build/lakse.*.node | head -n 1)"
NAPI_RS_NATIVE_LIBRARY_PATH="$addon" node "$here/bench.mjs" run "$work/niks.txt" "$work/rust.json"
