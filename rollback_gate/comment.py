"""The sticky pull-request comment: one comment per gate, updated in place on every push.

The gate's comment is found by a hidden marker at the start of its body, paging through
all comments of the pull request (``Link: rel="next"``); it is updated in place, or created.
The marker also records the last verdict, so that when the gate passes after failing the
comment says so instead of silently turning green. Bodies stay under GitHub's 65,536
characters (``markdown.render_comment``).

Only a comment written by the token's own identity is adopted: a marker in anyone else's
comment (a reviewer quoting it, a contributor planting one) is ignored. The identity is
``GET /user`` when the token may ask (a personal or GitHub App user token); the workflow's
``GITHUB_TOKEN`` may not (403), and its comments are written by ``github-actions[bot]``
(type ``Bot``), which is then the only author accepted. A GitHub App installation token
writes as ``<slug>[bot]``: name it with ``ROLLBACK_GATE_COMMENT_AUTHOR``.

A pull request from a fork gets a read-only token: GitHub answers 403. That is not an
error of the gate; :func:`upsert` returns a ``degraded`` outcome with one line of
explanation, and the verdict stays in the annotations and the job summary. Rate limits
(403/429 with ``Retry-After`` or ``x-ratelimit-remaining: 0``) are waited out within a
bound. The token comes from the environment only and is never printed; every call has a
timeout, and TLS verification stays on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rollback_gate import lazyre
from rollback_gate.formats import markdown
from rollback_gate.models import Report

if TYPE_CHECKING:
    import requests

MODES = ("off", "on-failure", "always")
TIMEOUT = (10.0, 30.0)  # connect, read (seconds)
MAX_WAIT_S = 90.0  # total time spent waiting out rate limits
FORK_PATTERN = "examples/workflows/rollback-gate-comment.yml"
ACTIONS_BOT = "github-actions[bot]"
AUTHOR_ENV = "ROLLBACK_GATE_COMMENT_AUTHOR"
_MARKER = lazyre.compile(r"^<!-- rollback-gate:comment key=(\S+) state=(pass|fail) -->")


class CommentError(Exception):
    """The comment could not be read or written (network, API or rate limit)."""


class ReadOnlyToken(CommentError):
    """GitHub refused the write (403): typically a pull request from a fork."""


def _safe_key(key: str) -> str:
    return re.sub(r"[^\w.@/-]", "_", key) or "default"


def marker(key: str, passed: bool) -> str:
    """The hidden first line of the gate's comment (``key`` tells gates in one repo apart)."""
    return (
        f"<!-- rollback-gate:comment key={_safe_key(key)} state={'pass' if passed else 'fail'} -->"
    )


def body(report: Report, key: str, *, fixed: bool = False) -> str:
    """The comment body for ``report``: marker, optional "fixed" line, capped document."""
    preface = marker(key, report.passed)
    if fixed:
        preface += (
            "\n\n> [!NOTE]\n> Fixed: the gate passes now; it failed on an earlier commit "
            "of this pull request."
        )
    return markdown.render_comment(report, preface=preface)


def _rate_limit_wait(resp: requests.Response, now: float) -> float | None:
    """Seconds to wait when ``resp`` is a rate-limit answer, else None."""
    headers = resp.headers
    if resp.status_code not in (403, 429):
        return None
    retry_after = headers.get("retry-after")
    if retry_after is not None and retry_after.strip().isdigit():
        return float(retry_after.strip())
    if headers.get("x-ratelimit-remaining") == "0":
        reset = headers.get("x-ratelimit-reset", "")
        return max(1.0, float(reset) - now + 1) if reset.isdigit() else 60.0
    return 60.0 if resp.status_code == 429 else None


