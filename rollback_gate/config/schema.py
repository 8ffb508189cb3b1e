"""The JSON Schema (draft 2020-12) of deploy-readiness.yml, version 1.

This one schema is both what ``rollback-gate schema`` prints for editors and what the loader
validates against (``config/validate.py`` walks the YAML node tree with it, so every error
has a line and column). Semantic checks a schema cannot express (paths inside the repo,
literal secrets, dates, waiver rules) live in ``config/semantics.py``.

``x-rg`` keys are this project's annotations for the validator (path kinds, env-variable
names); JSON Schema tools ignore unknown keywords, so the file stays a valid schema.
"""

from __future__ import annotations

from typing import Any

from rollback_gate.config.model import Evidence, HealthCheck, MigrationEntry, Policy, Rollback
from rollback_gate.migrations import FRAMEWORKS
from rollback_gate.rules import RULES

SCHEMA_ID = "https://rollback-gate.dev/schema/deploy-readiness/v1.json"

SEVERITIES = ["P0", "P1", "P2", "P3"]
STRATEGIES = ["script", "helm", "kubectl", "argo-rollouts", "flagger", "revert", "manual"]
MIGRATION_FRAMEWORKS = ["auto", *FRAMEWORKS]
SCOPES = ["changed", "all"]
REVERSALS = ["down", "forward-only"]
FLAG_PROVIDERS = ["flagd", "unleash", "growthbook", "launchdarkly", "flagsmith"]

_RULE_REFS = sorted([*RULES, *(r.name for r in RULES.values())])


def _obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> Any:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    schema.update(extra)
    return schema


def _str(description: str, **extra: Any) -> Any:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _path(description: str) -> Any:
    return _str(description, **{"x-rg": "path"})


def _glob(description: str) -> Any:
    return _str(description, **{"x-rg": "glob"})


def _globs(description: str) -> Any:
    return {
        "type": "array",
        "items": _glob("a glob, relative to the repository root"),
        "description": description,
    }


def _env(description: str) -> Any:
    return {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "description": description}


def _url(description: str) -> Any:
    return _str(description, pattern="^https?://", **{"x-rg": "url"})


def _api(description: str) -> Any:
    return _obj(
        {
            "url": _url("base URL of the API (https)"),
            "token_env": _env("name of the environment variable that holds the token"),
            "project": _str("project / workspace key, where the service has one"),
            "timeout_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 300},
        },
        ["url"],
        description=description,
    )


_RULE = {"type": "string", "enum": _RULE_REFS, "description": "rule id or name"}

_POLICY = _obj(
    {
        "fail_on": {
            "enum": SEVERITIES,
            "default": Policy.fail_on.value,
            "description": "findings at or above this severity fail the gate",
        },
        "severity": {
            "type": "object",
            "propertyNames": _RULE,
            "additionalProperties": {"enum": SEVERITIES},
            "description": "per-rule severity overrides",
        },
        "disable": {"type": "array", "items": _RULE, "description": "rules switched off"},
        "require_signed_drills": {
            "type": "boolean",
            "default": Policy.require_signed_drills,
            "description": "drill records must carry a valid HMAC",
        },
    },
    description="how findings turn into a verdict",
)

_ROLLBACK = _obj(
    {
        "strategy": {"enum": STRATEGIES, "description": "how a release is rolled back"},
        "script": _path("the rollback script"),
        "dry_run": _str("the command `rollback-gate drill` runs"),
        "drill_timeout_s": {
            "type": "integer",
            "minimum": 1,
            "maximum": 86400,
            "default": Rollback.drill_timeout_s,
        },
        "runbook": _str(
            "repo path or https URL of the rollback runbook", **{"x-rg": "path-or-url"}
        ),
        "manifests": _globs("Kubernetes / Helm / Argo / Flagger manifests to inspect"),
        "evidence": _obj(
            {
                "file": _path("JSON-lines file of drill records"),
                "max_age_days": {
                    "type": "integer",
                    "minimum": 1,
                    "default": Evidence.max_age_days,
                },
            },
            description="where drill evidence is kept",
        ),
    },
    description="how to roll back",
)

_MIGRATION = _obj(
    {
        "path": _path("folder that holds the migrations"),
        "framework": {"enum": MIGRATION_FRAMEWORKS, "default": MigrationEntry.framework},
        "scope": {"enum": SCOPES, "default": MigrationEntry.scope},
        "since": {
            "type": ["string", "integer"],
            "description": "versions at or before this are exempt",
        },
        "reversal": {
            "enum": REVERSALS,
            "description": "down: rollbacks may run down steps (RG200-RG202 apply); "
            "forward-only: only the application is rolled back. Default: forward-only for "
            "Prisma and Flyway folders without any down file, else down",
        },
    },
    ["path"],
)

_FLAG = _obj(
    {
        "key": _str("the flag key"),
        "guards": _globs("changed code under these globs must reference the key"),
        "max_age_days": {"type": "integer", "minimum": 1},
    },
    ["key"],
)

_FLAGS = _obj(
    {
        "provider": {"enum": FLAG_PROVIDERS},
        "definitions": _path("local flag definitions file"),
        "environment": _str("environment whose defaults are checked"),
        "flags": {"type": "array", "items": _FLAG},
        "api": _api("the provider's API, used with --online"),
    },
    ["provider"],
)

_HEALTH = _obj(
    {
        "url": _url("health endpoint"),
        "expect_status": {
            "type": "integer",
            "minimum": 100,
            "maximum": 599,
            "default": HealthCheck.expect_status,
        },
        "timeout_s": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 300,
            "default": HealthCheck.timeout_s,
        },
    },
    ["url"],
)

_MONITORING = _obj(
    {
        "alerts": _globs("Prometheus rule files or PrometheusRule manifests"),
        "dashboards": _globs("Grafana dashboard JSON files"),
        "health_check": _HEALTH,
        "prometheus": _api("Prometheus HTTP API, used with --online"),
        "grafana": _api("Grafana HTTP API, used with --online"),
    },
)

_WAIVER = _obj(
    {
        "rule": _RULE,
        "path": _glob("only findings in files matching this glob"),
        "reason": _str("why the risk is accepted"),
        "owner": _str("who owns the risk (a team or person)"),
        "expires": {
            "type": "string",
            "format": "date",
            "x-rg": "date",
            "description": "YYYY-MM-DD",
        },
    },
    ["rule", "reason", "owner", "expires"],
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "rollback-gate deploy-readiness.yml",
    **_obj(
        {
            "version": {"const": 1, "description": "format version; only 1 exists"},
            "service": _str("service name, used in messages and to match alert rules"),
            "policy": _POLICY,
            "rollback": _ROLLBACK,
            "migrations": {"type": "array", "items": _MIGRATION},
            "feature_flags": _FLAGS,
            "monitoring": _MONITORING,
            "waivers": {"type": "array", "items": _WAIVER},
        },
        ["version"],
    ),
}
