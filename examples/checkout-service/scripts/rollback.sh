#!/usr/bin/env bash
# Roll checkout-api back to the previous release: schema first, then the deployment.
# Usage: scripts/rollback.sh [--dry-run] [REVISION]
set -euo pipefail

DRY_RUN=""
if [ "${1:-}" = "--dry-run" ]; then
  DRY_RUN=1
  shift
fi
TARGET="${1:--1}"

run() {
  if [ -n "$DRY_RUN" ]; then
    echo "[dry-run] $*"
  else
    "$@"
  fi
}

run alembic -c alembic.ini downgrade "$TARGET"
run kubectl rollout undo deployment/checkout-api --namespace payments
run kubectl rollout status deployment/checkout-api --namespace payments --timeout=300s
echo "rollback of checkout-api complete"
