#!/usr/bin/env bash
# Fake worker nodes on a control plane started by scripts/controlplane.sh:
# runs the `kwok` controller (the binary from scripts/tools.sh, not kwokctl)
# against DIR/kwok.kubeconfig with our stages (scripts/kwok/stages.yaml) and
# creates N nodes worker-0..worker-(N-1) that it manages. DaemonSet pods
# scheduled on them go Running (needs kube-scheduler: controlplane.sh
# start DIR --with-scheduler; without it, pods can be bound by hand).
#
# Usage: scripts/kwok.sh start DIR N     start kwok (if not running) + ensure N nodes
#        scripts/kwok.sh stop DIR        stop kwok (nodes stay; NotReady later)
#        scripts/kwok.sh nodes DIR N     only (re)apply the N node objects
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tools_dir="${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}"
bin="$tools_dir/bin"

log() { echo "[kwok] $*"; }
die() { echo "[kwok] ERROR: $*" >&2; exit 1; }

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '9,11p' "$0" >&2; exit 2; }
dir="$(cd "$dir" && pwd)"
kubectl=("$bin/kubectl" --kubeconfig="$dir/kubeconfig")

# Nodes carry the annotation kwok selects on (--manage-nodes-with-annotation-
# selector), so a real node in the same cluster is never touched. Capacity is
# set at creation (kubelets register the same way) and kept by the stage.
apply_nodes() {
  local n="$1" i
  for i in $(seq 0 $(( n - 1 ))); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: worker-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: worker-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role.kubernetes.io/worker: ""
    feature.node.kubernetes.io/network-sriov.capable: "true"
    type: kwok
status:
  capacity: {cpu: "16", memory: 64Gi, pods: "110"}
  allocatable: {cpu: "16", memory: 62Gi, pods: "110"}
EOF
  done | "${kubectl[@]}" apply -f - >/dev/null
}

# Up to 30 s plus 0.2 s per node (200 nodes took 6 s here).
wait_nodes_ready() {
  local n="$1" i ready
  for i in $(seq 1 $(( 150 + n ))); do
    ready="$("${kubectl[@]}" get nodes -l type=kwok \
      -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c '^True$' || true)"
    [ "$ready" -ge "$n" ] && return 0
    sleep 0.2
  done
  return 1
}

case "$cmd" in
  start)
    n="${3:?usage: $0 start DIR N}"
    [ -x "$bin/kwok" ] || die "missing $bin/kwok -- run 'make tools' (scripts/tools.sh)"
    [ -f "$dir/kwok.kubeconfig" ] || die "no control plane in $dir (run scripts/controlplane.sh start $dir)"
    mkdir -p "$dir/logs" "$dir/pids"
    if [ -f "$dir/pids/kwok.pid" ] && kill -0 "$(cat "$dir/pids/kwok.pid")" 2>/dev/null; then
      log "kwok already running (pid $(cat "$dir/pids/kwok.pid"))"
    else
      t0=$(date +%s%N)
      # Pod IPs are fake (no traffic goes there); 10.244/16 keeps them apart
      # from the service range 10.0.0.0/24. No --server-address: kwok then
      # serves nothing (no kubelet API needed), so it opens no port.
      setsid "$bin/kwok" \
        --kubeconfig="$dir/kwok.kubeconfig" \
        --config="$here/kwok/stages.yaml" \
        --manage-all-nodes=false \
        --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
        --cidr=10.244.0.0/16 \
        --node-lease-duration-seconds=40 \
        >"$dir/logs/kwok.log" 2>&1 </dev/null &
      echo $! > "$dir/pids/kwok.pid"
      sleep 0.5
      kill -0 "$(cat "$dir/pids/kwok.pid")" 2>/dev/null \
        || { tail -20 "$dir/logs/kwok.log" >&2; die "kwok exited (log: $dir/logs/kwok.log)"; }
      log "kwok started (pid $(cat "$dir/pids/kwok.pid"), log: $dir/logs/kwok.log)"
    fi
    apply_nodes "$n"
    wait_nodes_ready "$n" || { tail -20 "$dir/logs/kwok.log" >&2; die "$n fake nodes not Ready (log: $dir/logs/kwok.log)"; }
    log "$n fake node(s) Ready: worker-0..worker-$(( n - 1 ))${t0:+ in $(( ($(date +%s%N) - t0) / 1000000 )) ms}"
    ;;
  nodes)
    apply_nodes "${3:?usage: $0 nodes DIR N}"
    ;;
  stop)
    f="$dir/pids/kwok.pid"
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
      kill -TERM "$(cat "$f")"; log "stopped kwok (pid $(cat "$f"))"
    fi
    rm -f "$f"
    ;;
  *) sed -n '9,11p' "$0" >&2; exit 2 ;;
esac
