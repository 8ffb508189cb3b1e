"""``rollback-gate drill``: rehearse the rollback and record the evidence.

This is one of the two commands that execute code from the repository (``verify`` is the
other): it runs the configured ``rollback.dry_run`` command. The command is split with shlex
and run without a shell unless the user wrote one (``bash -c '…'``); it has a timeout; a
hang is killed and recorded as failed. Output is passed line by line to a callback so the
CLI can stream it. For a ``helm`` or ``kubectl`` strategy the record also lists the image
references the declared manifests name (``images``), so the evidence shows what a rollback
returns to; the signature covers them like every other field. SIGINT, SIGTERM (what CI
sends when a job is cancelled) and SIGHUP kill the command's whole process group and record
the drill as failed, ``interrupted``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rollback_gate import evidence
from rollback_gate.config.model import Config
from rollback_gate.errors import EnvironmentProblem, UsageError


@dataclass(frozen=True)
class DrillResult:
    record: dict[str, Any]
    evidence_file: Path
    timed_out: bool
    interrupted: str | None = None  # the signal's name (SIGTERM…) when the drill was stopped


def run(
    config: Config,
    root: Path,
    *,
    head: str | None,
    on_output: Callable[[str], None] = lambda line: None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
) -> DrillResult:
    """Run the dry-run command, append a signed (if keyed) record, return it."""
    rb = config.rollback
    if rb is None or not rb.dry_run:
        raise UsageError(f"{config.path}: rollback.dry_run is not set; nothing to drill")
    if not rb.script:
        raise UsageError(
            f"{config.path}: rollback.script is not set; a drill record is bound "
            "to the script's content"
        )
    script = root / rb.script
    if script.is_symlink() or not script.is_file():
        raise UsageError(f"{rb.script}: the rollback script is missing (or a symlink)")
    digest = evidence.sha256_bytes(script.read_bytes())
    try:
        argv = shlex.split(rb.dry_run)
    except ValueError as exc:  # unbalanced quotes
        raise UsageError(
            f"{config.path}:{config.line_of('rollback.dry_run') or 1}: rollback.dry_run: "
            f"cannot split {rb.dry_run!r} into a command: {exc}"
        ) from None
    if not argv:
        raise UsageError(f"{config.path}: rollback.dry_run is empty; nothing to drill")
    if not evidence.runs_script(rb.dry_run, rb.script):
        raise UsageError(
            f"{config.path}:{config.line_of('rollback.dry_run') or 1}: rollback.dry_run "
            f"{rb.dry_run!r} does not run rollback.script ({rb.script}); a drill must rehearse "
            f"the script it vouches for, e.g. `{rb.script} --dry-run`"
        )
    if argv and "/" in argv[0] and not os.path.isabs(argv[0]):
        argv[0] = str(root / argv[0])
    started = now()
    t0 = time.monotonic()
    with _signals_interrupt() as stops:
        code, timed_out, interrupted = _execute(argv, root, rb.drill_timeout_s, on_output, stops)
    duration = round(time.monotonic() - t0, 3)
    body: dict[str, Any] = {
        "format": evidence.FORMAT_ID,
        "kind": "script",
        "at": started.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "commit": head,
        "subject": rb.script,
        "subject_sha256": digest,
        "command": rb.dry_run,
        "exit_code": code,
        "duration_s": duration,
        "result": "passed" if code == 0 and not (timed_out or interrupted) else "failed",
    }
    if interrupted:
        body["interrupted"] = interrupted
    if rb.strategy in IMAGE_STRATEGIES and rb.manifests:
        body["images"] = _images(root, rb.manifests, rb.script)
    record = evidence.sign(body)
    target = root / rb.evidence.file
    try:
        evidence.append(target, record)
    except OSError as exc:
        raise EnvironmentProblem(
            f"drill {record['result']}, but its record could not be written to "
            f"{rb.evidence.file}: {exc.strerror or exc}"
        ) from None
    return DrillResult(record, target, timed_out, interrupted)


_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.name = signal.Signals(signum).name


class _Stops:
    """The stop signals that come while the drill runs. One is raised as
    :class:`_Interrupted` only while :func:`_execute` is armed to catch it (from its
    ``try`` on); one that comes before (while the command starts) or after (while it is
    cleaned up) is kept and reported the same way, never raised where nothing catches it
    (a SIGHUP right after the start was an internal error: CI, session 20)."""

    def __init__(self) -> None:
        self.armed = False
        self.pending: int | None = None

    def handler(self, signum: int, _frame: object) -> None:
        if self.armed:
            self.armed = False  # (a second one while the first is handled is kept)
            raise _Interrupted(signum)
        self.pending = self.pending or signum

    def arm(self) -> None:
        """From here a stop signal raises; one that came before raises now."""
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise _Interrupted(signum)
        self.armed = True


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[_Stops]:
    """While the command runs, a stop signal interrupts it (see :class:`_Stops`; main
    thread only: Python delivers signals there)."""
    stops = _Stops()
    if threading.current_thread() is not threading.main_thread():
        yield stops
        return
    previous = {s: signal.signal(s, stops.handler) for s in _SIGNALS}
    try:
        yield stops
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


IMAGE_STRATEGIES = ("helm", "kubectl")
"""Strategies that roll back to a spec: the record lists the images that spec names."""


def _images(root: Path, globs: tuple[str, ...], script: str) -> list[str]:
    """The image references in the declared manifests (read, never rendered)."""
    from rollback_gate.deploy.images import inspect
    from rollback_gate.tree import Tree

    return inspect(Tree(root, use_git=(root / ".git").exists()), globs, script).references()


_DRAIN_S = 2.0
"""After the command exits, how long its leftover background processes may keep writing."""


def _execute(
    argv: list[str],
    cwd: Path,
    timeout: int,
    on_output: Callable[[str], None],
    stops: _Stops | None = None,
) -> tuple[int, bool, str | None]:
    """(exit code, timed out, name of the signal that interrupted the drill or None)."""
    stops = stops or _Stops()
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        on_output(f"cannot start {argv[0]}: {exc.strerror}")
        return 127, False, None
    assert proc.stdout is not None
    # Output is read on a thread so that the verdict depends on the command itself: a
    # background process it leaves behind (``kubectl port-forward &``) keeps the pipe
    # open, and waiting for end-of-output would turn a passing drill into a timeout.
    reader = threading.Thread(target=_pump, args=(proc.stdout, on_output), daemon=True)
    timed_out = False
    interrupted: str | None = None
    try:
        stops.arm()
        reader.start()
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(proc)
            code = proc.wait()
        reader.join(_DRAIN_S)
        stops.armed = False
    except _Interrupted as stop:  # wherever it lands while the command runs
        stops.armed = False
        interrupted = stop.name
        _kill(proc)
        code = proc.wait()
    finally:
        stops.armed = False
        if proc.poll() is None:  # anything else: never leave the drill running
            _kill(proc)
    if interrupted is None and stops.pending is not None:  # (came as the command ended)
        interrupted = signal.Signals(stops.pending).name
    if reader.is_alive():
        _kill(proc)  # the leftovers of the command's session
        reader.join(_DRAIN_S)
    if timed_out:
        on_output(f"drill timed out after {timeout} s and was killed")
    if interrupted:
        on_output(f"drill interrupted by {interrupted}; its process group was killed")
    return code, timed_out, interrupted


def _pump(stream: IO[bytes], on_output: Callable[[str], None]) -> None:
    for raw in stream:
        on_output(raw.decode("utf-8", "replace").rstrip("\n"))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the command's whole session (it was started as a process group leader)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        if proc.poll() is None:
            proc.kill()
