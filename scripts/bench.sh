#!/usr/bin/env bash
# bench.sh times `samgen build` beside `cue export` of the same package, the
# CUE evaluation floor, on a generated spec of N functions (default 500).
# It reports, over RUNS interleaved runs, the minimum wall time and the median
# CPU time and peak RSS of each.
#
#   scripts/bench.sh            # N=500 RUNS=5
#   N=1000 RUNS=3 scripts/bench.sh
#
# Needs GNU time (/usr/bin/time; apt-get install time). cue is go.mod's tool
# (the version samgen links); CUE=path overrides it.
set -euo pipefail

N=${N:-500}
RUNS=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
CUE=${CUE:-$(cd "$root" && go tool -n cue)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v "$CUE" >/dev/null || { echo "bench.sh: $CUE not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

(cd "$root" && go build -o "$work/samgen" ./cmd/samgen)
# samgen init's layout (cue.mod with the schema vendored) lets cue resolve
# the schema import offline; the starter spec is replaced by the generated one.
"$work/samgen" init "$work/spec" >/dev/null
(cd "$root" && go run ./internal/benchspec/gen.go -n "$N" "$work/spec")
export SAMGEN_TODAY=2026-11-26 CUE_REGISTRY=none
# The spec must be clean: warnings would add printing to samgen's time. It
# is over CloudFormation's 500-resource limit (SG005) and too large to send
# inline (SG008) by design: those are found after all the work is done.
budget='\[SG00[58]\]:$|^    '
if "$work/samgen" vet --strict "$work/spec" 2>&1 | grep -Ev "$budget" | grep .; then
	echo "bench.sh: the generated spec is not clean" >&2
	exit 1
fi

# measure NAME CMD...: appends "NAME wall_s cpu_s maxrss_kb" to $work/times.
measure() {
	local name=$1
	shift
	/usr/bin/time -f "$name %e %U %S %M" -a -o "$work/times" "$@" >/dev/null 2>"$work/stderr" ||
		! grep -Ev "$budget|^Command exited" "$work/stderr" | grep . >&2 ||
		exit 1
}

echo "spec: $N functions, $(wc -l <"$work/spec/samgen.cue") lines; $RUNS interleaved runs each"
# Interleaved, so load from other processes falls on every tool alike.
for _ in $(seq "$RUNS"); do
	measure "cue-export" sh -c "cd '$work/spec' && exec '$CUE' export ."
	measure "samgen-vet" "$work/samgen" vet "$work/spec"
	measure "samgen-build" "$work/samgen" build "$work/spec" -o -
done
# Wall time: the minimum, the run least disturbed by other processes; CPU
# time (user+sys) and peak RSS: the median.
awk '
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$1 == "Command" { next }
	{ n[$1]++; k = n[$1]; wall[$1, k] = $2; cpu[$1, k] = $3 + $4; rss[$1, k] = $5 / 1024
	  if (!($1 in order)) { order[$1] = ++tools; name[tools] = $1 } }
	END {
		printf "%-13s %9s %9s %14s\n", "", "min wall", "med cpu", "med peak RSS"
		for (t = 1; t <= tools; t++) {
			x = name[t]; m = n[x]; mw = wall[x, 1]
			for (i = 1; i <= m; i++) { if (wall[x, i] < mw) mw = wall[x, i]; c[i] = cpu[x, i]; r[i] = rss[x, i] }
			w[x] = mw; cm[x] = median(c, m); rm[x] = median(r, m)
			printf "%-13s %7.2f s %7.2f s %11.1f MB\n", x, w[x], cm[x], rm[x]
		}
		printf "samgen build / cue export: wall %.2fx, cpu %.2fx, peak RSS %.2fx\n",
			w["samgen-build"] / w["cue-export"], cm["samgen-build"] / cm["cue-export"], rm["samgen-build"] / rm["cue-export"]
	}' "$work/times"
