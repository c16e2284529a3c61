#!/usr/bin/env bash
# Resident memory of one idle node agent: the packaged jar in agent mode (DATAPLANE_MODE=agent),
# simulating one node (a real agent needs a real host; the simulated one watches only its own
# NfvNodeState, like a real agent), against a real local control plane. Prints RSS, heap and the
# time until its node was in sync. Nothing is asserted: machines differ.
#
# Usage: scripts/bench-agent.sh [DIR]      files (control plane, host root, logs) go to DIR
# Env:   JAR=path/to/quarkus-run.jar (default target/quarkus-app/quarkus-run.jar)
#        JAVA_FLAGS="-Xmx64m -XX:+UseSerialGC ..." (the flags measured; default below)
#        IDLE=30 (seconds idle before measuring)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$(mktemp -d /tmp/bench-agent.XXXXXX)}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
jar="${JAR:-$repo/target/quarkus-app/quarkus-run.jar}"
flags="${JAVA_FLAGS:--Xms16m -Xmx64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1}"
idle="${IDLE:-30}"
node="bench-agent-0"
tools_dir="${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}"
kubectl="$tools_dir/bin/kubectl"
[ -x "$kubectl" ] || kubectl="$(command -v kubectl)"

log() { echo "[bench-agent] $*"; }
die() { echo "[bench-agent] ERROR: $*" >&2; exit 1; }
[ -f "$jar" ] || die "missing $jar (mvn -DskipTests package, or JAR=...)"

agent_pid=""
started_cp=false
cleanup() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null || true
  $started_cp && "$repo/scripts/controlplane.sh" stop "$dir/cp" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if ! "$kubectl" --kubeconfig="$dir/cp/kubeconfig" get --raw /readyz >/dev/null 2>&1; then
  "$repo/scripts/controlplane.sh" start "$dir/cp" --watch-pid $$ >"$dir/controlplane.log" 2>&1 || die "control plane: see $dir/controlplane.log"
  started_cp=true
fi
k() { "$kubectl" --kubeconfig="$dir/cp/kubeconfig" "$@"; }
k apply --server-side -f "$repo/crds/" >/dev/null
k wait --for condition=Established crd/nfvnodestates.nfv.dataplane.io >/dev/null

# The node and a full configuration for it, granted: VFs with vfio-pci and kernel ranges, MTU, huge
# pages on both NUMA nodes, the kubelet drop-in (OVS-DPDK is left out: no OVSDB in this run).
k apply --server-side -f - >/dev/null <<YAML
apiVersion: v1
kind: Node
metadata: {name: $node, labels: {kubernetes.io/hostname: $node}}
---
apiVersion: nfv.dataplane.io/v1alpha1
kind: NfvNodeState
metadata: {name: $node}
spec:
  disruptionAllowed: true
  interfaces:
  - pciAddress: "0000:18:00.0"
    numVfs: 32
    mtu: 9000
    vfGroups: [{deviceType: vfio-pci, first: 0, last: 15}, {deviceType: netdevice, first: 16, last: 31, mtu: 9000}]
  hugepages: {pages: [{size: 1Gi, count: 8, numaNode: 0}, {size: 1Gi, count: 8, numaNode: 1}]}
  cpu: {reserved: "0-1", managerPolicy: static, topologyManagerPolicy: single-numa-node}
YAML

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log "java $flags -jar $jar (agent mode, node $node)"
t0=$(date +%s.%N)
# shellcheck disable=SC2086
KUBECONFIG="$dir/cp/kubeconfig" DATAPLANE_MODE=agent java $flags -Dquarkus.http.port="$port" \
  -Ddataplane.agent.simulate.nodes="$node" -Ddataplane.agent.simulate.dir="$dir/hosts" \
  -jar "$jar" >"$dir/agent.log" 2>&1 &
agent_pid=$!

gen=""; applied=""
for _ in $(seq 1 240); do
  kill -0 "$agent_pid" 2>/dev/null || die "agent exited; see $dir/agent.log"
  gen=$(k get nfvnodestate "$node" -o jsonpath='{.metadata.generation}' 2>/dev/null || true)
  applied=$(k get nfvnodestate "$node" -o jsonpath='{.status.lastAppliedGeneration}' 2>/dev/null || true)
  [ -n "$applied" ] && [ "$applied" = "$gen" ] && break
  sleep 0.5
done
t1=$(date +%s.%N)
[ "$applied" = "$gen" ] || die "not in sync after 120 s: $(k get nfvnodestate $node -o jsonpath='{.status.message}')"
ready=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/q/health/group/agent" || true)
log "in sync (generation $gen) $(python3 -c "print(f'{$t1-$t0:.1f}')") s after the JVM started; /q/health/group/agent: $ready"
log "status: $(k get nfvnodestate $node -o jsonpath='{.status.message}')"

log "idle for $idle s ..."
sleep "$idle"
rss_kb=$(awk '/^VmRSS/{print $2}' /proc/$agent_pid/status)
hwm_kb=$(awk '/^VmHWM/{print $2}' /proc/$agent_pid/status)
threads=$(awk '/^Threads/{print $2}' /proc/$agent_pid/status)
heap=$(jcmd "$agent_pid" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 || true)
log "idle agent: RSS $((rss_kb / 1024)) MiB (peak $((hwm_kb / 1024)) MiB), $threads threads, heap $heap"
log "JVM flags: $flags"
echo "agent_rss_mib=$((rss_kb / 1024)) agent_rss_peak_mib=$((hwm_kb / 1024)) threads=$threads"
