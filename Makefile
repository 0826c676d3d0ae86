# A thin alias layer over the go tool; CI runs .ci/run.

.PHONY: help test update gen lint fmt bench

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

test: ## run the tests (the README's test command)
	go test ./...

update: ## regenerate golden files (examples, scripts, docs)
	SAMGEN_UPDATE=1 go test ./...

gen: ## regenerate the policy catalogue from internal/samdata (SAM's data)
	go generate ./...

lint: ## go vet and gofmt
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

fmt: ## format Go and CUE sources
	gofmt -w $$(git ls-files '*.go')
	go tool cue fmt schema/*.cue examples/*/*.cue

bench: ## the 500-function benchmark (see BENCHMARKS.md)
	./scripts/bench.sh
