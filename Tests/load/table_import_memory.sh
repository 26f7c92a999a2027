#!/usr/bin/env bash
# Constant memory of `baton import --format table`: imports a generated ServiceNow SIR response-task
# export of SIZE_MB megabytes (default 200; rows padded with a 2 KB description the mapping does
# not read, as real exports carry) and of a tenth of that, and prints each run's rows, wall time
# and peak resident memory (GNU time). Usage: Tests/load/table_import_memory.sh BATON [SIZE_MB]
set -euo pipefail
BATON="$1"
SIZE_MB="${2:-200}"
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
export BATON_HOME
BATON_HOME="$(mktemp -d /tmp/baton-table-XXXXXX)"
cleanup() {
    "$BATON" db stop >/dev/null 2>&1 || true
    state="$BATON_HOME/cluster.json"
    if [ -f "$state" ]; then
        root=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["clusterRoot"])' "$state" 2>/dev/null || true)
        [ -n "$root" ] && rm -rf "$root"
    fi
    rm -rf "$BATON_HOME"
}
trap cleanup EXIT
generate() {
    python3 - "$1" "$2" <<'PY'
import csv, sys, datetime
path, size = sys.argv[1], int(sys.argv[2]) * 1_000_000
pad = "x" * 2000
start = datetime.datetime(2025, 1, 6, 9, 0)
with open(path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["number", "parent", "short_description", "state", "assignment_group", "assigned_to",
                "work_start", "work_end", "sys_created_by", "description"])
    i = 0
    while f.tell() < size:
        t = start + datetime.timedelta(minutes=7 * i)
        w.writerow([f"SIT{i:09d}", f"SIR{i // 4:08d}", "Analyze", "Closed Complete", "SOC Tier 1", "Ana",
                    t.strftime("%Y-%m-%d %H:%M:%S"), (t + datetime.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S"),
                    "ana", pad])
        i += 1
PY
}
"$BATON" db start >/dev/null
for mb in $((SIZE_MB / 10)) "$SIZE_MB"; do
    file="$BATON_HOME/tasks-$mb.csv"
    generate "$file" "$mb"
    /usr/bin/time -v "$BATON" import --format table "$file" --tenant "t$mb" \
        --mapping "$HERE/Docs/import-mappings/servicenow-sir-tasks.json" --log-level error \
        >"$BATON_HOME/out-$mb.txt" 2>"$BATON_HOME/time-$mb.txt"
    rss=$(grep 'Maximum resident set size' "$BATON_HOME/time-$mb.txt" | awk '{print $NF}')
    wall=$(grep 'Elapsed (wall clock)' "$BATON_HOME/time-$mb.txt" | awk '{print $NF}')
    echo "$(du -m "$file" | cut -f1) MB: $(tail -n 1 "$BATON_HOME/out-$mb.txt"); wall $wall, peak RSS $((rss / 1024)) MB"
    rm -f "$file"
done
