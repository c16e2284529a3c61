#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when missing:
#   openvswitch-switch  real ovsdb-server / ovs-vsctl for the OVS host-access tests
#   iproute2            `ip netns` / `ip link` for the CNI and netlink tests
#   openssl, curl       certificates and /readyz probes in scripts/controlplane.sh
# Idempotent: a second run only checks. Needs root (every machine here is root).
# Usage: scripts/deps.sh [extra-package...]
set -euo pipefail

log() { echo "[deps] $*"; }

packages=(openvswitch-switch iproute2 openssl curl "$@")
missing=()
for p in "${packages[@]}"; do
  # dpkg-query status "install ok installed" means present; anything else is missing.
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    log "present: $p"
  else
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all present"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "[deps] ERROR: need root to install: ${missing[*]}" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
log "apt-get update (once) ..."
apt-get update -qq
log "installing: ${missing[*]} ..."
# --no-install-recommends keeps it small; policy-rc.d is not touched, so the
# package may try to start the system ovs services: the tests run their own
# ovsdb-server in a temp dir and do not depend on it.
apt-get install -y -qq --no-install-recommends "${missing[@]}"
log "installed: ${missing[*]}"
