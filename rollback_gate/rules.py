"""The rule catalog: every rule the gate can report, with its documentation.

Ids are stable (``RG201``); names (``migration-noop-reversal``) are accepted wherever an id
is. Each entry carries the text that ``rollback-gate explain`` prints and that SARIF and the
README reuse: what fires it, why it matters, how to fix it, and a before/after example.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollback_gate.models import Severity


@dataclass(frozen=True)
class Rule:
    """One catalog entry."""

    id: str
    name: str
    item: str  # plan | tested | migrations | flags | monitoring | waivers
    severity: Severity
    summary: str  # fires when …
    why: str
    fix: str
    before: str = ""
    after: str = ""


def _r(
    id: str,
    name: str,
    item: str,
    sev: str,
    summary: str,
    why: str,
    fix: str,
    before: str = "",
    after: str = "",
) -> Rule:
    return Rule(id, name, item, Severity(sev), summary, why, fix, before.strip(), after.strip())


# fmt: off
_RULES = [
    # --- plan -------------------------------------------------------------------------
    _r("RG100", "rollback-plan-missing", "plan", "P0",
       "No rollback section, or no script, runbook or strategy declared.",
       "Without a declared way back, the on-call engineer improvises during an incident, "
       "when mistakes are most likely and most expensive.",
       "Add a `rollback:` section with a `strategy` and a `script` or `runbook`.",
       "version: 1\nservice: checkout-api",
       "version: 1\nservice: checkout-api\nrollback:\n  strategy: script\n"
       "  script: scripts/rollback.sh\n  runbook: docs/runbooks/rollback.md"),
    _r("RG101", "rollback-script-missing", "plan", "P0",
       "The declared rollback script is not in the repository.",
       "A rollback plan that points at a file that does not exist fails at the worst moment.",
       "Commit the script at the declared path, or correct `rollback.script`.",
       "rollback:\n  script: scripts/rollback.sh   # file never committed",
       "git add scripts/rollback.sh && git commit -m 'Add rollback script'"),
    _r("RG102", "rollback-script-not-executable", "plan", "P1",
       "The script is not committed with mode 100755, or has no shebang line.",
       "CI and deploy hosts run the committed file: without the executable bit or an "
       "interpreter line it fails with 'permission denied' or runs under the wrong shell.",
       "Add a shebang (`#!/usr/bin/env bash`) and run `git update-index --chmod=+x SCRIPT`.",
       "echo 'kubectl rollout undo ...'   # mode 100644, no shebang",
       "#!/usr/bin/env bash\nset -euo pipefail\nkubectl rollout undo ...   # mode 100755"),
    _r("RG103", "rollback-script-broken", "plan", "P1",
       "The script has a syntax error (`bash -n`) or a ShellCheck error-level finding.",
       "A rollback script that does not parse cannot roll anything back.",
       "Fix the reported line; run `bash -n SCRIPT` and `shellcheck SCRIPT` locally.",
       'if [ "$ENV" = prod ]\n  kubectl rollout undo deploy/api',
       'if [ "$ENV" = prod ]; then\n  kubectl rollout undo deploy/api\nfi'),
    _r("RG104", "rollback-script-unsafe", "plan", "P2",
       "The script lacks errexit (`set -e`), has no dry-run mode, or ShellCheck warns.",
       "Without errexit a failed step is ignored and the script reports success after a "
       "half-done rollback; without a dry-run mode nobody can rehearse it safely.",
       "Start with `set -euo pipefail` and support `--dry-run` (print instead of act).",
       "#!/usr/bin/env bash\nkubectl rollout undo deploy/api",
       '#!/usr/bin/env bash\nset -euo pipefail\nrun() { if [ "${DRY_RUN:-}" ]; then echo "$@"; '
       'else "$@"; fi; }\n[ "${1:-}" = --dry-run ] && DRY_RUN=1\nrun kubectl rollout undo '
       "deploy/api"),
    _r("RG105", "runbook-missing", "plan", "P1",
       "The declared runbook file is absent (or, with --online, its URL does not answer 2xx).",
       "The runbook is what a person follows when the script is not enough.",
       "Commit the runbook at the declared path, or fix the URL.",
       "rollback:\n  runbook: docs/runbooks/rollback.md   # missing",
       "rollback:\n  runbook: docs/runbooks/rollback.md   # committed"),
    _r("RG110", "rollback-untested", "tested", "P1",
       "No drill record exists for the current content of the rollback script.",
       "A rollback that was never exercised is a hypothesis. Records are bound to the "
       "script's SHA-256, so editing the script requires a new drill.",
       "Run `rollback-gate drill` and commit the evidence file (or pass it with --evidence).",
       "rollback-gate check   # RG110: no drill record for scripts/rollback.sh",
       "rollback-gate drill && git add .rollback-gate/drills.jsonl"),
    _r("RG111", "rollback-drill-stale", "tested", "P1",
       "The latest passing drill is older than `rollback.evidence.max_age_days`.",
       "Infrastructure drifts: a drill from last quarter says little about today.",
       "Run `rollback-gate drill` again (schedule it, e.g. weekly in CI).",
       "evidence: {max_age_days: 30}   # last drill 45 days ago",
       "rollback-gate drill   # new record today"),
    _r("RG112", "rollback-drill-failed", "tested", "P0",
       "The latest drill for the current script content failed.",
       "The rollback is known not to work.",
       "Read the drill output, fix the script or the environment, and drill again.",
       '{"result": "failed", "exit_code": 1, ...}',
       '{"result": "passed", "exit_code": 0, ...}'),
    _r("RG120", "rollback-history-disabled", "plan", "P1",
       "A manifest sets `revisionHistoryLimit` below 2, or a script or CI workflow runs "
       "`helm upgrade` with `--history-max` below 2 (that is 1: Helm reads 0 as no limit).",
       "Kubernetes then keeps no old ReplicaSets (Helm no old release): `kubectl rollout "
       "undo` or `helm rollback` has nothing to return to.",
       "Remove the field (default 10) or set it to at least 2; give `--history-max` (or "
       "`HELM_MAX_HISTORY`) at least 2, or 0 for no limit (Helm's default is 10).",
       "spec:\n  revisionHistoryLimit: 0",
       "spec:\n  revisionHistoryLimit: 5"),
    _r("RG122", "image-tag-mutable", "plan", "P1",
       "A container image in the manifests (Deployment, StatefulSet, DaemonSet, Rollout, "
       "CronJob, Helm values, Kustomize, compose) has no tag, `:latest`, or another moving "
       "tag (`main`, `stable`, `edge`, `dev`…).",
       "`kubectl rollout undo` and `helm rollback` return to a spec naming the same tag, "
       "which now points at the bad build: the rollback redeploys the release it should "
       "undo.",
       "Pin every image to a version tag, better to a digest (`image: api@sha256:…`; Helm "
       "`image.digest` or an immutable `image.tag`; Kustomize `images: [{name, digest}]`).",
       "containers:\n- name: api\n  image: registry.example.com/api:latest",
       "containers:\n- name: api\n  image: registry.example.com/api:1.42.0@sha256:9f86d0…"),
    # --- migrations -------------------------------------------------------------------
    _r("RG200", "migration-no-reversal", "migrations", "P0",
       "A migration has no down step at all (missing down file, section or method).",
       "Rolling back the application leaves the schema at the new version; the old code "
       "may not run against it, and the migration tool cannot step back.",
       "Write the down step that exactly undoes the up step.",
       "def upgrade():\n    op.add_column('orders', sa.Column('note', sa.Text()))",
       "def upgrade():\n    op.add_column('orders', sa.Column('note', sa.Text()))\n\n"
       "def downgrade():\n    op.drop_column('orders', 'note')"),
    _r("RG201", "migration-noop-reversal", "migrations", "P0",
       "The down step exists but does nothing while the up step changes something.",
       "The most dangerous case: the framework reports the rollback as a success and "
       "records the old version, while the schema stays at the new one.",
       "Write a real down step; if nothing can or should be undone, waive it with a reason.",
       "def downgrade():\n    pass",
       "def downgrade():\n    op.drop_column('orders', 'note')"),
    _r("RG202", "migration-irreversible", "migrations", "P1",
       "The down step refuses (IrreversibleMigration, NotImplementedError, throw), or the "
       "framework cannot invert the change (RunPython without reverse_code, `execute` in "
       "Rails `change`).",
       "The rollback stops with an error at the first irreversible migration.",
       "Give the framework the inverse: reverse_code/reverse_sql, an `up`/`down` pair, "
       "`reversible` blocks, the column type for remove_column.",
       "def change\n  remove_column :orders, :note\nend",
       "def change\n  remove_column :orders, :note, :text\nend"),
    _r("RG203", "migration-destroys-data", "migrations", "P1",
       "The up step drops a table or column, deletes or truncates rows, or narrows a type.",
       "Even with a down step, rolling back recreates an empty column: the data is gone.",
       "Split into expand/contract: stop using the data in this release and drop it in a "
       "later one, after the release is known good; or waive with a reason and a backup.",
       "op.drop_column('orders', 'legacy_code')   # same release that stops using it",
       "# release N: code stops reading orders.legacy_code\n"
       "# release N+1: op.drop_column('orders', 'legacy_code')"),
    _r("RG204", "migration-edited", "migrations", "P1",
       "A migration that existed at the base was modified, renamed or deleted.",
       "Databases that already ran the old version never see the edit: environments "
       "diverge and the down step no longer matches what was applied.",
       "Revert the edit and add a new migration that makes the change.",
       "git diff base -- db/migrations/0041_add_index.sql   # edited",
       "db/migrations/0043_fix_index.up.sql   # new migration instead"),
    _r("RG205", "migration-unanalysable", "migrations", "P1",
       "A migration file could not be read, parsed or classified (symlinked outside the "
       "repository, oversized, binary, an unknown helper, a dynamic call).",
       "The gate fails closed: what it cannot read it cannot vouch for. A `DROP TABLE` "
       "hidden in an unreadable file would otherwise pass.",
       "Fix the syntax error, write the operation with the framework's own API, or waive "
       "the file with a reason once a person has read it.",
       "def upgrade(:\n    ...",
       "def upgrade():\n    ..."),
    _r("RG206", "migrations-not-found", "migrations", "P1",
       "A declared migration path holds no migrations, or migrations exist that no entry "
       "declares.",
       "A typo in the path, or an undeclared migrations folder, silently turns the whole "
       "check off.",
       "Fix `migrations[].path`, or declare the folder that holds migrations.",
       "migrations:\n  - path: db/migration   # typo",
       "migrations:\n  - path: db/migrations"),
    _r("RG220", "column-renamed", "migrations", "P1",
       "The up step renames a column.",
       "The previous release, still running during the rollout and again after an "
       "application rollback, reads and writes the old name: its queries fail.",
       "Expand/contract: add the new column, write both and backfill, switch reads in a "
       "later release, drop the old column last.",
       "op.alter_column('orders', 'note', new_column_name='comment')",
       "# release N: op.add_column('orders', sa.Column('comment', sa.Text()))\n"
       "#            code writes note and comment; backfill comment from note\n"
       "# release N+1: code reads comment only\n"
       "# release N+2: op.drop_column('orders', 'note')"),
    _r("RG221", "table-renamed", "migrations", "P1",
       "The up step renames a table.",
       "The previous release still queries the old table name during the rollout and "
       "after an application rollback.",
       "Expand/contract: create the new table (or a view with the old name), write both, "
       "switch reads, and drop the old one in a later release.",
       "ALTER TABLE orders RENAME TO purchases;",
       "CREATE TABLE purchases (...);   -- release N, code writes both\n"
       "DROP TABLE orders;              -- release N+2"),
    _r("RG222", "required-column-added", "migrations", "P1",
       "The up step adds a NOT NULL column without a default, or sets NOT NULL on an "
       "existing column.",
       "The previous release does not know the column: every insert it makes now fails "
       "with a NOT NULL violation.",
       "Add the column nullable or with a default; backfill; set NOT NULL in a later "
       "release once every running version writes it.",
       "ALTER TABLE orders ADD COLUMN currency text NOT NULL;",
       "ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';"),
    _r("RG223", "column-type-changed", "migrations", "P1",
       "The up step changes a column's type in a way the previous release may not read or "
       "write (anything but a pure widening such as varchar(50)→varchar(100), int→bigint).",
       "The previous release sends values the new type rejects or truncates, or reads "
       "values it cannot parse.",
       "Add a column of the new type, write both and backfill, switch reads, drop the old "
       "column later; or change only to a wider type.",
       "ALTER TABLE orders ALTER COLUMN total TYPE integer;   -- was numeric(12,2)",
       "ALTER TABLE orders ADD COLUMN total_cents bigint;     -- expand, backfill, switch"),
    _r("RG224", "constraint-added", "migrations", "P2",
       "The up step adds a UNIQUE, CHECK or foreign-key constraint to an existing table.",
       "Writes that the previous release makes, and that were valid yesterday, may now be "
       "rejected.",
       "Ship the code that satisfies the constraint first; add the constraint in a later "
       "release (PostgreSQL: `NOT VALID`, then `VALIDATE CONSTRAINT`).",
       "ALTER TABLE orders ADD CONSTRAINT orders_ref_uq UNIQUE (ref);",
       "-- release N: code never writes duplicate refs\n"
       "-- release N+1: ALTER TABLE orders ADD CONSTRAINT orders_ref_uq UNIQUE (ref);"),
    _r("RG225", "dropped-while-used", "migrations", "P0",
       "The up step drops a column or table that the code at the base (the release being "
       "replaced, and the one a rollback returns to) still references.",
       "During the rollout and after an application rollback the previous release queries "
       "a column or table that no longer exists: the service is down.",
       "Contract in two releases: remove every use of the column or table first (Rails "
       "`ignored_columns`, the field removed from the model), drop it in a later release.",
       "# app/models/order.rb still reads legacy_code\nremove_column :orders, :legacy_code, "
       ":string",
       "# release N: self.ignored_columns += [\"legacy_code\"]\n"
       "# release N+1: remove_column :orders, :legacy_code, :string"),
    _r("RG210", "roundtrip-untested", "tested", "P2",
       "Changed migrations have no passing `verify` record for their current content.",
       "Static analysis shows a down step exists; only running it shows it works.",
       "Run `rollback-gate verify migrations` and keep its evidence.",
       "rollback-gate check   # RG210",
       "rollback-gate verify migrations   # records a round trip"),
    _r("RG211", "reversal-incomplete", "migrations", "P0",
       "(verify) The schema after down differs from the schema before up.",
       "The down step leaves objects behind (a column, an index): the next up fails or the "
       "old code meets an unexpected schema.",
       "Make the down step undo everything the up step did; the message names what is left.",
       "-- down: DROP TABLE notes;   (index notes_idx on other table left behind)",
       "-- down: DROP INDEX notes_idx; DROP TABLE notes;"),
    _r("RG212", "reversal-fails", "migrations", "P0",
       "(verify) The down step, or the up step after it, fails on the database.",
       "The rollback stops half-way with a database error.",
       "Fix the statement the database rejected (the message quotes its error).",
       "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;  -- fails with rows present",
       "UPDATE orders SET note = '' WHERE note IS NULL;\n"
       "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;"),
    # --- flags ------------------------------------------------------------------------
    _r("RG300", "flag-undefined", "flags", "P1",
       "A declared flag key is absent from the definitions or the provider.",
       "Code that evaluates an unknown flag gets the SDK default: the off switch does not "
       "exist.",
       "Define the flag in the definitions file (or the provider), or fix the key.",
       "flags: [{key: new-checkout}]   # not in flags.flagd.json",
       '"flags": {"new-checkout": {"state": "ENABLED", ...}}'),
    _r("RG301", "flag-no-off-switch", "flags", "P1",
       "The flag has no off/false variant and cannot be disabled.",
       "A flag you cannot turn off is not a rollback mechanism.",
       "Add an `off` (false) variant, or make the flag disableable.",
       '"variants": {"on": true}',
       '"variants": {"on": true, "off": false}'),
    _r("RG302", "flag-on-by-default", "flags", "P2",
       "The default in the target environment serves the new behaviour.",
       "Deploying then exposes everyone at once; the flag protects nothing until someone "
       "turns it off.",
       "Default to the off variant and roll out by targeting.",
       '"defaultVariant": "on"',
       '"defaultVariant": "off"'),
    _r("RG303", "flag-full-rollout", "flags", "P2",
       "The flag's rollout is already 100%.",
       "No gradual rollout: a bad release reaches every user before anyone notices.",
       "Start with a small percentage (fractional, rollout, coverage) and raise it.",
       '"fractional": [["on", 100], ["off", 0]]',
       '"fractional": [["on", 5], ["off", 95]]'),
    _r("RG304", "flag-unreferenced", "flags", "P2",
       "The flag key is not referenced anywhere in the code.",
       "A flag that no code reads switches nothing off.",
       "Evaluate the flag where the new behaviour starts, or remove the declaration.",
       "flags: [{key: new-checkout}]   # no source file mentions it",
       "if client.get_boolean_value('new-checkout', False): ..."),
    _r("RG305", "change-unguarded", "flags", "P1",
       "Files changed under a flag's `guards` globs do not reference its key.",
       "The change ships new behaviour outside the flag: turning the flag off will not "
       "turn it off.",
       "Evaluate the flag in the changed code, or narrow the guards.",
       "guards: ['src/checkout/**']   # src/checkout/pay.py changed, no 'new-checkout'",
       "if flags.enabled('new-checkout'): new_path() else: old_path()"),
    _r("RG306", "flag-stale", "flags", "P3",
       "A flag outlived its expected lifetime or is marked stale.",
       "Old flags pile up as dead branches and untested combinations.",
       "Remove the flag and the dead branch, or renew it on purpose.",
       '"stale": true', "(flag removed)"),
    _r("RG307", "flag-definitions-invalid", "flags", "P1",
       "The definitions file violates its format.",
       "The flag provider rejects the file: every flag falls back to code defaults.",
       "Fix the reported JSON path; validate against the provider's schema.",
       '"state": "on"', '"state": "ENABLED"'),
    _r("RG308", "flags-not-declared", "flags", "P2",
       "There is no `feature_flags` section.",
       "Without flags the only way back from a bad release is a redeploy.",
       "Declare the flag provider and the flags that guard new behaviour.",
       "(no feature_flags section)",
       "feature_flags:\n  provider: flagd\n  definitions: flags/flags.flagd.json"),
    # --- monitoring -------------------------------------------------------------------
    _r("RG121", "rollout-analysis-incomplete", "monitoring", "P2",
       "An Argo analysis metric lacks a success/failure condition, or a Flagger canary "
       "has no metrics.",
       "Automated analysis without a condition can never fail, so a bad canary is promoted.",
       "Give every metric a successCondition/failureCondition (Argo) or thresholds (Flagger).",
       "metrics:\n- name: error-rate\n  provider: {prometheus: {...}}",
       "metrics:\n- name: error-rate\n  successCondition: result[0] < 0.01\n"
       "  provider: {prometheus: {...}}"),
    _r("RG400", "monitoring-missing", "monitoring", "P1",
       "No alerts, dashboards or health check are declared.",
       "A rollback plan is useless if nobody notices the release is bad.",
       "Declare alert rule files, dashboards and/or a health check under `monitoring:`.",
       "(no monitoring section)",
       "monitoring:\n  alerts: [monitoring/alerts.yml]"),
    _r("RG401", "alert-rules-invalid", "monitoring", "P1",
       "A rule file fails validation (YAML, structure, PromQL syntax).",
       "Prometheus refuses the whole file: none of its alerts fire.",
       "Fix the reported rule; check locally with `promtool check rules FILE`.",
       "expr: rate(http_requests_total[5m]",
       "expr: rate(http_requests_total[5m]) > 0.05"),
    _r("RG402", "service-not-alerted", "monitoring", "P2",
       "No alert rule refers to the service.",
       "Alerts exist, but none would fire for this service.",
       "Add an alert selecting the service (job/service/app label) or labelled with it.",
       'expr: rate(errors_total{job="other"}[5m]) > 1',
       'expr: rate(errors_total{job="checkout-api"}[5m]) > 1'),
    _r("RG403", "alert-no-runbook", "monitoring", "P3",
       "An alert has no `runbook_url` annotation.",
       "The person paged at 3 a.m. needs to know what to do.",
       "Add `annotations: {runbook_url: …}`.",
       "annotations: {summary: High error rate}",
       "annotations: {summary: High error rate, runbook_url: https://…}"),
    _r("RG404", "dashboard-invalid", "monitoring", "P2",
       "Dashboard JSON is invalid or has no uid/title/panels.",
       "Grafana refuses the dashboard, or it shows nothing during the incident.",
       "Fix the JSON; give it a uid (at most 40 characters), a title and panels.",
       '{"title": "API"}', '{"uid": "api", "title": "API", "panels": [...]}'),
    _r("RG405", "health-check-failing", "monitoring", "P0",
       "(online) The health URL does not answer the expected status.",
       "The service is already unhealthy before this release ships.",
       "Investigate the service, or correct `monitoring.health_check`.",
       "GET https://checkout.example.com/readyz -> 503",
       "GET https://checkout.example.com/readyz -> 200"),
    _r("RG406", "readiness-probe-missing", "monitoring", "P2",
       "A container in the manifests has no readinessProbe.",
       "Without a readiness probe a broken pod receives traffic, and a rollout cannot "
       "notice it should stop.",
       "Add a readinessProbe to every serving container.",
       "containers:\n- name: api\n  image: api:1.2",
       "containers:\n- name: api\n  image: api:1.2\n  readinessProbe:\n"
       "    httpGet: {path: /readyz, port: 8080}"),
    # --- waivers ----------------------------------------------------------------------
    _r("RG900", "waiver-expired", "waivers", "P1",
       "A waiver passed its expiry date; the finding it covered is reported unwaived too.",
       "Waivers are temporary by design: an expired one means the risk was never fixed.",
       "Fix the finding, or renew the waiver with a new date and reason.",
       "expires: 2026-01-31", "expires: 2026-12-31   # renewed after review"),
    _r("RG901", "waiver-unused", "waivers", "P3",
       "A waiver matches no finding.",
       "Dead waivers hide future findings that happen to match them.",
       "Delete the waiver.",
       "waivers: [{rule: RG203, path: db/old.sql, ...}]", "waivers: []"),
    _r("RG902", "waiver-expiring", "waivers", "P3",
       "A waiver expires within 14 days.",
       "The gate will start failing soon.",
       "Fix the finding before the date, or renew the waiver.",
       "expires: (in 5 days)", "(finding fixed, waiver removed)"),
    _r("RG903", "policy-weakened", "waivers", "P1",
       "The change under test weakens the gate's own policy relative to the config at the "
       "base (a rule disabled or lowered, `fail_on` raised, `require_signed_drills` turned "
       "off, a migration path, `scope` or `since` narrowed, online endpoints or `token_env` "
       "changed).",
       "A pull request that both weakens the gate and changes what the gate judges would "
       "pass on its own say-so.",
       "Weaken the policy in a pull request of its own that a code owner reviews (protect "
       "deploy-readiness.yml with CODEOWNERS), or keep the policy and waive one finding.",
       "policy:\n  fail_on: P0   # was P1 at the base, in the same PR as a DROP TABLE",
       "policy:\n  fail_on: P1   # unchanged; the drop is waived with a reason and an owner"),
    _r("RG904", "waiver-added", "waivers", "P3",
       "The change under test adds or extends a waiver (listed for the reviewer; the waiver "
       "still applies).",
       "A waiver is a decision a reviewer should see, not one that slips in with the code "
       "it excuses.",
       "Have a code owner review the waiver; nothing to change if it is intended.",
       "waivers: []",
       "waivers:\n- {rule: RG203, path: db/0042_drop.sql, reason: archived in OPS-123,\n"
       "   owner: '@payments', expires: 2027-01-31}"),
]
# fmt: on

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""All rules by id, in catalog order."""

_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def lookup(id_or_name: str) -> Rule | None:
    """The rule with this id (``RG201``, case-insensitive) or name, or None."""
    key = id_or_name.strip()
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower())


_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def suggest(id_or_name: str) -> str | None:
    """The closest known id or name, for a "did you mean" hint."""
    import difflib  # (here: only a mistyped id or name needs it)

    key = id_or_name.strip()
    if key.upper().startswith("RG"):
        # Ids: fix look-alike letters first (RG2O1 -> RG201), then prefer the id that
        # agrees digit by digit (difflib alone ranks RG212 as close to RG2O1 as RG201).
        fixed = "RG" + key.upper()[2:].translate(_LOOKALIKES)
        if fixed in RULES:
            return fixed
        close = difflib.get_close_matches(fixed, list(RULES), n=5, cutoff=0.6)
        if not close:
            return None
        return max(close, key=lambda c: sum(a == b for a, b in zip(fixed, c, strict=False)))
    match = difflib.get_close_matches(key.lower(), list(_BY_NAME), n=1, cutoff=0.6)
    return match[0] if match else None
