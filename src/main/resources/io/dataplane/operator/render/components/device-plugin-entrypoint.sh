#!/bin/sh
# Entrypoint of the SR-IOV network device plugin container. The plugin reads
# its configuration only at start, and the configuration is per node: the
# operator's device-plugin ConfigMap holds one key per node name, mounted in
# DP_CONFIG_DIR. This script runs the plugin with this node's key and
# restarts the plugin -- only on this node -- when that key changes. A node
# without a key (or whose key lists no resource) runs no plugin: the upstream
# plugin exits when it has nothing to serve, which would crash-loop the pod.
# The plugin also discovers VFs only at start: when the node's VFs change
# (a PF's sriov_numvfs, a VF's driver) with the same configuration -- the
# agent created more VFs, or moved some to vfio-pci -- it is restarted too,
# or it would keep advertising the VFs it found when it started.
#
# Usage: device-plugin-entrypoint.sh [plugin args...]
# Env:   NODE_NAME        this node (downward API)
#        DP_CONFIG_DIR    the mounted ConfigMap (one file per node)
#        DP_CONFIG_FILE   where the plugin reads its config (--config-file)
#        DP_BINARY        the plugin binary (default /usr/bin/sriovdp)
#        DP_POLL_SECONDS  how often the key is compared (default 5)
#        DP_SYSFS         sysfs root (default /sys; a fake tree in tests)
# The plugin exiting on its own makes this script exit 1, so the kubelet
# restarts the container and counts it.
set -u

: "${NODE_NAME:?NODE_NAME must be set}"
: "${DP_CONFIG_DIR:?DP_CONFIG_DIR must be set}"
: "${DP_CONFIG_FILE:?DP_CONFIG_FILE must be set}"
binary=${DP_BINARY:-/usr/bin/sriovdp}
poll=${DP_POLL_SECONDS:-5}
sysfs=${DP_SYSFS:-/sys}
src="$DP_CONFIG_DIR/$NODE_NAME"

log() { echo "[device-plugin-entrypoint] $*"; }

pid=""
running=""   # the configuration the running plugin was started with
found=""     # the VF layout when it started
last_layout=""

# Every PF's VF count and every VF's driver, one line each: what the plugin
# discovered at start.
vf_layout() {
    for f in "$sysfs"/bus/pci/devices/*/sriov_numvfs; do
        [ -r "$f" ] && echo "${f%/sriov_numvfs} $(cat "$f" 2>/dev/null)"
    done
    for vf in "$sysfs"/bus/pci/devices/*/physfn; do
        [ -e "$vf" ] || continue
        d=${vf%/physfn}
        drv=$(readlink "$d/driver" 2>/dev/null) || drv=""
        echo "$d ${drv##*/}"
    done
}

# True while the plugin process exists and is not a zombie (a child that
# exited stays a zombie until waited for, and kill -0 still succeeds on it).
alive() {
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -c1)
    [ "$state" != "Z" ]
}

stop() {
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    i=0
    while alive && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if alive; then kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
    pid=""
    running=""
}

start() { # config [plugin args...]
    config=$1
    shift
    # Write the plugin's file atomically: it must never read half a config.
    printf '%s\n' "$config" > "$DP_CONFIG_FILE.tmp.$$"
    mv -f "$DP_CONFIG_FILE.tmp.$$" "$DP_CONFIG_FILE"
    found=$(vf_layout)
    "$binary" "$@" &
    pid=$!
    running=$config
    log "started $binary (pid $pid) with the configuration of node $NODE_NAME"
}

trap 'stop; exit 0' TERM INT

while :; do
    if [ -f "$src" ]; then
        wanted=$(cat "$src")
    else
        wanted=""
    fi
    case "$wanted" in
        *'"resourceName"'*) ;;
        *) wanted="" ;;   # nothing to serve on this node
    esac
    if [ -n "$pid" ] && ! alive; then
        wait "$pid" 2>/dev/null
        rc=$?
        log "$binary exited on its own (status $rc)"
        exit 1
    fi
    if [ -n "$pid" ] && [ "$wanted" = "$running" ]; then
        now=$(vf_layout)
        # Restart once the change has settled (the same in two polls in a row),
        # not for every VF the agent binds on its way.
        if [ "$now" != "$found" ] && [ "$now" = "$last_layout" ]; then
            log "VFs of node $NODE_NAME changed: restarting $binary to discover them"
            stop
        fi
        last_layout=$now
    fi
    if [ "$wanted" != "$running" ]; then
        if [ -n "$pid" ]; then
            log "configuration of node $NODE_NAME changed: restarting $binary"
            stop
        fi
        if [ -n "$wanted" ]; then
            start "$wanted" "$@"
        else
            log "no device plugin resources for node $NODE_NAME in $DP_CONFIG_DIR; waiting"
        fi
    fi
    sleep "$poll" &
    wait $! || true
done
