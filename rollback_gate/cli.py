"""The command line: the only place that reads argv, prints and chooses the exit code.

Each command turns its options into plain arguments and calls the library. Every failure
ends in one clear line on stderr and the documented exit code (SPEC.md): 2 usage or config,
3 no config, 4 environment or internal error. The gate fails closed: an unexpected
exception is exit 4, never 0. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from rollback_gate import __version__
from rollback_gate.errors import (
    EXIT_ENVIRONMENT,
    EXIT_FAIL,
    EXIT_PASS,
    ConfigError,
    ConfigNotFound,
    GateError,
    UsageError,
)
from rollback_gate.formats import FORMATS
from rollback_gate.models import Severity
from rollback_gate.safetext import printable, printable_lines

F = TypeVar("F", bound=Callable[..., Any])
SEVERITIES = [s.value for s in Severity]


def _fail_closed(func: F) -> F:
    """Turn library errors into their exit codes and anything unexpected into exit 4."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GateError as exc:
            click.echo(f"rollback-gate: {_message(exc)}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("rollback-gate: interrupted", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except Exception as exc:  # fail closed, in one line, never a traceback
            if os.environ.get("ROLLBACK_GATE_DEBUG"):
                raise
            click.echo(
                f"rollback-gate: internal error: {type(exc).__name__}: {printable(str(exc))} "
                "(set ROLLBACK_GATE_DEBUG=1 for the traceback)",
                err=True,
            )
            sys.exit(EXIT_ENVIRONMENT)

    return wrapper  # type: ignore[return-value]


def _message(exc: GateError) -> str:
    """The error's text with repository data made inert (no control characters, and no
    raw newline to start a line of its own); our own line breaks are kept."""
    if isinstance(exc, ConfigError):
        return "\n".join(printable(p) for p in exc.problems)
    if isinstance(exc, ConfigNotFound):
        return printable_lines(str(exc))
    return printable(str(exc))


def _parse_formats(values: tuple[str, ...]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for value in values or ("text",):
        name, _, path = value.partition(":")
        if name not in FORMATS:
            raise UsageError(
                f"--format {value}: unknown format {name!r}; choose from " + ", ".join(FORMATS)
            )
        out.append((name, path or None))
    if sum(1 for _, p in out if p is None) > 1:
        raise UsageError("only one --format may go to standard output; give the others :PATH")
    return out


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _emit(report: Any, formats: list[tuple[str, str | None]]) -> None:
    from rollback_gate.formats import render

    for name, path in formats:
        text = render(name, report, color=path is None and name == "text" and _color())
        if path is None:
            click.echo(text, nl=False)
        else:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                Path(path).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"--format {name}:{path}: cannot write: {exc.strerror}") from None
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and "markdown" in FORMATS:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(render("markdown", report))
        except OSError:
            click.echo("rollback-gate: could not append to GITHUB_STEP_SUMMARY", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="rollback-gate")
def main() -> None:
    """rollback-gate: no release ships that cannot be rolled back.

    Reads deploy-readiness.yml and checks the rollback checklist: plan, tested,
    migrations, flags, monitoring. Exit codes: 0 pass, 1 gate failed, 2 usage or config
    error, 3 no config found, 4 environment or internal error.

    \b
    Examples:
      rollback-gate check                       # before a release, in the repo
      rollback-gate check --base origin/main --format sarif:gate.sarif
      rollback-gate init --write                # start a config
      rollback-gate explain RG201
    """


_FORMAT_HELP = "Output format, optionally to a file: " + ", ".join(FORMATS) + " (repeatable)."


def _gate_options(func: F) -> F:
    """The options ``check`` and ``verify migrations`` share, in one place."""
    options = [
        click.option(
            "--repo",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            default=Path("."),
            show_default=True,
            help="Repository to check.",
        ),
        click.option("--config", "config", help="Config file (default: discovered in the repo)."),
        click.option(
            "--base",
            help="Base ref or SHA to diff against (default: from CI or the default branch).",
        ),
        click.option(
            "--format", "formats", multiple=True, metavar="NAME[:PATH]", help=_FORMAT_HELP
        ),
        click.option("--fail-on", type=click.Choice(SEVERITIES), help="Override policy.fail_on."),
        click.option("--no-waivers", is_flag=True, help="Audit mode: ignore every waiver."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@_gate_options
@click.option(
    "--online",
    is_flag=True,
    help="Also query flag services, health checks, Prometheus and Grafana.",
)
@click.option(
    "--evidence",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Drill evidence file to use (e.g. another job's artifact).",
)
@_fail_closed
def check(
    repo: Path,
    config: str | None,
    base: str | None,
    formats: tuple[str, ...],
    fail_on: str | None,
    online: bool,
    evidence: Path | None,
    no_waivers: bool,
) -> None:
    """Run the gate: exit 0 when the release can be rolled back, 1 when it cannot.

    \b
    Examples:
      rollback-gate check
      rollback-gate check --repo services/api --format json:gate.json --format text
      rollback-gate check --fail-on P2 --no-waivers
    """
    from rollback_gate.gate import CheckOptions, run_check
    from rollback_gate.repo import ci_env

    chosen = _parse_formats(formats)
    report = run_check(
        CheckOptions(
            repo=repo,
            config=config,
            base=base,
            online=online,
            evidence=evidence,
            no_waivers=no_waivers,
            fail_on=Severity(fail_on) if fail_on else None,
            env=ci_env(),
        )
    )
    _emit(report, chosen)
    sys.exit(EXIT_PASS if report.passed else EXIT_FAIL)


@main.command()
@click.option(
    "--config", "config", help="Config file (default: discovered in the current directory)."
)
@_fail_closed
def validate(config: str | None) -> None:
    """Validate deploy-readiness.yml only: offline, no git needed.

    \b
    Example:
      rollback-gate validate --config deploy-readiness.yml
    """
    from rollback_gate.config import loader

    root = Path.cwd()
    path = loader.discover(root, config)
    loaded = loader.load(path, root if path.resolve().is_relative_to(root.resolve()) else None)
    click.echo(f"{loaded.path}: valid (version {loaded.version})")


@main.command()
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
)
@click.option("--write", is_flag=True, help="Write deploy-readiness.yml (never overwrites).")
@_fail_closed
def init(repo: Path, write: bool) -> None:
    """Detect what the repository has and print (or write) a starter config.

    \b
    Examples:
      rollback-gate init                 # print it
      rollback-gate init --write         # write deploy-readiness.yml
    """
    from rollback_gate.config.loader import CANDIDATES
    from rollback_gate.scaffold import starter_config

    text = starter_config(repo)
    if not write:
        click.echo(text, nl=False)
        return
    target = repo / "deploy-readiness.yml"
    # Any discoverable config counts: a second one would silently shadow (or be shadowed).
    for existing in (repo / name for name in CANDIDATES):
        if existing.exists():
            raise UsageError(f"{existing} already exists; not overwriting it")
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}; review it, then run `rollback-gate check`")


@main.command()
@_fail_closed
def rules() -> None:
    """List the rule catalog (id, name, item, default severity)."""
    from rollback_gate.catalog import rules_table

    click.echo(rules_table(), nl=False)


@main.command()
@click.argument("rule")
@_fail_closed
def explain(rule: str) -> None:
    """Explain one rule: why it matters, how to fix it, an example.

    \b
    Example:
      rollback-gate explain RG201
      rollback-gate explain migration-noop-reversal
    """
    from rollback_gate.catalog import explain_rule

    click.echo(explain_rule(rule), nl=False)


@main.command()
@_fail_closed
def schema() -> None:
    """Print the JSON Schema of deploy-readiness.yml (for editors).

    \b
    Use it with the YAML language server:
      # yaml-language-server: $schema=./deploy-readiness.schema.json
    """
    import json

    from rollback_gate.config.schema import SCHEMA

    click.echo(json.dumps(SCHEMA, indent=2))


@main.command()
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
)
@click.option("--config", "config", help="Config file (default: discovered in the repo).")
@_fail_closed
def drill(repo: Path, config: str | None) -> None:
    """Run the rollback dry-run (rollback.dry_run) and record the evidence.

    This EXECUTES the configured dry-run command. The record is bound to the SHA-256 of
    the rollback script and signed when ROLLBACK_GATE_DRILL_KEY is set.

    \b
    Example:
      rollback-gate drill && git add .rollback-gate/drills.jsonl
    """
    import time

    from rollback_gate import drill as drills
    from rollback_gate.config import loader
    from rollback_gate.repo import open_repo

    git = open_repo(repo)
    root = repo.resolve()
    cfg = loader.load(loader.discover(root, config), root)
    t0 = time.monotonic()
    click.echo(f"drill: running `{cfg.rollback.dry_run if cfg.rollback else ''}`", err=True)
    result = drills.run(
        cfg,
        root,
        head=git.head() if git else None,
        on_output=lambda line: click.echo(
            f"[{time.monotonic() - t0:7.1f}s] {printable(line)}", err=True
        ),
    )
    record = result.record
    why = f" (interrupted by {result.interrupted})" if result.interrupted else ""
    click.echo(
        f"drill {record['result']}{why}: exit {record['exit_code']} in "
        f"{record['duration_s']} s; recorded in {result.evidence_file}"
    )
    sys.exit(EXIT_PASS if record["result"] == "passed" else EXIT_FAIL)


@main.group()
def verify() -> None:
    """Prove reversals on a real database (executes migrations on a throwaway database)."""


@verify.command("migrations")
@_gate_options
@click.option(
    "--database",
    default="sqlite:///",
    show_default=True,
    metavar="URL",
    envvar="ROLLBACK_GATE_VERIFY_DATABASE",
    help="Throwaway database: sqlite:///[FILE] or postgresql://… on this machine.",
)
@click.option("--allow-remote", is_flag=True, help="Allow a database not on this machine.")
@click.option("--reuse", is_flag=True, help="Allow a database that already has tables.")
@click.option("--no-record", is_flag=True, help="Do not append the round-trip record.")
@_fail_closed
def verify_migrations(
    repo: Path,
    config: str | None,
    base: str | None,
    database: str,
    allow_remote: bool,
    reuse: bool,
    formats: tuple[str, ...],
    fail_on: str | None,
    no_waivers: bool,
    no_record: bool,
) -> None:
    """Run new migrations up, down and up again on a throwaway database; compare schemas.

    This EXECUTES the migrations added since the base, on --database (default: a
    temporary SQLite file). It refuses remote databases and databases that already
    have tables unless told otherwise.

    \b
    Examples:
      rollback-gate verify migrations
      rollback-gate verify migrations --database postgresql://localhost/scratch
    """
    from rollback_gate.repo import ci_env
    from rollback_gate.verify import VerifyOptions, run_verify

    chosen = _parse_formats(formats)
    click.echo("verify: executing migrations on a throwaway database", err=True)
    result = run_verify(
        VerifyOptions(
            repo=repo,
            config=config,
            base=base,
            database=database,
            allow_remote=allow_remote,
            reuse=reuse,
            fail_on=Severity(fail_on) if fail_on else None,
            no_waivers=no_waivers,
            record=not no_record,
            env=ci_env(),
        ),
        on_progress=lambda p: click.echo(printable(p.line), err=True),
    )
    _emit(result.report, chosen)
    sys.exit(EXIT_PASS if result.report.passed else EXIT_FAIL)
