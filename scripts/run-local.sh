#!/usr/bin/env bash
# `make run`: runs the packaged operator against a cluster.
#   - If $KUBECONFIG points at a cluster whose /readyz answers, use it.
#   - Else start the local control plane (scripts/controlplane.sh, with
#     kube-scheduler so DaemonSet pods get bound) in
#     ${DATAPLANE_RUN_DIR:-$HOME/.cache/dataplane-operator/run}, KWOK with
#     ${DATAPLANE_RUN_NODES:-3} fake workers, and install the CRDs.
# Then runs target/quarkus-app/quarkus-run.jar (build it first: mvn package)
# until Ctrl-C; INT/TERM stop the operator and whatever this script started.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
tools_dir="${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}"
run_dir="${DATAPLANE_RUN_DIR:-$HOME/.cache/dataplane-operator/run}"
nodes="${DATAPLANE_RUN_NODES:-3}"
jar="$repo/target/quarkus-app/quarkus-run.jar"

log() { echo "[run] $*"; }
die() { echo "[run] ERROR: $*" >&2; exit 1; }

# kubectl: ours (matches the apiserver) when built, else the machine's.
kubectl="$tools_dir/bin/kubectl"
[ -x "$kubectl" ] || kubectl="$(command -v kubectl || true)"
[ -n "$kubectl" ] || die "no kubectl -- run 'make tools'"

[ -f "$jar" ] || die "missing $jar -- build it first (mvn package -DskipTests)"

