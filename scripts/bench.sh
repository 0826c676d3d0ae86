#!/usr/bin/env bash
# bench.sh measures samgen beside `cue export` of the same package, the CUE
# evaluation floor, in one interleaved run (see BENCHMARKS.md):
#
#   - the benchmark spec (bench) and the rich spec (rich: every example's
#     app, repeated; internal/benchspec) at each size in SIZES, under GNU
#     time: `cue export .`, `samgen vet DIR`, `samgen build DIR -o -`;
#     every tool once per round, RUNS rounds, so that load from other
#     processes falls on every tool alike;
#   - a monorepo of MONO_APPS apps of MONO_FUNCTIONS functions (the
#     benchmark spec): `samgen build ./...` in one call against one call
#     per app, one after the other;
#   - `go test -count=1 ./...`, once, after the rounds (TEST=0 skips it).
#
# It reports the minimum wall time and the median CPU time (user + sys)
# and peak RSS of each, samgen build's ratios to cue export, the scaling
# from the smallest size to the largest, and the monorepo speed-up.
#
#   scripts/bench.sh                          # sizes 500 2000 5000, 5 rounds
#   SIZES="500 2000" RUNS=3 TEST=0 scripts/bench.sh
#
# Needs GNU time (/usr/bin/time; apt-get install time). cue is go.mod's tool
# (the version samgen links); CUE=path overrides it.
set -euo pipefail

