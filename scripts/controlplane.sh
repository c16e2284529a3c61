#!/usr/bin/env bash
# A real, local Kubernetes control plane for tests and `make run`:
# etcd + kube-apiserver + kube-controller-manager (+ kube-scheduler with
# --with-scheduler), built by scripts/tools.sh, on free 127.0.0.1 ports, with
# every file (certs, tokens, etcd data, logs, audit log, kubeconfig) in DIR.
#
# Usage:
#   scripts/controlplane.sh start DIR [--with-scheduler] [--keep-data] [--watch-pid PID]
#   scripts/controlplane.sh stop DIR
#   scripts/controlplane.sh status DIR
#   scripts/controlplane.sh env DIR        # prints shell exports (eval it)
#
# --watch-pid PID: stop everything once process PID is gone (the JVM of an
# integration test run), so a killed test run leaves no servers behind.
#
# Layout of DIR: kubeconfig, audit.log, logs/<component>.log, pids/<c>.pid,
# pki/ (CA, serving cert, service-account key pair), tokens.csv, etcd/.
# Admin: user "admin" in group system:masters with the bearer token in
# DIR/admin.token; controller-manager, scheduler and KWOK have their own users so
# the audit log tells who wrote what.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tools_dir="${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}"
bin="$tools_dir/bin"

log() { echo "[controlplane] $*"; }
die() { echo "[controlplane] ERROR: $*" >&2; exit 1; }

usage() { sed -n '7,14p' "$0" >&2; exit 2; }

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || usage
shift 2
with_scheduler=false
keep_data=false
watch_pid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --with-scheduler) with_scheduler=true ;;
    --keep-data) keep_data=true ;;
    --watch-pid) watch_pid="${2:?--watch-pid needs a pid}"; shift ;;
    *) usage ;;
  esac
  shift
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

# kwok.sh also drops its pidfile in DIR/pids, so `stop` tears down a KWOK
# started on this control plane too.

pid_alive() { [ -f "$dir/pids/$1.pid" ] && kill -0 "$(cat "$dir/pids/$1.pid")" 2>/dev/null; }

# TERM the named components together, wait up to 10 s for each (etcd
# flushes, apiserver drains), then KILL what is left.
stop_group() {
  local c pid i
  declare -A pids=()
  for c in "$@"; do
    [ "$c" = watchdog ] && [ "${DATAPLANE_CP_IN_WATCHDOG:-}" = 1 ] && { rm -f "$dir/pids/watchdog.pid"; continue; }
    [ -f "$dir/pids/$c.pid" ] || continue
    pid="$(cat "$dir/pids/$c.pid")"
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; pids[$c]=$pid; fi
    rm -f "$dir/pids/$c.pid"
  done
  for c in "${!pids[@]}"; do
    pid="${pids[$c]}"
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $c (pid $pid)"
  done
}

# Everything that talks to the apiserver first (in parallel), etcd last.
stop_all() {
  stop_group watchdog kwok kube-scheduler kube-controller-manager kube-apiserver
  stop_group etcd
}

# Sets variable $1 to a free TCP port on 127.0.0.1 (nothing answers a
# connect on it) not handed out before in this run. Not $(...): the list of
# taken ports must survive between calls. A small race with other programs
# remains; the range is large and the machine quiet.
taken=" "
# Below the kernel's ephemeral range: a port picked inside it can be taken by
# an outgoing connection (the API server's clients) before the component binds
# it, which failed a kube-scheduler start once ("address already in use").
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
  local p
  for _ in $(seq 1 200); do
    if [ "$ephemeral_low" -gt 12000 ]; then
      p=$(( 10000 + RANDOM % (ephemeral_low - 10000) ))
    else
      p=$(( 20000 + RANDOM % 40000 ))
    fi
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      taken+="$p "; printf -v "$1" '%s' "$p"; return 0
    fi
  done
  die "no free port found"
}

# Start a component detached in its own session (so a Ctrl-C of the caller
# does not hit it), logs to DIR/logs/<name>.log, pid to DIR/pids/<name>.pid.
launch() {
  local name="$1"; shift
  setsid "$@" >"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name.pid"
}

# Polls COMMAND every 0.2 s for up to SECS; gives up at once if component
# WHAT (a pidfile name) has died, instead of waiting out the timeout.
wait_for() { # what secs command...
  local what="$1" secs="$2" i; shift 2
  for i in $(seq 1 $(( secs * 5 ))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -f "$dir/pids/$what.pid" ] && ! pid_alive "$what"; then return 1; fi
    sleep 0.2
  done
  return 1
}

kubeconfig_for() { # file user token server
  # CA inlined (not a path) so any client -- kubectl, fabric8, a copy of the
  # file elsewhere -- trusts the apiserver without extra files.
  local ca; ca="$(base64 -w0 < "$dir/pki/ca.crt")"
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $4
    certificate-authority-data: $ca
users:
- name: $2
  user:
    token: $3
contexts:
- name: local
  context:
    cluster: local
    user: $2
    namespace: default
current-context: local
EOF
}