started_local=false
operator_pid=""
watcher_pid=""
cleanup() {
  trap - INT TERM EXIT
  log "stopping ..."
  [ -n "$watcher_pid" ] && kill "$watcher_pid" 2>/dev/null || true
  if [ -n "${agent_pid:-}" ] && kill -0 "$agent_pid" 2>/dev/null; then
    kill -TERM "$agent_pid" 2>/dev/null || true
    wait "$agent_pid" 2>/dev/null || true
  fi
  for pidfile in "$run_dir"/ovs/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [ -n "$operator_pid" ] && kill -0 "$operator_pid" 2>/dev/null; then
    kill -TERM "$operator_pid" 2>/dev/null || true
    wait "$operator_pid" 2>/dev/null || true
  fi
  if $started_local; then
    "$repo/scripts/controlplane.sh" stop "$run_dir" | sed 's/^/[run] /'   # also stops kwok
  fi
  log "stopped"
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

if [ -n "${KUBECONFIG:-}" ] && "$kubectl" --kubeconfig="$KUBECONFIG" get --raw /readyz >/dev/null 2>&1; then
  log "using the cluster of KUBECONFIG=$KUBECONFIG"
else
  log "no reachable cluster in KUBECONFIG; starting a local control plane in $run_dir"
  "$repo/scripts/tools.sh" --check || die "tools missing -- run 'make tools'"
  # A previous `make run` killed hard may have left servers: stop them first.
  "$repo/scripts/controlplane.sh" stop "$run_dir" >/dev/null 2>&1 || true
  started_local=true
  t0=$(date +%s)
  "$repo/scripts/controlplane.sh" start "$run_dir" --with-scheduler | sed 's/^/[run] /'
  "$repo/scripts/kwok.sh" start "$run_dir" "$nodes" | sed 's/^/[run] /'
  export KUBECONFIG="$run_dir/kubeconfig"
  log "local cluster up in $(( $(date +%s) - t0 ))s: KUBECONFIG=$KUBECONFIG (logs: $run_dir/logs/)"
  log "installing CRDs ..."
  "$kubectl" apply --server-side -f "$repo/crds/" \
    -f "$repo/src/test/resources/crds/network-attachment-definition.yaml" 2>&1 | sed 's/^/[run] /' \
    || die "the API server rejected a CRD (above); fix crds/ and retry"
  # Right after the create a CRD can have no status.conditions yet, which kubectl wait reports as an
  # error instead of waiting: try again for a few seconds, then once more showing the error.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    "$kubectl" wait --for=condition=Established --timeout=60s crd --all >/dev/null 2>&1 && break
    sleep 1
  done
  "$kubectl" wait --for=condition=Established --timeout=60s crd --all >/dev/null
fi
# The operator deploys its components into its own namespace; the agent DaemonSet runs as the
# dataplane-agent ServiceAccount. The plain install and OLM create both; here we do.
op_ns="${OPERATOR_NAMESPACE:-dataplane-operator}"
"$kubectl" create namespace "$op_ns" --dry-run=client -o yaml | "$kubectl" apply -f - >/dev/null
"$kubectl" -n "$op_ns" create serviceaccount dataplane-agent --dry-run=client -o yaml | "$kubectl" apply -f - >/dev/null
"$kubectl" apply -f "$repo/deploy/rbac/agent-clusterrole.yaml" >/dev/null
"$kubectl" create clusterrolebinding dataplane-agent --clusterrole=dataplane-agent \
  --serviceaccount="$op_ns:dataplane-agent" --dry-run=client -o yaml | "$kubectl" apply -f - >/dev/null

log "starting the operator: java -jar $jar"
# Loopback-only HTTP (health, metrics) unless the caller says otherwise.
KUBECONFIG="$KUBECONFIG" QUARKUS_HTTP_HOST="${QUARKUS_HTTP_HOST:-127.0.0.1}" \
  java ${JAVA_OPTS:-} -jar "$jar" &
operator_pid=$!

# On the local control plane the KWOK nodes have no hosts: one more JVM, in agent mode, simulates a node
# agent with its own fake host (E810 + ConnectX-5 + QAT, 2 NUMA nodes) for every node. On a real cluster
# the agent DaemonSet does this.
agent_pid=""
if $started_local; then
  sim_nodes="$("$kubectl" get nodes -o jsonpath='{.items[*].metadata.name}' | tr ' ' ',')"
  # One real ovsdb-server per simulated node (Debian's openvswitch-switch; no ovs-vswitchd), so the
  # OVS-DPDK part of the samples is applied to a real OVS database.
  ovs_dir="$run_dir/ovs"; rm -rf "$ovs_dir"; mkdir -p "$ovs_dir"
  for n in ${sim_nodes//,/ }; do
    ovsdb-tool create "$ovs_dir/$n.db" /usr/share/openvswitch/vswitch.ovsschema
    OVS_RUNDIR="$ovs_dir" OVS_LOGDIR="$ovs_dir" ovsdb-server "$ovs_dir/$n.db" --remote="punix:$ovs_dir/$n.sock" \
      --unixctl="$ovs_dir/$n.ctl" --pidfile="$ovs_dir/$n.pid" --log-file="$ovs_dir/$n.log" --detach
    ovs-vsctl --db="unix:$ovs_dir/$n.sock" --no-wait init
  done
  log "ovsdb-server per node: $ovs_dir/<node>.sock"
  log "starting simulated node agents for: $sim_nodes"
  KUBECONFIG="$KUBECONFIG" DATAPLANE_MODE=agent DATAPLANE_AGENT_SIMULATE_NODES="$sim_nodes" \
    DATAPLANE_AGENT_SIMULATE_DIR="$run_dir/hosts" DATAPLANE_AGENT_SIMULATE_OVSDB_SOCKET_DIR="$ovs_dir" DATAPLANE_AGENT_HEALTH_HOST=127.0.0.1 DATAPLANE_AGENT_HEALTH_PORT="${DATAPLANE_RUN_AGENT_PORT:-8095}" \
    java -Xmx256m -jar "$jar" > "$run_dir/logs/agents.log" 2>&1 &
  agent_pid=$!
  log "agent log: $run_dir/logs/agents.log"
fi

# ---- HOOK: samples -------------------------------------------------------
# Applies samples/ (if the folder exists) once the operator runs, then shows
# the NFV objects every few seconds. Replace/extend here when samples land.
(
  sleep "${DATAPLANE_RUN_SAMPLES_DELAY:-10}"
  if [ -d "$repo/samples" ]; then
    log "applying samples/ ..."
    "$kubectl" apply -f "$repo/samples/" 2>&1 | sed 's/^/[run] /' || true
  fi
  while sleep "${DATAPLANE_RUN_WATCH_INTERVAL:-5}"; do
    echo "[run] ---- kubectl get nfv -A ($(date +%H:%M:%S))"
    "$kubectl" get nfv -A 2>&1 | sed 's/^/[run] /' || true
  done
) &
watcher_pid=$!
# ---- end HOOK ------------------------------------------------------------

# Returns when the operator exits (or a signal runs cleanup).
set +e
wait "$operator_pid"
rc=$?
set -e
log "operator exited with status $rc"
exit "$rc"
