#!/usr/bin/env bash
# Renders the pickup coupon with lakse (criterion bench `coupon`) and with
# Python's reportlab (benches/peers/coupon_reportlab.py) in the same run and
# prints ns per coupon for both, the ratio and the PDF sizes.
# reportlab goes into a throwaway virtual environment under target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/target/bench-venv-reportlab"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import reportlab" 2>/dev/null \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check "reportlab==4.4.4"

log="$root/target/coupon-bench.log"
(cd "$root" && cargo bench -p lakse-core --bench coupon -- --noplot) 2>&1 | tee "$log"
code=$(sed -n 's/^COUPON_CODE=//p' "$log" | head -1)
bytes=$(sed -n 's/^COUPON_BYTES=//p' "$log" | head -1)
ns=$("$venv/bin/python" - "$root/target/criterion/coupon_render/new/estimates.json" <<'PY'
import json, sys
print(round(json.load(open(sys.argv[1]))["mean"]["point_estimate"]))
PY
)
peer=$("$venv/bin/python" "$here/peers/coupon_reportlab.py" "$root/lakse-core/data/fonts" "$code" 200)
echo "$peer"
rl_ns=$(echo "$peer" | sed -n 's/^reportlab_ns_per_coupon=//p')
echo
echo "lakse:     $ns ns per coupon ($bytes bytes)"
echo "reportlab: $rl_ns ns per coupon ($(echo "$peer" | sed -n 's/^reportlab_bytes=//p') bytes)"
echo "ratio:     $(awk -v a="$rl_ns" -v b="$ns" 'BEGIN { printf "%.1f", a / b }')x"
