#!/bin/sh
# The whistle and joint inspections on rongchang-2024: the shipped scenario
# whistle-45 (response within 45 minutes, joint inspections from the shipped
# workload) and tighter limits, each solved by `whatif` against the base.
# Usage: Benchmarks/whistle.sh [TIME_LIMIT] [LIMITS...]   (default 60; 45 30 20 15)
set -e
cd "$(dirname "$0")/.."
limit=${1:-60}
shift 2>/dev/null || true
limits=${*:-45 30 20 15}
bin=.build/release/secondment
[ -x "$bin" ] || swift build -c release --product secondment
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$(pwd)
args=""
for m in $limits; do
  sed -e "s|\.\./|$root/Instances/|g" -e "s|responseMinutes: 45|responseMinutes: $m|" \
    -e "s|^name: whistle-45|name: whistle-$m|" Instances/scenarios/whistle-45.yaml > "$work/whistle-$m.yaml"
  args="$args --scenario $work/whistle-$m.yaml"
done
# shellcheck disable=SC2086
"$bin" whatif Instances/rongchang-2024.json $args --time-limit "$limit" | sed -n '1,/^$/p;/^Measure/,/^$/p'
