#!/bin/sh
# Installs CNI plugin binaries into the host's CNI binary directory so that a
# half-written binary is never visible there: each file is copied to a hidden
# temporary name in the destination directory (same filesystem), its SHA-256
# is checked against the source (or the image's SHA256SUMS), it is made
# executable, and only then renamed over the final name (rename(2) is atomic).
# A binary whose content is already installed is left alone, so a restart of
# the installer rewrites nothing.
#
# Usage: install-cni.sh SRC_DIR DEST_DIR [--once]
#   SRC_DIR   the plugins in the image; every regular file except SHA256SUMS
#             and dot files is installed. If SRC_DIR/SHA256SUMS exists
#             (sha256sum format), each binary must be listed there and match.
#   DEST_DIR  the host directory, mounted into the container
#   --once    exit after installing (tests); otherwise sleep until stopped, as
#             a DaemonSet container must keep running
# Env: INSTALL_CNI_READY_FILE  written after a successful install (readiness)
# Exit: 0 installed (or unchanged), 1 a checksum did not match or a copy
#       failed (nothing partial is left in DEST_DIR), 2 usage error.
set -eu

log() { echo "[install-cni] $*"; }
die() { echo "[install-cni] ERROR: $*" >&2; exit "${2:-1}"; }

[ $# -ge 2 ] || die "usage: install-cni.sh SRC_DIR DEST_DIR [--once]" 2
src=$1
dest=$2
once=${3:-}
[ -d "$src" ] || die "source directory $src does not exist" 2
[ -d "$dest" ] || die "destination directory $dest does not exist" 2

# Temporary files of this run; removed on any exit, so a failure or a kill
# leaves no partial file behind.
tmp=""
cleanup() { if [ -n "$tmp" ]; then rm -f "$tmp"; fi; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

sum_of() { sha256sum < "$1" | cut -d' ' -f1; }

expected_sum() { # name file
    if [ -f "$src/SHA256SUMS" ]; then
        # "<sum>  <name>" or "<sum> *<name>"; the last match wins.
        awk -v n="$1" '$2 == n || $2 == "*" n { s = $1 } END { print s }' "$src/SHA256SUMS"
    else
        sum_of "$2"
    fi
}

installed=0
unchanged=0
for f in "$src"/*; do
    [ -f "$f" ] || continue
    name=${f##*/}
    case "$name" in
        .* | SHA256SUMS) continue ;;
    esac
    want=$(expected_sum "$name" "$f")
    [ -n "$want" ] || die "$name is not listed in $src/SHA256SUMS"
    if [ -f "$dest/$name" ] && [ "$(sum_of "$dest/$name")" = "$want" ]; then
        unchanged=$((unchanged + 1))
        continue
    fi
    tmp="$dest/.$name.tmp.$$"
    if ! cp "$f" "$tmp"; then
        die "copying $name to $dest failed"
    fi
    got=$(sum_of "$tmp")
    if [ "$got" != "$want" ]; then
        die "checksum mismatch for $name: expected $want, copied $got; $dest/$name left as it was"
    fi
    chmod 755 "$tmp"
    mv -f "$tmp" "$dest/$name"
    tmp=""
    installed=$((installed + 1))
    log "installed $name ($want)"
done
log "done: $installed installed, $unchanged already up to date in $dest"

if [ -n "${INSTALL_CNI_READY_FILE:-}" ]; then
    echo "$installed installed, $unchanged unchanged" > "$INSTALL_CNI_READY_FILE"
fi
if [ "$once" = "--once" ]; then
    exit 0
fi
# Keep the container running; wake up on TERM at once (wait is interruptible, sleep is not).
while :; do
    sleep 3600 &
    wait $! || true
done
