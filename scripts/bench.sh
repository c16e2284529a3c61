#!/usr/bin/env bash
# `make bench`: the scale benchmark on a local control plane with KWOK fake nodes,
# simulated node agents and the packaged operator; prints a table and writes
# docs/benchmarks.md. Measures, asserts nothing. Needs `make tools` and the
# packaged operator (`make build`), which `make bench` does first.
#
# Environment:
#   BENCH_SIZES=100,300,1000   node counts, one fresh control plane each (cost growth)
#   BENCH_STEADY_SECONDS=60    steady-state window after convergence
#   BENCH_CONCURRENCY=50       in-flight requests of the benchmark's client (apply, write floor)
#   BENCH_AGENT_THREADS=50     worker threads of the simulated agents (as many as the client's in-flight requests)
#   BENCH_KWOK_LEASE_SECONDS=120
#   BENCH_TIMEOUT_SECONDS=900  per convergence phase
#   BENCH_OPERATOR_JVM_ARGS=   extra operator JVM flags, e.g. a JFR recording when profiling
#   BENCH_AGENT_JVM_ARGS=      extra flags of the single-agent process
#   BENCH_FLEET_JVM_ARGS=      extra flags of the simulated agents' process
#   BENCH_JVM_ARGS=            flags of the benchmark JVM: the client and informers (surefire argLine)
#   BENCH_REPORT=docs/benchmarks.md   ("" = do not write)
#   BENCH_BUILD_DIR=           build directory of the packaged operator (default target/)
#   BENCH_OPERATOR_JAR=        another quarkus-run.jar to measure (e.g. a prototype of a fix)
#   MVN="mvn -B -ntp"
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
mvn_cmd=(${MVN:-mvn -B -ntp})
sizes="${BENCH_SIZES:-100,300,1000}"
build_dir="${BENCH_BUILD_DIR:-}"
jar="${BENCH_OPERATOR_JAR:-${build_dir:-$repo/target}/quarkus-app/quarkus-run.jar}"

log() { echo "[bench] $*"; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }

[ -f "$jar" ] || die "missing $jar -- package the operator first (make build)"
scripts/tools.sh --check >/dev/null || die "test binaries missing -- run 'make tools'"
command -v ovsdb-server >/dev/null || [ -x /usr/sbin/ovsdb-server ] || die "ovsdb-server missing -- run 'make deps'"

args=(
  test -Dtest=ScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false
  "-Doperator.jar=$jar"
  "-Dbench.sizes=$sizes"
  "-Dbench.steadySeconds=${BENCH_STEADY_SECONDS:-60}"
  "-Dbench.concurrency=${BENCH_CONCURRENCY:-50}"
  "-Dbench.agentThreads=${BENCH_AGENT_THREADS:-50}"
  "-Dbench.kwokLeaseSeconds=${BENCH_KWOK_LEASE_SECONDS:-120}"
  "-Dbench.timeoutSeconds=${BENCH_TIMEOUT_SECONDS:-900}"
  "-Dbench.operatorJvmArgs=${BENCH_OPERATOR_JVM_ARGS:-}"
  "-Dbench.agentJvmArgs=${BENCH_AGENT_JVM_ARGS:-}"
  "-Dbench.fleetJvmArgs=${BENCH_FLEET_JVM_ARGS:-}"
  "-Dbench.report=${BENCH_REPORT-docs/benchmarks.md}"
  "-Dbench.command=BENCH_SIZES=$sizes make bench"
)
[ -n "${BENCH_JVM_ARGS:-}" ] && args+=("-DargLine=$BENCH_JVM_ARGS")
[ -n "$build_dir" ] && args+=("-Dbuild.dir=$build_dir" "-Dbench.workDir=$build_dir/bench")

log "sizes $sizes; load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
t0=$(date +%s)
"${mvn_cmd[@]}" "${args[@]}"
report="${BENCH_REPORT-docs/benchmarks.md}"
log "finished in $(( $(date +%s) - t0 )) s${report:+; report: $report}"
