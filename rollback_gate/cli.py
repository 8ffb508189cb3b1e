"""The command line: the only place that reads argv, prints and chooses the exit code.

Each command turns its options into plain arguments and calls the library. Every failure
ends in one clear line on stderr and the documented exit code (SPEC.md): 2 usage or config,
3 no config, 4 environment or internal error. The gate fails closed: an unexpected
exception is exit 4, never 0. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
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
            if os.environ.get("ROLLBACK_GATE_DEBUG") or kwargs.get("verbose"):
                import traceback

                traceback.print_exc()
            click.echo(
                f"rollback-gate: internal error: {type(exc).__name__}: {printable(str(exc))} "
                "(-v or ROLLBACK_GATE_DEBUG=1 for the traceback)",
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
    if all(p is not None for _, p in out) and "text" not in (n for n, _ in out):
        out.append(("text", None))  # reports went to files: the person still sees the verdict
    return out


def _color(mode: str = "auto") -> bool:
    """--color: always/never win; auto follows NO_COLOR, then FORCE_COLOR, then the tty."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    return sys.stdout.isatty()


def _emit(
    report: Any,
    formats: list[tuple[str, str | None]],
    *,
    color: str = "auto",
    quiet: bool = False,
) -> None:
    from rollback_gate.formats import render

    for name, path in formats:
        if path is None and name == "text" and quiet:
            from rollback_gate.formats.text import verdict

            click.echo(verdict(report))  # -q: the verdict line only
            continue
        painted = path is None and name == "text" and _color(color)
        text = render(name, report, color=painted)
        if path is None:
            # color=True: click would strip the escapes when stdout is not a terminal.
            click.echo(text, nl=False, color=True if painted else None)
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
    _tolerant_console()


def _tolerant_console() -> None:
    """Never fail because of the console: characters it cannot show are escaped.

    A cp1252/cp437 console (Windows, or output redirected there) cannot encode ✓ or a
    non-ASCII path; escaping them (\\u2713) keeps the report readable and JSON valid.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or detached stream has nothing to protect.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


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
        click.option(
            "--fail-on",
            type=click.Choice(SEVERITIES, case_sensitive=False),
            help="Override policy.fail_on.",
        ),
        click.option("--no-waivers", is_flag=True, help="Audit mode: ignore every waiver."),
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"], case_sensitive=False),
            default="auto",
            show_default=True,
            help="Colour the text report (auto: on a terminal, unless NO_COLOR is set; "
            "FORCE_COLOR forces it).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="Print the verdict line only."),
        click.option(
            "-v",
            "--verbose",
            is_flag=True,
            help="Say what the gate does (folder, config, base, time) on stderr; tracebacks.",
        ),
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
@click.option(
    "--no-cache",
    is_flag=True,
    help="Analyse every migration afresh: neither read nor write the result cache.",
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
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
    color: str,
    quiet: bool,
    verbose: bool,
    files: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Run the gate: exit 0 when the release can be rolled back, 1 when it cannot.

    FILES (optional, as pre-commit passes them) choose the services to check in a
    monorepo: the gate runs once for each config found upward from their folders.

    \b
    Examples:
      rollback-gate check
      rollback-gate check --repo services/api --format json:gate.json --format text
      rollback-gate check --fail-on P2 --no-waivers
    """
    from rollback_gate import repo as gitrepo

    if not files:
        # git lists the files on another core while Python imports the checks; the run's
        # Tree takes the listing over when it is rooted here (else it is ended below).
        gitrepo.start_early(repo, *gitrepo.LIST_FILES)
    try:
        from rollback_gate.gate import CheckOptions, run_check
        from rollback_gate.repo import ci_env

        chosen = _parse_formats(formats)
        homes = _services_of(files, repo) if files and not config else [repo]
        if not homes:
            click.echo("rollback-gate: no deploy-readiness.yml above the given files", err=True)
        if len(homes) > 1 and any(path for _, path in chosen if path):
            # One file per format cannot hold several services' reports: refuse, not overwrite.
            raise UsageError(
                f"the files belong to {len(homes)} services; --format NAME:PATH writes one "
                "report, so run the gate once per service (--repo DIR) to write report files"
            )
        passed = True
        for home in homes:
            started = time.monotonic()
            report = run_check(
                CheckOptions(
                    repo=home,
                    config=config,
                    base=base,
                    online=online,
                    evidence=evidence,
                    no_waivers=no_waivers,
                    fail_on=Severity(fail_on) if fail_on else None,
                    env=ci_env(),
                    cache=not no_cache,
                )
            )
            if verbose:
                _describe(report, home, time.monotonic() - started)
            _emit(report, chosen, color=color, quiet=quiet)
            passed = passed and report.passed
        sys.exit(EXIT_PASS if passed else EXIT_FAIL)
    finally:
        gitrepo.end_early()


