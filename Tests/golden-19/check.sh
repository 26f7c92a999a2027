#!/bin/bash
# Issue 19 changes structure only. This fixture holds the outputs of the tree before the change
# (commit 3fb0a2c): the JSON report and survey CSV in full, every other rendering and export by
# SHA-256 (the event logs are ~230 MB). It is deleted when the change is complete.
#
#   Tests/golden-19/check.sh BATON_BINARY [HOME]
# loads `baton simulate --seed 1` into HOME (a fresh embedded cluster; default a temporary one),
# renders everything again and compares.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
baton=$1
home=${2:-$(mktemp -d)}
out=$(mktemp -d)
if [ ! -e "$home/.loaded" ]; then
    "$baton" simulate --seed 1 --home "$home" --log-level error
    touch "$home/.loaded"
fi
p=(--home "$home" --log-level error --tenant soc-1)
period=(--from 2026-01-05 --to 2026-04-05)
for f in json text markdown html; do "$baton" report "${p[@]}" "${period[@]}" --format $f >"$out/report.$f"; done
"$baton" report "${p[@]}" "${period[@]}" --format json --class-by assistant --baseline did --hourly-rate 80 \
    >"$out/report-assistant-did.json"
"$baton" export survey "${p[@]}" "${period[@]}" --out "$out/survey.csv" 2>/dev/null
"$baton" export survey "${p[@]}" "${period[@]}" --anonymize --out "$out/survey-anon.csv" 2>/dev/null
for f in xes ocel csv; do "$baton" export events "${p[@]}" --format $f --out "$out/events.$f" 2>/dev/null; done
"$baton" export events "${p[@]}" --format csv --anonymize --from 2026-02-01 --to 2026-03-01 \
    --out "$out/events-anon.csv" 2>/dev/null
diff "$here/report.json" "$out/report.json"
diff "$here/survey.csv" "$out/survey.csv"
(cd "$out" && sha256sum -c "$here/before.sha256")
rm -rf "$out"
echo "golden-19: every output is byte-identical to the tree before the change"
