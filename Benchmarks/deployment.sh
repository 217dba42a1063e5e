#!/usr/bin/env bash
# Deployment model benchmark: rongchang-2024 and generated districts of 21, 50,
# 100 and 200 towns (5 people per town, 9 departments, seed 1), GLPK with a
# time limit (default 60 s), release build. Prints one Markdown table row per
# instance: status, objective (checker), bound, gap, seconds, model size, peak
# memory. Usage: Benchmarks/deployment.sh [time-limit-seconds] [solver]
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-60}"
SOLVER="${2:-glpk}"
SCRATCH="${SCRATCH:-.build-model-rel}"
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/secondment"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

instances=("rongchang-2024:Instances/rongchang-2024.json")
for towns in 21 50 100 200; do
  file="$WORK/g$towns.json"
  "$BIN" generate --towns "$towns" --people $((towns * 5)) --departments 9 --seed 1 --output "$file" >/dev/null
  instances+=("generated-$towns:$file")
done

echo "| instance | solver | status | objective | bound | gap | seconds | rows | columns | integers | peak memory |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for entry in "${instances[@]}"; do
  name="${entry%%:*}"
  file="${entry#*:}"
  out="$WORK/$name.out"
  set +e
  /usr/bin/time -v -o "$WORK/$name.time" "$BIN" solve "$file" --solver "$SOLVER" \
    --time-limit "$LIMIT" --quiet --output "$WORK/$name.roster.json" >"$out" 2>"$WORK/$name.err"
  set -e
  status=$(sed -n 's/^Status: \([a-z-]*\) (\(.*\), \([0-9.]*\) s)$/\1/p' "$out")
  solver=$(sed -n 's/^Status: \([a-z-]*\) (\(.*\), \([0-9.]*\) s)$/\2/p' "$out")
  seconds=$(sed -n 's/^Status: \([a-z-]*\) (\(.*\), \([0-9.]*\) s)$/\3/p' "$out")
  total=$(awk '$1 == "total" { print $NF }' "$out")
  bound=$(sed -n 's/^  bound \([0-9.e+-]*\).*/\1/p' "$out")
  gap=$(sed -n 's/^  bound .*gap \([0-9.]*%\).*/\1/p' "$out")
  size=$(sed -n 's/^Model: \([0-9]*\) rows, \([0-9]*\) columns (\([0-9]*\) integer).*/\1 | \2 | \3/p' "$out")
  peak=$(awk -F: '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$WORK/$name.time")
  echo "| $name | ${solver:-?} | ${status:-failed} | ${total:--} | ${bound:--} | ${gap:--} | ${seconds:--} | ${size:-- | - | -} | $peak |"
done