class GitHub:
    """A minimal GitHub REST client for issue comments."""

    def __init__(
        self,
        api_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        max_wait: float = MAX_WAIT_S,
    ) -> None:
        from rollback_gate import http  # the one HTTP module: TLS verified, one session

        self.api_url = api_url.rstrip("/")
        self._session = session or http.session()
        # Sent with each request to the API only, never stored on the shared session.
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": http.USER_AGENT,
        }
        self._sleep, self._clock, self._max_wait = sleep, clock, max_wait
        self._login: tuple[str | None] | None = None  # cached answer of GET /user

    def request(self, method: str, url: str, payload: Any = None) -> requests.Response:
        """One API call, waiting out rate limits within ``max_wait`` seconds."""
        import requests

        if not url.startswith(self.api_url + "/"):
            # A Link header pointing elsewhere must never receive the token.
            raise CommentError(f"refusing to send the token to {url.split('?')[0]}")
        waited = 0.0
        while True:
            try:
                resp = self._session.request(
                    method, url, json=payload, headers=self._headers, timeout=TIMEOUT
                )
            except requests.RequestException as exc:
                raise CommentError(f"{method} {url.split('?')[0]}: {type(exc).__name__}") from None
            wait = _rate_limit_wait(resp, self._clock())
            if wait is None:
                return resp
            if waited + wait > self._max_wait:
                raise CommentError(
                    f"GitHub rate limit: retry in {int(wait)} s exceeds the {int(self._max_wait)}"
                    " s budget; the comment was not updated"
                )
            self._sleep(wait)
            waited += wait

    def _check(self, resp: requests.Response, what: str) -> requests.Response:
        if resp.status_code == 403:
            raise ReadOnlyToken(f"{what}: 403 {_api_message(resp)}")
        if resp.status_code >= 400:
            raise CommentError(f"{what}: HTTP {resp.status_code} {_api_message(resp)}")
        return resp

    def login(self) -> str | None:
        """The login the token writes as (``GET /user``); None when GitHub does not say
        (the workflow's ``GITHUB_TOKEN`` gets 403 there)."""
        if self._login is None:
            resp = self.request("GET", f"{self.api_url}/user")
            try:
                data = resp.json() if resp.status_code == 200 else {}
            except ValueError:
                data = {}
            login = data.get("login") if isinstance(data, dict) else None
            self._login = (login if isinstance(login, str) and login else None,)
        return self._login[0]

    def comments(self, repo: str, number: int) -> Iterator[dict[str, Any]]:
        """Every comment of issue/PR ``number``, following the ``Link`` header."""
        url: str | None = f"{self.api_url}/repos/{repo}/issues/{number}/comments?per_page=100"
        while url:
            resp = self._check(self.request("GET", url), "listing comments")
            page = resp.json()
            if not isinstance(page, list):
                raise CommentError("listing comments: unexpected response")
            yield from (c for c in page if isinstance(c, dict))
            url = resp.links.get("next", {}).get("url")

    def create(self, repo: str, number: int, text: str) -> dict[str, Any]:
        url = f"{self.api_url}/repos/{repo}/issues/{number}/comments"
        data: dict[str, Any] = self._check(
            self.request("POST", url, {"body": text}), "creating the comment"
        ).json()
        return data

    def update(self, repo: str, comment_id: int, text: str) -> dict[str, Any]:
        url = f"{self.api_url}/repos/{repo}/issues/comments/{comment_id}"
        data: dict[str, Any] = self._check(
            self.request("PATCH", url, {"body": text}), "updating the comment"
        ).json()
        return data

    def pull_head_sha(self, repo: str, number: int) -> str | None:
        resp = self._check(self.request("GET", f"{self.api_url}/repos/{repo}/pulls/{number}"), "")
        head = resp.json().get("head") or {}
        sha = head.get("sha")
        return sha if isinstance(sha, str) else None


def _api_message(resp: requests.Response) -> str:
    try:
        message = resp.json().get("message", "")
    except ValueError:
        message = ""
    return str(message)[:200]


@dataclass(frozen=True)
class Outcome:
    """What happened: created, updated, skipped or degraded, with one line for the log."""

    action: str
    message: str
    url: str | None = None


def find(
    gh: GitHub, repo: str, number: int, key: str, author: str | None = None
) -> tuple[dict[str, Any], bool] | None:
    """The gate's existing comment for ``key`` and whether it last said "pass".

    Only comments by ``author`` (else the token's login, else ``github-actions[bot]``)
    count: the marker alone proves nothing, anyone can write it.
    """
    for comment in gh.comments(repo, number):
        m = _MARKER.match(str(comment.get("body") or ""))
        if m and m.group(1) == _safe_key(key) and _written_by_us(gh, comment, author):
            return comment, m.group(2) == "pass"
    return None