def _describe(report: Any, folder: Path, seconds: float) -> None:
    """-v: what the gate looked at, on stderr (stdout stays the report)."""
    from rollback_gate.wording import counted

    base = report.base[:12] if report.base else "none"
    click.echo(
        f"rollback-gate: {report.command} of {folder} with {report.config or 'no config'}, "
        f"base {base}, {counted(len(report.findings), 'finding')}, {seconds:.2f} s",
        err=True,
    )
    for note in report.notes:
        click.echo(f"rollback-gate: note: {note}", err=True)


def _services_of(files: tuple[Path, ...], repo: Path) -> list[Path]:
    """The folders holding the nearest config above each file (one gate run per service)."""
    from rollback_gate.config.loader import CANDIDATES, config_home
    from rollback_gate.repo import open_repo

    git = open_repo(repo)
    top = git.toplevel if git else repo.resolve()
    homes: set[Path] = set()
    for file in files:
        home = config_home((repo / file).parent, top)
        if any((home / name).is_file() for name in CANDIDATES):
            homes.add(home)
    return sorted(homes)


@main.command()
@click.option(
    "--config", "config", help="Config file (default: discovered from the current directory)."
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_fail_closed
def validate(config: str | None, files: tuple[Path, ...]) -> None:
    """Validate deploy-readiness.yml only: offline, no git needed.

    FILES are config files to validate (as pre-commit passes them); without them the
    config is discovered from the current directory upward to the repository root.

    \b
    Examples:
      rollback-gate validate
      rollback-gate validate services/api/deploy-readiness.yml services/web/deploy-readiness.yml
    """
    from rollback_gate.config import loader
    from rollback_gate.errors import GateError

    if not files:
        cwd = Path.cwd()
        root = cwd if config else _repo_home(cwd)
        path = loader.discover(root, config)
        inside = path.resolve().is_relative_to(root.resolve())
        loaded = loader.load(path, root if inside else None)
        click.echo(f"{loaded.path}: valid (version {loaded.version})")
        return
    worst = EXIT_PASS
    for file in files:
        # The config's service folder: beside it, or above .github/ for the .github names.
        home = file.parent.parent if file.parent.name == ".github" else file.parent
        try:
            loaded = loader.load(file, home, display=file.as_posix())
        except GateError as exc:  # every file is validated; the worst exit code wins
            click.echo(f"rollback-gate: {exc}", err=True)
            worst = max(worst, exc.exit_code)
            continue
        click.echo(f"{file.as_posix()}: valid (version {loaded.version})")
    sys.exit(worst)


def _repo_home(start: Path) -> Path:
    """Where the config of ``start`` lives: searched upward to the repository root."""
    from rollback_gate.config.loader import config_home
    from rollback_gate.repo import open_repo

    git = open_repo(start)
    return config_home(start, git.toplevel) if git else start


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
    from rollback_gate.scaffold import ensure_gitattributes, starter

    made = starter(repo)
    for note in made.notes:  # what was inferred, on stderr: stdout stays the config
        click.echo(f"init: {note}", err=True)
    if not write:
        click.echo(made.text, nl=False)
        return
    target = repo / "deploy-readiness.yml"
    # Any discoverable config counts: a second one would silently shadow (or be shadowed).
    for existing in (repo / name for name in CANDIDATES):
        if existing.exists():
            raise UsageError(f"{existing} already exists; not overwriting it")
    target.write_text(made.text, encoding="utf-8")
    done = ensure_gitattributes(repo)
    if done:
        click.echo(f"init: {done}", err=True)
    click.echo(f"wrote {target}; review it, then run `rollback-gate check`")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"], case_sensitive=False),
    default="text",
    show_default=True,
    help="text: a table; json: every field of every rule, for tools.",
)
@_fail_closed
def rules(fmt: str) -> None:
    """List the rule catalog (id, name, item, default severity).

    \b
    Examples:
      rollback-gate rules
      rollback-gate rules --format json
    """
    from rollback_gate.catalog import rules_json, rules_table

    click.echo(rules_table() if fmt == "text" else rules_json(), nl=False)


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
    if git is not None and not config:
        root = loader.config_home(root, git.toplevel)
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
    color: str,
    quiet: bool,
    verbose: bool,
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
    started = time.monotonic()
    if not quiet:
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
        on_progress=lambda p: None if quiet else click.echo(printable(p.line), err=True),
    )
    if verbose:
        _describe(result.report, repo, time.monotonic() - started)
    _emit(result.report, chosen, color=color, quiet=quiet)
    sys.exit(EXIT_PASS if result.report.passed else EXIT_FAIL)