SIZES=${SIZES:-500 2000 5000}
SPECS=${SPECS:-bench rich}
RUNS=${RUNS:-5}
MONO_APPS=${MONO_APPS:-20}
MONO_FUNCTIONS=${MONO_FUNCTIONS:-25}
TEST=${TEST:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
CUE=${CUE:-$(cd "$root" && go tool -n cue)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v "$CUE" >/dev/null || { echo "bench.sh: $CUE not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

(cd "$root" && go build -o "$work/samgen" ./cmd/samgen)
export SAMGEN_TODAY=2026-11-26 CUE_REGISTRY=none

# Beyond about 200 functions a spec is over CloudFormation's limits of 500
# resources (SG005) and 1 MB (SG007), and too large to send inline (SG008),
# by design: those are found after all the work is done (build then exits
# 1 without writing). expected matches them, their positions, and the notes
# and silenced findings the rich spec's examples print; anything else on
# stderr is a failure.
expected='\[SG00[4-8]\]:$|^    |^note: |^silenced: |^Command exited with non-zero status'

# spec NAME N DIR lays out a module with `samgen init` (so the schema is
# vendored and cue resolves the import offline) and writes the spec, which
# must pass `vet --strict` but for what is expected.
spec() {
	"$work/samgen" init "$3" >/dev/null
	(cd "$root" && go run ./internal/benchspec/gen.go -spec "$1" -n "$2" "$3")
	if "$work/samgen" vet --strict "$3" 2>&1 | grep -Ev "$expected" | grep . >&2; then
		echo "bench.sh: the $1 spec of $2 functions is not clean" >&2
		exit 1
	fi
}

for s in $SPECS; do
	for n in $SIZES; do
		spec "$s" "$n" "$work/$s-$n"
	done
done
mkdir -p "$work/mono/apps"
for i in $(seq "$MONO_APPS"); do
	spec bench "$MONO_FUNCTIONS" "$work/mono/apps/app$i"
done

# measure NAME CMD...: appends "NAME wall_s cpu_s maxrss_kb" to $work/times.
measure() {
	local name=$1
	shift
	/usr/bin/time -f "$name %e %U %S %M" -a -o "$work/times" "$@" >/dev/null 2>"$work/stderr" ||
		! grep -Ev "$expected" "$work/stderr" | grep . >&2 ||
		exit 1
}

echo "$(date -u +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(go version | cut -d' ' -f3-), $("$CUE" version | head -1)"
echo "specs: $SPECS at $SIZES functions; monorepo: $MONO_APPS apps of $MONO_FUNCTIONS functions; $RUNS interleaved rounds"
for _ in $(seq "$RUNS"); do
	for s in $SPECS; do
		for n in $SIZES; do
			d="$work/$s-$n"
			measure "$s $n cue-export" sh -c "cd '$d' && exec '$CUE' export ."
			measure "$s $n samgen-vet" "$work/samgen" vet "$d"
			measure "$s $n samgen-build" "$work/samgen" build "$d" -o -
		done
	done
	measure "mono $MONO_APPS one-call" sh -c "cd '$work/mono' && exec '$work/samgen' build ./..."
	measure "mono $MONO_APPS per-app" sh -c "cd '$work/mono' && for d in apps/*; do '$work/samgen' build \"\$d\" || exit 1; done"
done
if [ "$TEST" = 1 ]; then
	(cd "$root" && go test ./... >/dev/null) # build the tests first: only running them is timed
	/usr/bin/time -f "gotest - count1 %e %U %S %M" -a -o "$work/times" sh -c "cd '$root' && go test -count=1 ./... >'$work/gotest.out' 2>&1" ||
		{ cat "$work/gotest.out" >&2; exit 1; }
fi

# Wall time: the minimum, the run least disturbed by other processes; CPU
# time (user+sys) and peak RSS: the median.
awk -v sizes="$SIZES" -v specs="$SPECS" '
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$1 == "Command" { next }
	{ k = $1 " " $2 " " $3; n[k]++; i = n[k]; wall[k, i] = $4; cpu[k, i] = $5 + $6; rss[k, i] = $7 / 1024
	  if (!(k in seen)) { seen[k] = 1; keys[++nk] = k } }
	END {
		for (j = 1; j <= nk; j++) {
			k = keys[j]; m = n[k]; mw = wall[k, 1]
			for (i = 1; i <= m; i++) { if (wall[k, i] < mw) mw = wall[k, i]; c[i] = cpu[k, i]; r[i] = rss[k, i] }
			W[k] = mw; C[k] = median(c, m); R[k] = median(r, m)
		}
		ns = split(specs, S, " "); nz = split(sizes, Z, " ")
		for (a = 1; a <= ns; a++) {
			printf "\n%s spec\n%-6s %-13s %9s %9s %13s %13s\n", S[a], "size", "", "min wall", "med cpu", "med peak RSS", "build/cue"
			for (b = 1; b <= nz; b++) {
				p = S[a] " " Z[b]
				for (t = 1; t <= 3; t++) {
					tool = t == 1 ? "cue-export" : t == 2 ? "samgen-vet" : "samgen-build"
					k = p " " tool
					ratio = t == 3 ? sprintf("cpu %.2fx rss %.2fx", C[k] / C[p " cue-export"], R[k] / R[p " cue-export"]) : ""
					printf "%-6s %-13s %7.2f s %7.2f s %10.1f MB  %s\n", Z[b], tool, W[k], C[k], R[k], ratio
				}
			}
			lo = S[a] " " Z[1]; hi = S[a] " " Z[nz]
			if (nz > 1) {
				printf "%s/%s functions: samgen build cpu %.2fx rss %.2fx (cue export cpu %.2fx rss %.2fx)\n", Z[nz], Z[1],
					C[hi " samgen-build"] / C[lo " samgen-build"], R[hi " samgen-build"] / R[lo " samgen-build"],
					C[hi " cue-export"] / C[lo " cue-export"], R[hi " cue-export"] / R[lo " cue-export"]
			}
		}
		for (k in W) if (k ~ /^mono .* one-call$/) { one = k; per = k; sub(/one-call$/, "per-app", per) }
		if (one != "") {
			split(one, M, " ")
			printf "\nmonorepo of %s apps: samgen build ./... %.2f s wall, %.2f s cpu; one call per app %.2f s wall, %.2f s cpu; speed-up %.2fx\n",
				M[2], W[one], C[one], W[per], C[per], W[per] / W[one]
		}
		if (("gotest - count1") in W) printf "go test -count=1 ./...: %.1f s wall, %.1f s cpu\n", W["gotest - count1"], C["gotest - count1"]
	}' "$work/times"
