#!/usr/bin/env bash
# testtime.sh measures the test loop (see BENCHMARKS.md, "Test loop"):
#
#   - `go test -count=1 -json ./...` once, under GNU time: wall time and CPU
#     time (user + sys, with every process the tests start and wait for:
#     cfn-lint, SAM's translator, samgen in the scenarios, the linker), and
#     the load average before and after (on a shared machine the wall time
#     is mostly other processes'; the CPU time is the figure to compare);
#   - each package's elapsed time and the slowest tests (TOP of them);
#   - PKGS=1: each package's own CPU time, its test binary built first and
#     run alone, one package after the other (the figure to profile with;
#     it leaves out go test's building and linking).
#
#   scripts/testtime.sh
#   PKGS=1 TOP=30 scripts/testtime.sh
#
# Needs GNU time (/usr/bin/time) and jq. cfn-lint and SAM's translator are
# found as the tests find them ($HOME/.pyenv/shims is put on PATH).
set -euo pipefail

TOP=${TOP:-15}
PKGS=${PKGS:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH=$HOME/.pyenv/shims:$PATH

[ -x /usr/bin/time ] || { echo "testtime.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
command -v jq >/dev/null || { echo "testtime.sh: jq not found" >&2; exit 1; }
cd "$root"

go test -count=1 -run '^$' ./... >/dev/null # compile first: the run is timed, not the compile
load() { cut -d' ' -f1-3 /proc/loadavg; }
before=$(load)
status=0
/usr/bin/time -q -f "%e %U %S" -o "$work/time" go test -count=1 -json ./... >"$work/test.json" || status=$?
after=$(load)
read -r wall user sys <"$work/time"
printf 'go test -count=1 ./...: %.1f s wall, %.1f s CPU (%.1f user + %.1f sys) on %d cores; load average %s before, %s after\n' \
	"$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$(nproc)" "$before" "$after"

echo
echo "elapsed per package (s):"
jq -r 'select(.Test == null and (.Action == "pass" or .Action == "fail") and .Elapsed != null) | "\(.Elapsed)\t\(.Action)\t\(.Package)"' "$work/test.json" |
	sort -rn | awk -F'\t' '{printf "%8.2f %s %s\n", $1, $2 == "fail" ? "FAIL" : "    ", $3}'
echo
echo "slowest $TOP tests (s, wall, with their parallel subtests' waits):"
jq -r 'select(.Test != null and (.Action == "pass" or .Action == "fail")) | "\(.Elapsed)\t\(.Action)\t\(.Package | sub(".*/"; ""))\t\(.Test)"' "$work/test.json" |
	sort -rn | awk -F'\t' -v top="$TOP" 'NR <= top {printf "%8.2f %s %s %s\n", $1, $2 == "fail" ? "FAIL" : "    ", $3, $4}'

if [ "$PKGS" = 1 ]; then
	echo
	echo "CPU per package, each test binary alone (s):"
	for pkg in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ./...); do
		bin="$work/$(basename "$pkg").test"
		go test -c -o "$bin" "$pkg"
		verdict=
		(cd "$pkg" && /usr/bin/time -q -f "%e %U %S" -o "$work/pkgtime" "$bin" -test.count=1 >"$work/pkg.out" 2>&1) || {
			verdict=FAIL status=1
			# The failure's own output: the run is not repeated to find it.
			{ echo "$pkg:"; grep -E -B2 -A20 -e '--- FAIL|^panic:' "$work/pkg.out" | head -60; } >>"$work/failures"
		}
		read -r w u s <"$work/pkgtime"
		printf '%8.2f CPU %8.2f wall  %s %s\n' "$(echo "$u + $s" | bc)" "$w" "${pkg#"$root"/}" "$verdict" >>"$work/pkgs"
	done
	sort -rn "$work/pkgs"
	if [ -s "$work/failures" ]; then
		echo
		echo "failures:"
		cat "$work/failures"
	fi
fi
exit "$status"
