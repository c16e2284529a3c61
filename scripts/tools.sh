#!/usr/bin/env bash
# Builds the test tools (Kubernetes control plane, etcd, KWOK, CNI plugins,
# cnitool, bundle-validate) from the Go modules pinned under test-infra/ and
# caches them outside the repo, one folder per tool and version:
#   ${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}/<tool>-<version>/
# with symlinks in ${DATAPLANE_TOOLS_DIR}/bin/. Nothing is downloaded except Go
# modules through the module proxy (no release binaries).
#
# Usage: scripts/tools.sh [TOOL...]   build all tools, or only the named ones
#        scripts/tools.sh --check     exit 1 (listing them) if any tool is missing
#        scripts/tools.sh --list      print "tool version module-dir" lines
#
# A tool is rebuilt only when its cache key changes: the version plus a hash
# of its test-infra module (go.mod, go.sum, *.go) and of its recipe line.
# bundle-validate stands in for operator-sdk, which the module proxy cannot
# build (test-infra/README.md); it is named after the library version it uses.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
infra="$repo/test-infra"
tools_dir="${DATAPLANE_TOOLS_DIR:-$HOME/.cache/dataplane-operator/tools}"
bin_dir="$tools_dir/bin"

# Two cores on every machine of this project: keep the Go builds to them so
# a build does not starve tests running beside it.
export GOMAXPROCS="${GOMAXPROCS:-2}"
export CGO_ENABLED=0
# -mod=mod: our wrapper modules carry no vendor dir; go.sum is the pin.
# -buildvcs=false: the main packages live in dependencies, not in this repo.
export GOFLAGS="-mod=mod -buildvcs=false"

log() { echo "[tools] $*"; }
die() { echo "[tools] ERROR: $*" >&2; exit 1; }

# tool | module dir | module whose version names the tool | package | output names | extra go build args
# The CNI plugins share one folder so it can be used directly as CNI_PATH.
recipes() {
  cat <<'EOF'
kube-apiserver|kubernetes|k8s.io/kubernetes|k8s.io/kubernetes/cmd/kube-apiserver|kube-apiserver|K8S
kube-controller-manager|kubernetes|k8s.io/kubernetes|k8s.io/kubernetes/cmd/kube-controller-manager|kube-controller-manager|K8S
kube-scheduler|kubernetes|k8s.io/kubernetes|k8s.io/kubernetes/cmd/kube-scheduler|kube-scheduler|K8S
kubectl|kubernetes|k8s.io/kubernetes|k8s.io/kubernetes/cmd/kubectl|kubectl|K8S
etcd|etcd|go.etcd.io/etcd/server/v3|go.etcd.io/etcd/server/v3|etcd|
kwok|kwok|sigs.k8s.io/kwok|sigs.k8s.io/kwok/cmd/kwok|kwok|KWOK
kwokctl|kwok|sigs.k8s.io/kwok|sigs.k8s.io/kwok/cmd/kwokctl|kwokctl|KWOK
cni-plugins|cni|github.com/containernetworking/plugins|github.com/containernetworking/plugins/plugins/main/host-device github.com/containernetworking/plugins/plugins/main/macvlan github.com/containernetworking/plugins/plugins/ipam/host-local github.com/containernetworking/plugins/plugins/ipam/static|host-device macvlan host-local static|CNI
cnitool|cnitool|github.com/containernetworking/cni|github.com/containernetworking/cni/cnitool|cnitool|
bundle-validate|bundle-validate|github.com/operator-framework/api|dataplane.io/test-infra/bundle-validate|bundle-validate|
EOF
}

command -v go >/dev/null || die "go is not installed (Go >= 1.26 is needed to build the test tools)"

# Version of MODULE as pinned by the go.mod in test-infra/DIR (offline read).
module_version() { (cd "$infra/$1" && go list -m -f '{{.Version}}' "$2"); }

