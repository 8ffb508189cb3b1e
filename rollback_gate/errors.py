"""Exceptions that end a run, each with its documented exit code (SPEC.md).

The library raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_NO_CONFIG = 3
EXIT_ENVIRONMENT = 4


class GateError(Exception):
    """Base class: a run that cannot produce a verdict."""

    exit_code = EXIT_ENVIRONMENT


class UsageError(GateError):
    """Bad command-line usage or a configuration error (exit 2)."""

    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """deploy-readiness.yml is invalid; ``problems`` holds every rendered error line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ConfigNotFound(GateError):
    """No deploy-readiness.yml where the gate looked (exit 3)."""

    exit_code = EXIT_NO_CONFIG


class EnvironmentProblem(GateError):
    """git missing, base unresolvable, an online call failed … (exit 4, fail closed)."""

    exit_code = EXIT_ENVIRONMENT