def _written_by_us(gh: GitHub, comment: dict[str, Any], author: str | None) -> bool:
    user = comment.get("user")
    user = user if isinstance(user, dict) else {}
    name = user.get("login")
    if author:
        return bool(name == author)
    login = gh.login()
    if login:
        return bool(name == login)
    return name == ACTIONS_BOT and user.get("type") == "Bot"


def upsert(
    gh: GitHub,
    repo: str,
    number: int,
    report: Report,
    *,
    mode: str,
    key: str,
    author: str | None = None,
) -> Outcome:
    """Create or update the sticky comment according to ``mode`` (off|on-failure|always).

    ``author``: the login whose comment may be updated (see :func:`find`).
    """
    if mode not in MODES:
        raise ValueError(f"comment mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off":
        return Outcome("skipped", "PR comment: off")
    try:
        existing = find(gh, repo, number, key, author)
        if existing is None:
            if report.passed and mode == "on-failure":
                return Outcome("skipped", "PR comment: not needed, the gate passed")
            made = gh.create(repo, number, body(report, key))
            return Outcome(
                "created", f"PR comment created: {made.get('html_url')}", made.get("html_url")
            )
        comment, was_passing = existing
        fixed = report.passed and not was_passing
        text = body(report, key, fixed=fixed)
        if text == comment.get("body"):
            return Outcome("unchanged", "PR comment already up to date", comment.get("html_url"))
        made = gh.update(repo, int(comment["id"]), text)
        return Outcome(
            "updated", f"PR comment updated: {made.get('html_url')}", made.get("html_url")
        )
    except ReadOnlyToken:
        return Outcome(
            "degraded",
            "PR comment not posted: the token is read-only here (pull requests from forks get"
            " one); the verdict is in the annotations and the job summary, and "
            f"{FORK_PATTERN} shows how to comment safely on fork pull requests.",
        )


def main(argv: list[str] | None = None, env: dict[str, str] | None = None) -> int:
    """``python -m rollback_gate.comment``: the comment job of the fork-safe pattern.

    Runs in a trusted ``workflow_run`` job on the JSON report that the untrusted
    ``pull_request`` job uploaded. The PR number comes from the artifact, so it is checked:
    the pull request's head must be the commit the triggering run tested.
    """
    import argparse
    import json
    import os
    from pathlib import Path

    from rollback_gate.errors import EXIT_ENVIRONMENT, EXIT_USAGE, UsageError
    from rollback_gate.formats.readback import load_report

    env = dict(os.environ) if env is None else env
    parser = argparse.ArgumentParser(prog="python -m rollback_gate.comment")
    parser.add_argument("--report", type=Path, required=True, help="JSON report (--format json)")
    parser.add_argument("--pr", type=int, required=True, help="pull request number")
    parser.add_argument("--mode", choices=MODES, default="on-failure")
    parser.add_argument("--key", help="tells several gates in one repository apart")
    args = parser.parse_args(argv)
    token = env.get("GITHUB_TOKEN", "")
    repo = env.get("GITHUB_REPOSITORY", "")
    if not token or not repo:
        print("rollback-gate comment: GITHUB_TOKEN and GITHUB_REPOSITORY must be set")
        return EXIT_USAGE
    try:
        report = load_report(args.report)
        gh = GitHub(env.get("GITHUB_API_URL", "https://api.github.com"), token)
        try:
            with open(env.get("GITHUB_EVENT_PATH", ""), encoding="utf-8") as fh:
                run = (json.load(fh) or {}).get("workflow_run") or {}
        except (OSError, ValueError):
            run = {}
        tested = run.get("head_sha") if isinstance(run, dict) else None
        if tested and gh.pull_head_sha(repo, args.pr) != tested:
            print(f"rollback-gate comment: PR #{args.pr} is not at {tested}; not commenting")
            return EXIT_USAGE
        key = args.key or report.service or "default"
        outcome = upsert(
            gh, repo, args.pr, report, mode=args.mode, key=key, author=env.get(AUTHOR_ENV)
        )
    except UsageError as exc:
        print(f"rollback-gate comment: {exc}")
        return EXIT_USAGE
    except CommentError as exc:
        print(f"rollback-gate comment: {exc}")
        return EXIT_ENVIRONMENT
    print(outcome.message)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
