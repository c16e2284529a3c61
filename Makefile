# dataplane-operator — the two commands a newcomer needs are `make run` and `make test`.
# Both set up what they need themselves (Debian packages, Go-built Kubernetes binaries).

SHELL := /bin/bash
MVN ?= mvn -B -ntp
TOOLS_DIR ?= $(HOME)/.cache/dataplane-operator/tools
export DATAPLANE_TOOLS_DIR := $(TOOLS_DIR)

.PHONY: help deps tools build crds generate test unit-test run bench clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install the Debian packages the tests use (openvswitch-switch, iproute2, ...)
	@scripts/deps.sh

tools: ## Build kube-apiserver, etcd, KWOK, CNI plugins, ... from Go modules (cached)
	@scripts/tools.sh

build: ## Compile and package the operator (target/quarkus-app)
	@echo "[build] packaging the operator ..."
	@$(MVN) -q -DskipTests package

generate: build ## Regenerate the committed CRDs (crds/) and OLM bundle (bundle/)
	@cp target/kubernetes/nfv*-v1.yml crds/
	@python3 scripts/gen-api-docs.py
	@if [ -x scripts/bundle.sh ]; then scripts/bundle.sh; fi
	@echo "[generate] crds/ and bundle/ are current; commit them"

crds: generate ## Alias of generate

test: deps tools ## Unit tests (mock API server) and integration tests (real kube-apiserver, ovsdb-server)
	@echo "[test] mvn verify: unit tests, then integration tests on a real control plane ..."
	@$(MVN) verify

unit-test: ## Only the fast unit tests
	@$(MVN) test

run: deps tools build ## Run the operator on $$KUBECONFIG's cluster, or on a local control plane with 3 KWOK nodes
	@scripts/run-local.sh

bench: deps tools build ## Benchmarks (print figures, assert nothing); writes docs/benchmarks.md
	@if [ -x scripts/bench.sh ]; then scripts/bench.sh; else $(MVN) -q test -Dgroups=bench -Dsurefire.failIfNoSpecifiedTests=false; fi

clean: ## Remove build output (the tool cache outside the repo stays)
	@$(MVN) -q clean
