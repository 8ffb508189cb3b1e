#!/usr/bin/env bash
# Roll notifications back to the previous release: schema first, then the deployment.
# Usage: scripts/rollback.sh [--dry-run]
set -euo pipefail

DRY_RUN=""
if [ "${1:-}" = "--dry-run" ]; then
  DRY_RUN=1
  shift
fi

run() {
  if [ -n "$DRY_RUN" ]; then
    echo "[dry-run] $*"
  else
    "$@"
  fi
}

# knex migrate:rollback undoes the last batch, i.e. every migration of the last deploy.
run npx knex migrate:rollback --knexfile knexfile.js --env production
run kubectl rollout undo deployment/notifications --namespace messaging
run kubectl rollout status deployment/notifications --namespace messaging --timeout=300s
echo "rollback of notifications complete"
