#!/usr/bin/env bash
# Roll storefront back to the previous release: schema first, then the deployment.
# Usage: scripts/rollback.sh [--dry-run] [STEPS]
set -euo pipefail

DRY_RUN=""
if [ "${1:-}" = "--dry-run" ]; then
  DRY_RUN=1
  shift
fi
STEPS="${1:-1}"

run() {
  if [ -n "$DRY_RUN" ]; then
    echo "[dry-run] $*"
  else
    "$@"
  fi
}

run bin/rails db:rollback STEP="$STEPS"
run kubectl rollout undo deployment/storefront-web --namespace shop
run kubectl rollout status deployment/storefront-web --namespace shop --timeout=300s
echo "rollback of storefront complete"