gen_pki() {
  local pki="$dir/pki"
  mkdir -p "$pki"
  [ -f "$pki/ca.crt" ] && return 0   # reuse across restarts of the same DIR
  # CA, apiserver serving cert for 127.0.0.1/localhost, service-account keys.
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=dataplane-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1" \
    "extendedKeyUsage=serverAuth" "keyUsage=digitalSignature,keyEncipherment" > "$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 3650 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

gen_tokens() {
  [ -f "$dir/tokens.csv" ] && return 0
  local admin kcm sched kwok
  admin="$(openssl rand -hex 24)"; kcm="$(openssl rand -hex 24)"; sched="$(openssl rand -hex 24)"
  kwok="$(openssl rand -hex 24)"
  echo "$admin" > "$dir/admin.token"
  # token,user,uid,"groups"  (static token file format of kube-apiserver)
  {
    echo "$admin,admin,admin-uid,\"system:masters\""
    echo "$kcm,system:kube-controller-manager,kcm-uid"
    echo "$sched,system:kube-scheduler,scheduler-uid"
    # KWOK plays every kubelet: its own user, so tests can tell its writes apart.
    echo "$kwok,kwok,kwok-uid,\"system:masters\""
  } > "$dir/tokens.csv"
  chmod 600 "$dir/tokens.csv" "$dir/admin.token"
}

gen_audit_policy() {
  # Metadata (who, verb, resource, response code) of every request, no
  # bodies; RequestReceived is dropped so each request is one line (plus
  # ResponseStarted for watches). Tests count writes by user from this.
  cat > "$dir/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: Metadata
EOF
}

do_start() {
  local c
  for c in etcd kube-apiserver kube-controller-manager kube-scheduler; do
    pid_alive "$c" && die "$c already running for $dir (pid $(cat "$dir/pids/$c.pid")); run: $0 stop $dir"
  done
  for c in etcd kube-apiserver kube-controller-manager kubectl; do
    [ -x "$bin/$c" ] || die "missing $bin/$c -- run 'make tools' (scripts/tools.sh) first"
  done
  $with_scheduler && { [ -x "$bin/kube-scheduler" ] || die "missing $bin/kube-scheduler -- run 'make tools'"; }

  local t0; t0=$(date +%s%N)
  # Each start is a fresh cluster: old etcd data (a run that was killed) and
  # the old audit log would confuse tests. --keep-data keeps the etcd data.
  $keep_data || rm -rf "$dir/etcd"
  rm -f "$dir/audit.log"
  mkdir -p "$dir/logs" "$dir/pids" "$dir/etcd"
  gen_pki; gen_tokens; gen_audit_policy
  local etcd_port etcd_peer api_port kcm_port sched_port
  free_port etcd_port; free_port etcd_peer; free_port api_port
  free_port kcm_port; free_port sched_port
  local server="https://127.0.0.1:$api_port"

  # On any failure below, tear down what was started and show the log tail.
  trap 'rc=$?; if [ $rc -ne 0 ]; then stop_all; fi' EXIT

  log "starting etcd on 127.0.0.1:$etcd_port"
  # --unsafe-no-fsync: test data is throw-away; fsync dominates write latency.
  launch etcd "$bin/etcd" --name=default --data-dir="$dir/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" \
    --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$etcd_peer" \
    --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer" \
    --initial-cluster="default=http://127.0.0.1:$etcd_peer" \
    --listen-metrics-urls="" \
    --unsafe-no-fsync --log-level=warn
  wait_for etcd 30 curl -fsS "http://127.0.0.1:$etcd_port/health" \
    || { tail -20 "$dir/logs/etcd.log" >&2; die "etcd did not become healthy (log: $dir/logs/etcd.log)"; }

  log "starting kube-apiserver on $server"
  # --endpoint-reconciler-type=none: the reconciler refuses a loopback
  # advertise address, and no in-cluster pod needs the kubernetes Service.
  # --requestheader-*: only so kube-controller-manager/scheduler find a
  # complete extension-apiserver-authentication ConfigMap (else they log
  # errors); no front-proxy-client certificate is ever issued.
  launch kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
    --endpoint-reconciler-type=none \
    --cert-dir="$dir/pki/generated" \
    --tls-cert-file="$dir/pki/apiserver.crt" --tls-private-key-file="$dir/pki/apiserver.key" \
    --client-ca-file="$dir/pki/ca.crt" \
    --requestheader-client-ca-file="$dir/pki/ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --token-auth-file="$dir/tokens.csv" \
    --authorization-mode=RBAC \
    --service-cluster-ip-range=10.0.0.0/24 \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$dir/pki/sa.pub" \
    --service-account-signing-key-file="$dir/pki/sa.key" \
    --allow-privileged=true \
    --audit-policy-file="$dir/audit-policy.yaml" \
    --audit-log-path="$dir/audit.log" --audit-log-format=json --audit-log-mode=blocking \
    --profiling=false
  local admin_token; admin_token="$(cat "$dir/admin.token")"
  kubeconfig_for "$dir/kubeconfig" admin "$admin_token" "$server"
  kubeconfig_for "$dir/kcm.kubeconfig" system:kube-controller-manager "$(sed -n 2p "$dir/tokens.csv" | cut -d, -f1)" "$server"
  kubeconfig_for "$dir/scheduler.kubeconfig" system:kube-scheduler "$(sed -n 3p "$dir/tokens.csv" | cut -d, -f1)" "$server"
  kubeconfig_for "$dir/kwok.kubeconfig" kwok "$(sed -n 4p "$dir/tokens.csv" | cut -d, -f1)" "$server"
  # /readyz includes etcd, RBAC bootstrap roles and the CRD/aggregation hooks.
  wait_for kube-apiserver 90 curl -fsS --cacert "$dir/pki/ca.crt" \
      -H "Authorization: Bearer $admin_token" "$server/readyz" \
    || { tail -30 "$dir/logs/kube-apiserver.log" >&2; die "kube-apiserver not ready (log: $dir/logs/kube-apiserver.log)"; }

  log "starting kube-controller-manager"
  # Per-controller service accounts, so GC/namespace/etc. show up as
  # distinct users in the audit log; no leader election (single instance).
  launch kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig="$dir/kcm.kubeconfig" \
    --authentication-kubeconfig="$dir/kcm.kubeconfig" --authorization-kubeconfig="$dir/kcm.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$kcm_port" \
    --leader-elect=false --use-service-account-credentials=true \
    --service-account-private-key-file="$dir/pki/sa.key" --root-ca-file="$dir/pki/ca.crt" \
    --cluster-signing-cert-file="$dir/pki/ca.crt" --cluster-signing-key-file="$dir/pki/ca.key" \
    --profiling=false
  wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:$kcm_port/healthz" \
    || { tail -30 "$dir/logs/kube-controller-manager.log" >&2; die "kube-controller-manager not healthy (log: $dir/logs/kube-controller-manager.log)"; }

  if $with_scheduler; then
    log "starting kube-scheduler"
    launch kube-scheduler "$bin/kube-scheduler" \
      --kubeconfig="$dir/scheduler.kubeconfig" \
      --authentication-kubeconfig="$dir/scheduler.kubeconfig" --authorization-kubeconfig="$dir/scheduler.kubeconfig" \
      --bind-address=127.0.0.1 --secure-port="$sched_port" --leader-elect=false --profiling=false
    wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:$sched_port/healthz" \
      || { tail -30 "$dir/logs/kube-scheduler.log" >&2; die "kube-scheduler not healthy (log: $dir/logs/kube-scheduler.log)"; }
  fi

  # Wait for the default namespace's ServiceAccount: tests create pods and
  # need the serviceaccount controller of kube-controller-manager up.
  wait_for kube-controller-manager 60 "$bin/kubectl" --kubeconfig="$dir/kubeconfig" -n default get serviceaccount default \
    || die "default ServiceAccount never appeared (log: $dir/logs/kube-controller-manager.log)"

  if [ -n "$watch_pid" ]; then
    # Detached watchdog: when the watched process exits, stop everything.
    DATAPLANE_CP_IN_WATCHDOG=1 setsid bash -c '
      while kill -0 "$1" 2>/dev/null; do sleep 2; done
      exec "$2" stop "$3"' watchdog "$watch_pid" "$here/controlplane.sh" "$dir" \
      >"$dir/logs/watchdog.log" 2>&1 < /dev/null &
    echo $! > "$dir/pids/watchdog.pid"
  fi

  cat > "$dir/endpoints.env" <<EOF
KUBECONFIG=$dir/kubeconfig
KUBE_APISERVER_URL=$server
ETCD_URL=http://127.0.0.1:$etcd_port
AUDIT_LOG=$dir/audit.log
ADMIN_TOKEN_FILE=$dir/admin.token
EOF
  trap - EXIT
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "ready in ${ms} ms: $server (kube-apiserver $("$bin/kubectl" --kubeconfig="$dir/kubeconfig" version -o json 2>/dev/null | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1))"
  log "kubeconfig: $dir/kubeconfig   audit log: $dir/audit.log   logs: $dir/logs/"
}

do_status() {
  local c rc=0
  for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok watchdog; do
    if pid_alive "$c"; then log "$c: running (pid $(cat "$dir/pids/$c.pid"))"
    elif [ -f "$dir/pids/$c.pid" ]; then log "$c: DEAD (see $dir/logs/$c.log)"; rc=1
    fi
  done
  if [ -f "$dir/kubeconfig" ] && "$bin/kubectl" --kubeconfig="$dir/kubeconfig" get --raw /readyz >/dev/null 2>&1; then
    log "apiserver /readyz ok"
  else
    log "apiserver not ready"; rc=1
  fi
  return $rc
}

case "$cmd" in
  start) do_start ;;
  stop) stop_all; log "stopped ($dir)" ;;
  status) do_status ;;
  env)
    [ -f "$dir/endpoints.env" ] || die "not started: $dir/endpoints.env missing"
    sed 's/^/export /' "$dir/endpoints.env"
    echo "export PATH=\"$bin:\$PATH\"" ;;
  *) usage ;;
esac
