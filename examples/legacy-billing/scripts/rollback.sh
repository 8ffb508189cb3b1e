#!/usr/bin/env bash
# Roll billing back to the previous release: schema first, then the deployment.
# Usage: scripts/rollback.sh [--dry-run]
set -euo pipefail

DRY_RUN=""
if [ "${1:-}" = "--dry-run" ]; then
  DRY_RUN=1
  shift
fi
GOOSE_DBSTRING="${GOOSE_DBSTRING:-postgres://billing@localhost:5432/billing?sslmode=disable}"

run() {
  if [ -n "$DRY_RUN" ]; then
    echo "[dry-run] $*"
  else
    "$@"
  fi
}

run goose -dir db/migrations postgres "$GOOSE_DBSTRING" down
run kubectl rollout undo deployment/billing --namespace finance
run kubectl rollout status deployment/billing --namespace finance --timeout=300s
echo "rollback of billing complete"
