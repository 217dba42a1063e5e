#!/usr/bin/env bash
# Large districts: generated 500- and 1,000-town districts (5 people per town,
# 9 departments, seed 3), `solve --time-limit` (default 30 s) in its default
# mode, release build, measured with /usr/bin/time -v. Prints one Markdown
# table row per district: status, solver, objective (checker), wall-clock
# seconds of the whole command (load, plan, check, write), peak memory, exit
# status. The promise checked: a roster within the limit plus 10% and under
# 1 GiB. Usage: Benchmarks/large-districts.sh [time-limit-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-30}"
SCRATCH="${SCRATCH:-.build-model-rel}"
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/secondment"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "| district | people | status | solver | objective | wall seconds | peak memory | exit |"
echo "|---|---|---|---|---|---|---|---|"
for towns in 500 1000; do
  file="$WORK/g$towns.json"
  "$BIN" generate --towns "$towns" --people $((towns * 5)) --departments 9 --seed 3 \
    --output "$file" >/dev/null 2>&1
  out="$WORK/$towns.out"
  set +e
  /usr/bin/time -v -o "$WORK/$towns.time" "$BIN" solve "$file" --time-limit "$LIMIT" --quiet \
    --output "$WORK/$towns.roster.json" >"$out" 2>"$WORK/$towns.err"
  code=$?
  set -e
  status=$(sed -n 's/^Status: \([a-z-]*\) (\(.*\), \([0-9.]*\) s)$/\1/p' "$out")
  solver=$(sed -n 's/^Status: \([a-z-]*\) (\(.*\), \([0-9.]*\) s)$/\2/p' "$out")
  total=$(awk '$1 == "total" { print $NF }' "$out")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$towns.time")
  peak=$(awk -F: '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$WORK/$towns.time")
  echo "| generated-$towns | $((towns * 5)) | ${status:-none} | ${solver:--} | ${total:--} | $wall | $peak | $code |"
done
