#!/usr/bin/env bash
# Regenerates the committed install artifacts (deploy/dataplane-operator.yaml and bundle/) from crds/,
# deploy/rbac/, application.properties, samples/ and README.md. Run by `make generate` after the build;
# the test InstallArtifactsAreCurrentTest fails when the committed files differ from what this writes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="${BUILD_DIR:-$repo/target}/quarkus-app"
[ -d "$app/lib/main" ] || { echo "[bundle] missing $app -- build first (mvn package -DskipTests)" >&2; exit 1; }
cd "$repo"
exec java -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" io.dataplane.operator.install.InstallArtifacts "$repo"
