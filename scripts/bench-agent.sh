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
#        NMT=1 (adds -XX:NativeMemoryTracking=summary; prints the JVM's native memory by category, the
#              threads by name and the loaded classes by package to stdout and DIR/diag/)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$(mktemp -d /tmp/bench-agent.XXXXXX)}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
jar="${JAR:-$repo/target/quarkus-app/quarkus-run.jar}"
# The default is runtime.JvmOptions.AGENT (the DaemonSet's JAVA_TOOL_OPTIONS): keep the two equal.
flags="${JAVA_FLAGS:--Xms16m -Xmx64m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000 -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000}"
idle="${IDLE:-30}"
nmt="${NMT:-}"
[ -n "$nmt" ] && flags="$flags -XX:NativeMemoryTracking=summary"
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
# A CRD just created can have no status.conditions yet, which kubectl wait reports as an error.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  k wait --for condition=Established crd/nfvnodestates.nfv.dataplane.io >/dev/null 2>&1 && break
  sleep 1
done
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
# The cluster connection as a pod gets it (server, token and CA; no kubeconfig file, which fabric8
# parses with a serializer that loads every model class it knows, ~5 MiB).
KUBECONFIG=/dev/null/none KUBERNETES_AUTH_TRYKUBECONFIG=false KUBERNETES_AUTH_TRYSERVICEACCOUNT=false \
  KUBERNETES_MASTER="$(awk '/server:/{print $2; exit}' "$dir/cp/kubeconfig" | tr -d '"')" \
  KUBERNETES_AUTH_TOKEN="$(cat "$dir/cp/admin.token")" KUBERNETES_CERTS_CA_FILE="$dir/cp/pki/ca.crt" \
  DATAPLANE_MODE=agent java $flags -Ddataplane.agent.health.port="$port" \
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
# Used and committed over the heap's generations (the first "used" alone is the young generation).
heap=$(jcmd "$agent_pid" GC.heap_info 2>/dev/null | awk '/generation|region|heap/ && / total / {
  for (i = 1; i <= NF; i++) { if ($i == "total") t += $(i+1); if ($i == "used") u += $(i+1) } }
  END { if (t) printf "used %d MiB of %d MiB committed", u/1024, t/1024 }' || true)
if [ -n "$nmt" ]; then
  mkdir -p "$dir/diag"
  jcmd "$agent_pid" VM.native_memory summary >"$dir/diag/nmt.txt" 2>&1 || true
  jcmd "$agent_pid" Thread.print >"$dir/diag/threads.txt" 2>&1 || true
  jcmd "$agent_pid" VM.classloader_stats >"$dir/diag/classloaders.txt" 2>&1 || true
  jcmd "$agent_pid" GC.class_histogram >"$dir/diag/histogram.txt" 2>&1 || true
  jcmd "$agent_pid" VM.class_hierarchy >"$dir/diag/classes.txt" 2>&1 || true
  cat /proc/$agent_pid/smaps_rollup >"$dir/diag/smaps_rollup.txt" 2>/dev/null || true
  cat /proc/$agent_pid/smaps >"$dir/diag/smaps.txt" 2>/dev/null || true
  log "native memory (committed KB, NMT summary; full output in $dir/diag/nmt.txt):"
  grep -E '^(Total|-  *[A-Za-z ]+\()' "$dir/diag/nmt.txt" | sed -E 's/^-? *//; s/\(reserved=[0-9]+KB, //; s/\)$//' | sed 's/^/    /' || true
  log "smaps: $(grep -E '^(Rss|Anonymous|Pss_File)' "$dir/diag/smaps_rollup.txt" | awk '{printf "%s %d MiB  ", $1, $2/1024}')"
  log "threads by name (digits folded):"
  grep -Eo '^"[^"]+"' "$dir/diag/threads.txt" | tr -d '"' | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | sed 's/^/    /' || true
  log "loaded classes by package prefix (top 25):"
  sed -E 's/^[ |-]*//; s/ .*//; s/\/0x.*//' "$dir/diag/classes.txt" | grep -E '^[a-z]+\.' \
    | awk -F. '{n=NF-1; if (n>3) n=3; p=$1; for (i=2;i<=n;i++) p=p"."$i; print p}' | sort | uniq -c | sort -rn | head -25 | sed 's/^/    /' || true
  log "classes loaded: $(grep -cE '^[ |-]*[a-zA-Z]' "$dir/diag/classes.txt")"
fi
log "idle agent: RSS $((rss_kb / 1024)) MiB (peak $((hwm_kb / 1024)) MiB), $threads threads, heap $heap"
log "JVM flags: $flags"
echo "agent_rss_mib=$((rss_kb / 1024)) agent_rss_peak_mib=$((hwm_kb / 1024)) threads=$threads"
