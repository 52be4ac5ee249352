#!/usr/bin/env bash
# Builds the npm package (node/) from source and tests it: installs its
# pinned dev dependencies (npm ci), builds the addon with napi-rs in the dev
# profile into the workspace's target/, checks that the generated
# index.d.ts and binding.js are the committed ones, runs node:test (shared
# vectors and journeys included), tsc --strict over the typed example, and
# the walkthrough example. Idempotent; needs Node >= 20, npm and cargo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/node"

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "run-node.sh: Node >= 20 is needed, found $(node --version)" >&2
  exit 1
fi

echo "== npm ci (node/)"
npm ci --no-audit --no-fund

echo "== napi build (dev profile)"
npm run build

if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git -C "$root" diff --exit-code -- node/index.d.ts node/binding.js; then
    echo "run-node.sh: the generated index.d.ts or binding.js differ from the committed ones; commit them" >&2
    exit 1
  fi
fi

echo "== node:test"
npm test --ignore-scripts

echo "== tsc --noEmit --strict (typecheck/example.ts)"
npm run typecheck

echo "== examples/node/walkthrough.mjs"
mkdir -p "$root/examples/node/node_modules"
ln -sfn ../../../node "$root/examples/node/node_modules/lakse"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
node "$root/examples/node/walkthrough.mjs" "$data/walkthrough"
