#!/usr/bin/env bash
# OR-Library GAP benchmark: gapa-gapd (24 instances, minimised), release build,
# `secondment gap` with a time limit per instance (default 10 s). Runs four
# solvers (or those named in SOLVERS): auto (the default mode: relaxations,
# greedy from the rounding, neighbourhood searches, GLPK warm-started), glpk
# (cold: presolve + cuts), glpk-warm (greedy solution as a warm start through
# GLPK's heuristic callback; presolve then off) and greedy. Prints
# one Markdown table row per instance and solver with the distance to the known
# value (Instances/gap/known_values.csv; d20200 is best known, not proven),
# then a summary per solver and file (mean and max distance over the instances
# that have a solution), with each run's peak memory.
# Needs jq. Usage: Benchmarks/gap.sh [time-limit-seconds] [files...]
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-10}"
shift || true
FILES=("$@")
[ ${#FILES[@]} -eq 0 ] && FILES=(gapa gapb gapc gapd)
SCRATCH="${SCRATCH:-.build}"
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/secondment"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

run() {  # file label args... -> JSON lines in $WORK/<file>.<label>.json, peak KiB in .mem
  local file="$1" label="$2"
  shift 2
  /usr/bin/time -f "%M" -o "$WORK/$file.$label.mem" \
    "$BIN" gap "Instances/gap/$file.txt" --time-limit "$LIMIT" --format json "$@" \
    >"$WORK/$file.$label.json"
}

read -r -a LABELS <<<"${SOLVERS:-auto glpk glpk-warm greedy}"
for file in "${FILES[@]}"; do
  for label in "${LABELS[@]}"; do
    case "$label" in
      auto) run "$file" auto --solver auto ;;
      glpk) run "$file" glpk --solver glpk ;;
      glpk-warm) run "$file" glpk-warm --solver glpk --warm-start ;;
      greedy) run "$file" greedy --solver greedy ;;
      *) echo "unknown solver label $label" >&2; exit 2 ;;
    esac
  done
done

echo "| instance | solver | objective | known | distance % | status | bound | gap % | seconds |"
echo "|---|---|---|---|---|---|---|---|---|"
for file in "${FILES[@]}"; do
  for label in "${LABELS[@]}"; do
    jq -r --arg s "$label" '"| \(.name) | \($s) | \(.objective // "-") | \(.known // "-") | " +
      (if .distance == null then "-" else (.distance * 100 | round / 100 | tostring) end) +
      " | \(.status) | \(.bound // "-" | if type == "number" then (. * 100 | round / 100) else . end) | " +
      (if .gap == null then "-" else (.gap * 10000 | round / 100 | tostring) end) +
      " | \(.seconds * 100 | round / 100) |"' "$WORK/$file.$label.json"
  done
done | sort -t'|' -k2,2 -s

echo
echo "| file | solver | with solution | proven optimal | at known value | mean distance % | max distance % | total seconds | peak memory |"
echo "|---|---|---|---|---|---|---|---|---|"
for file in "${FILES[@]}"; do
  for label in "${LABELS[@]}"; do
    mem=$(tail -1 "$WORK/$file.$label.mem")
    # Mean and max distance over the instances with a solution only.
    jq -rs --arg f "$file" --arg s "$label" --arg mem "$((mem / 1024)) MiB" '
      (map(select(.distance != null)) | map(.distance)) as $d |
      "| \($f) | \($s) | \($d | length)/\(length) | " +
      "\(map(select(.status == "optimal")) | length)/\(length) | " +
      "\($d | map(select(. <= 0)) | length)/\(length) | " +
      (if ($d | length) == 0 then "- | - | " else
        "\($d | add / length * 100 | round / 100) | \($d | max * 100 | round / 100) | " end) +
      "\(map(.seconds) | add * 10 | round / 10) | \($mem) |"' "$WORK/$file.$label.json"
  done
done