# Cache key: version + hash of the module's go.mod/go.sum/*.go + the recipe line.
cache_key() { # dir version recipe-line
  { echo "$2"; echo "$3"; cat "$infra/$1/go.mod" "$infra/$1/go.sum" "$infra/$1"/*.go; } | sha256sum | cut -c1-16
}

# Extra -ldflags per family, so binaries report their real versions
# (kube-apiserver would otherwise say v0.0.0-master).
ldflags_for() { # family version
  local fam="$1" v="$2"
  case "$fam" in
    K8S)
      local minor="${v#v1.}"; minor="${minor%%.*}"
      local f=""
      # Same variables hack/lib/version.sh sets, in both version packages.
      for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        f+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
        f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
      done
      echo "-s -w$f" ;;
    KWOK) echo "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v#v}" ;;
    CNI)  echo "-s -w -X github.com/containernetworking/plugins/pkg/utils/buildversion.BuildVersion=$v" ;;
    *)    echo "-s -w" ;;
  esac
}

# Build tags per family (none needed now; operator-sdk needed
# containers_image_openpgp to stay cgo-free).
tags_for() { true; }

mode=build
selected=()
for a in "$@"; do
  case "$a" in
    --check) mode=check ;;
    --list) mode=list ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) selected+=("$a") ;;
  esac
done
want() { [ "${#selected[@]}" -eq 0 ] && return 0; local s; for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

mkdir -p "$bin_dir"
# One build at a time per cache dir (make tools in two shells, or CI + dev).
if [ "$mode" = build ]; then
  exec 9>"$tools_dir/.lock"
  flock 9 || die "cannot lock $tools_dir/.lock"
fi

missing=()
start_all=$(date +%s)
while IFS='|' read -r tool dir module pkgs outs family; do
  want "$tool" || continue
  version="$(module_version "$dir" "$module")" || die "cannot read $module version from test-infra/$dir/go.mod"
  line="$tool|$dir|$module|$pkgs|$outs|$family"
  key="$(cache_key "$dir" "$version" "$line")"
  dest="$tools_dir/$tool-$version"
  if [ "$mode" = list ]; then echo "$tool $version test-infra/$dir"; continue; fi

  if [ -f "$dest/.key" ] && [ "$(cat "$dest/.key")" = "$key" ]; then
    [ "$mode" = build ] && log "cached: $tool $version"
  elif [ "$mode" = check ]; then
    missing+=("$tool-$version")
    continue
  else
    log "building $tool $version (test-infra/$dir) ..."
    t0=$(date +%s)
    tmp="$(mktemp -d "$tools_dir/.build-$tool.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    # shellcheck disable=SC2046  # tags_for prints zero or one word
    if [ "$(echo "$outs" | wc -w)" -eq 1 ]; then
      (cd "$infra/$dir" && go build -p 2 -trimpath $(tags_for "$family") \
        -ldflags "$(ldflags_for "$family" "$version")" -o "$tmp/$outs" $pkgs)
    else
      # Several main packages: -o DIR names each binary after its package.
      (cd "$infra/$dir" && go build -p 2 -trimpath $(tags_for "$family") \
        -ldflags "$(ldflags_for "$family" "$version")" -o "$tmp/" $pkgs)
    fi
    for o in $outs; do [ -x "$tmp/$o" ] || die "$tool: $o was not built"; done
    echo "$key" > "$tmp/.key"
    chmod 755 "$tmp"                      # mktemp makes it 0700
    rm -rf "$dest" && mv "$tmp" "$dest"   # whole folder appears at once
    trap - EXIT
    log "built $tool $version in $(( $(date +%s) - t0 ))s -> $dest"
  fi
  # bin/ links always point at the current versions.
  if [ "$tool" = cni-plugins ]; then
    ln -sfn "../$tool-$version" "$bin_dir/cni"     # CNI_PATH=$bin_dir/cni
  else
    for o in $outs; do ln -sfn "../$tool-$version/$o" "$bin_dir/$o"; done
  fi
done < <(recipes)

if [ "$mode" = check ]; then
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "[tools] missing in $tools_dir: ${missing[*]} -- run 'make tools' (scripts/tools.sh)" >&2
    exit 1
  fi
  exit 0
fi
[ "$mode" = build ] && log "done in $(( $(date +%s) - start_all ))s; binaries in $bin_dir (CNI plugins in $bin_dir/cni)"
exit 0
