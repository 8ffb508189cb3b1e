#!/usr/bin/env bash
# Roll inventory back to the previous release: schema first, then the deployment.
# Usage: scripts/rollback.sh [--dry-run] [STEPS]
# Needs DATABASE_URL (postgres://...) for golang-migrate.
set -euo pipefail

DRY_RUN=""
if [ "${1:-}" = "--dry-run" ]; then
  DRY_RUN=1
  shift
fi
STEPS="${1:-1}"
DATABASE_URL="${DATABASE_URL:-postgres://inventory@localhost:5432/inventory?sslmode=disable}"

run() {
  if [ -n "$DRY_RUN" ]; then
    echo "[dry-run] $*"
  else
    "$@"
  fi
}

run migrate -path db/migrations -database "$DATABASE_URL" down "$STEPS"
run kubectl rollout undo deployment/inventory --namespace warehouse
run kubectl rollout status deployment/inventory --namespace warehouse --timeout=300s
echo "rollback of inventory complete"
