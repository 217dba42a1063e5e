#!/usr/bin/env bash
# The project's test command: the whole suite with GLPK (default trait), then
# without it. Each configuration builds in its own folder so neither rebuilds
# the other.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== swift test (trait GLPK on)"
swift test --scratch-path .build
echo "== swift test --disable-default-traits (no GLPK)"
swift test --disable-default-traits --scratch-path .build-noglpk
