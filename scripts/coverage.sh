#!/usr/bin/env bash
# coverage.sh prints samgen's native coverage of AWS::Serverless::Function,
# counted against SAM 1.110's published schema (internal/samdata): the
# function properties and the event types its examples render from typed
# fields (a property set through `overrides` does not count).
# TestNativeCoverage fails below 45 of 49 properties or 19 of 19 event types.
# Usage: scripts/coverage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(go test ./render -run '^TestNativeCoverage$' -count=1 -v 2>&1) || { printf '%s\n' "$out"; exit 1; }
printf '%s\n' "$out" | sed -n 's/^ *coverage_test\.go:[0-9]*: //p'
