#!/usr/bin/env bash
# mutate-rules.sh: for every rule, remove its check and run the rule
# tests; each removal must make a test fail. It works on a copy of the
# tree (a git worktree of HEAD), so the working tree is never touched.
# Usage: scripts/mutate-rules.sh [RULE...]   (default: every rule)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'git worktree remove --force "$work" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$work" HEAD >/dev/null 2>&1
cd "$work"
rules=("$@")
if [ ${#rules[@]} -eq 0 ]; then
	mapfile -t rules < <(grep -o '{ID: "SG[0-9]*"' checks/rules.go | grep -o 'SG[0-9]*')
fi
survived=()
for id in "${rules[@]}"; do
	git checkout -q -- checks render internal/engine
	if grep -q "{ID: \"$id\", Severity: [A-Za-z]*, Check: nil," checks/rules.go; then
		# Checked where render assigns what the rule is about, or where the
		# engine measures the rendered template.
		sed -i "s/b.report(\"$id\", /_ = (\"$id\"); if false { b.report(\"$id\", /; T" render/*.go
		perl -0pi -e "s/(if false \{ b\.report\(\"$id\", [^\n]*)\n/\$1 }\n/g" render/*.go
		sed -i "s/\treport(\"$id\", /\t_ = (\"$id\"); if false { report(\"$id\", /; T" internal/engine/*.go
		perl -0pi -e "s/(if false \{ report\(\"$id\", [^\n]*)\n/\$1 }\n/g" internal/engine/*.go
	else
		sed -i "s/{ID: \"$id\", Severity: \([A-Za-z]*\), Check: [A-Za-z0-9]*,/{ID: \"$id\", Severity: \1, Check: nil,/" checks/rules.go
	fi
	if go test -count=1 ./checks -run 'TestRuleCases' >/dev/null 2>&1; then
		survived+=("$id")
		echo "$id: removing its check fails no test"
	else
		echo "$id: caught"
	fi
done
echo "${#rules[@]} rules mutated, ${#survived[@]} survived${survived:+: ${survived[*]}}"
[ ${#survived[@]} -eq 0 ]
