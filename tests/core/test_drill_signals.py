"""A cancelled drill (SIGTERM from CI, SIGHUP, SIGINT) kills its process group and is
recorded as interrupted: a real ``rollback-gate drill`` process and a real signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

SCRIPT = "scripts/rollback.sh"
HANGS = '#!/bin/sh\necho $$ > "$1"\nsleep 60 &\necho $! >> "$1"\nwait\n'
CONFIG = (
    "version: 1\nservice: api\nrollback:\n  strategy: script\n  script: scripts/rollback.sh\n"
    "  dry_run: scripts/rollback.sh {pids}\n  drill_timeout_s: 120\n"
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_kills_the_group_and_records_an_interrupted_drill(
    git_repo: Any, tmp_path: Path, signum: int
) -> None:
    pids = tmp_path / "pids"
    git_repo.commit(
        "init",
        {"deploy-readiness.yml": CONFIG.format(pids=pids), SCRIPT: HANGS},
        executable=(SCRIPT,),
    )
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rollback_gate", "drill", "--repo", str(git_repo.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 30
    while (
        time.monotonic() < deadline and len(pids.read_text().split() if pids.exists() else []) < 2
    ):
        time.sleep(0.05)
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2 and all(_alive(p) for p in started)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1, err
    assert "interrupted by " + signal.Signals(signum).name in out
    time.sleep(0.2)
    assert not any(_alive(p) for p in started)  # the script and its background child
    records = [
        json.loads(line)
        for line in (git_repo.root / ".rollback-gate/drills.jsonl").read_text().splitlines()
    ]
    assert len(records) == 1
    assert records[0]["result"] == "failed"
    assert records[0]["interrupted"] == signal.Signals(signum).name


def test_a_signal_while_the_command_starts_stops_it_all_the_same(tmp_path: Path) -> None:
    """A SIGHUP right after the command started, before the drill watched it, was raised
    where nothing caught it: an internal error (exit 4) in CI, session 20. It is kept
    until the drill watches the command, then stops it as any other."""
    from rollback_gate import drill

    stops = drill._Stops()
    stops.handler(signal.SIGHUP, None)  # (not armed yet: kept, not raised)
    started = time.monotonic()
    code, timed_out, interrupted = drill._execute(
        ["sleep", "30"], tmp_path, 60, lambda _: None, stops
    )
    assert (interrupted, timed_out) == ("SIGHUP", False)
    assert code != 0 and time.monotonic() - started < 10
