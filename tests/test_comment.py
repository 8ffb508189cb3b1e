"""The sticky PR comment against a local HTTP server imitating GitHub's REST API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

sys.path.insert(0, str(Path(__file__).parent / "formats"))
from canonical_report import canonical, many, passing

from rollback_gate import comment
from rollback_gate.formats import json as json_format

REPO = "acme/shop"
TOKEN = "ghs_secretTOKEN123"
COMMENTS = f"/repos/{REPO}/issues/7/comments"
BOT = {"login": "github-actions[bot]", "type": "Bot"}  # who GITHUB_TOKEN writes as


class RecordingSession(requests.Session):
    """A real Session that remembers the keyword arguments of every call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict[str, Any]] = []

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        self.calls.append({"method": method, "url": url, **kwargs})
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def client(httpserver: HTTPServer) -> tuple[comment.GitHub, list[float], RecordingSession]:
    sleeps: list[float] = []
    session = RecordingSession()
    gh = comment.GitHub(
        httpserver.url_for("/").rstrip("/"),
        TOKEN,
        session=session,
        sleep=sleeps.append,
        clock=lambda: 1_000_000.0,
        max_wait=30,
    )
    return gh, sleeps, session


def _other(i: int) -> dict[str, Any]:
    return {"id": i, "body": f"LGTM {i}", "html_url": f"https://x/c/{i}"}


def _recorder(store: list[dict[str, Any]], status: int = 200, reply: Any = None):  # type: ignore[no-untyped-def]
    def handler(request: Request) -> Response:
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        store.append(request.get_json())
        body = reply or {"id": 99, "html_url": "https://github.com/acme/shop/pull/7#c99"}
        return Response(json.dumps(body), status=status, content_type="application/json")

    return handler


def _pages(httpserver: HTTPServer, pages: list[list[dict[str, Any]]]) -> None:
    for n, page in enumerate(pages, start=1):
        query = "per_page=100" if n == 1 else f"per_page=100&page={n}"
        headers = {}
        if n < len(pages):
            nxt = httpserver.url_for(COMMENTS) + f"?per_page=100&page={n + 1}"
            headers["Link"] = f'<{nxt}>; rel="next", <{nxt}>; rel="last"'
        httpserver.expect_request(COMMENTS, method="GET", query_string=query).respond_with_json(
            page, headers=headers
        )


def test_pages_through_all_comments_and_updates_in_place(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    old = {"id": 250, "body": comment.marker("checkout-api", False) + "\nold", "html_url": "u",
           "user": BOT}  # fmt: skip
    _pages(httpserver, [[_other(i) for i in range(100)], [_other(i) for i in range(100, 200)],
                        [_other(200), old]])  # fmt: skip
    patched: list[dict[str, Any]] = []
    edit = httpserver.expect_request(f"/repos/{REPO}/issues/comments/250", method="PATCH")
    edit.respond_with_handler(_recorder(patched))
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="on-failure", key="checkout-api")
    assert outcome.action == "updated"
    assert patched[0]["body"].startswith(comment.marker("checkout-api", False))
    assert "rollback-gate failed" in patched[0]["body"]
    assert not any(r.method == "POST" for r, _ in httpserver.log)


def test_creates_when_missing_and_ignores_other_gates(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, session = client
    other_gate = {"id": 5, "body": comment.marker("billing", False) + "\nx", "html_url": "u"}
    quoted = {"id": 6, "body": "> " + comment.marker("checkout-api", False), "html_url": "u"}
    _pages(httpserver, [[other_gate, quoted]])
    posted: list[dict[str, Any]] = []
    httpserver.expect_request(COMMENTS, method="POST").respond_with_handler(_recorder(posted, 201))
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert outcome.action == "created" and outcome.url and outcome.url.endswith("#c99")
    assert posted[0]["body"].startswith("<!-- rollback-gate:comment key=checkout-api state=fail")
    # every call had a timeout and kept TLS verification on
    assert session.calls and all(c["timeout"] == comment.TIMEOUT for c in session.calls)
    assert all(c.get("verify", True) is not False for c in session.calls)


def test_passing_gate_without_a_comment_stays_silent_on_failure_mode(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    _pages(httpserver, [[_other(1)]])
    outcome = comment.upsert(gh, REPO, 7, passing(), mode="on-failure", key="checkout-api")
    assert outcome.action == "skipped"
    assert [r.method for r, _ in httpserver.log] == ["GET"]


def test_pass_after_fail_updates_the_comment_to_say_so(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    old = {"id": 3, "body": comment.marker("checkout-api", False) + "\nfailed", "html_url": "u",
           "user": BOT}  # fmt: skip
    _pages(httpserver, [[old]])
    patched: list[dict[str, Any]] = []
    edit = httpserver.expect_request(f"/repos/{REPO}/issues/comments/3", method="PATCH")
    edit.respond_with_handler(_recorder(patched))
    outcome = comment.upsert(gh, REPO, 7, passing(), mode="on-failure", key="checkout-api")
    assert outcome.action == "updated"
    body = patched[0]["body"]
    assert body.startswith(comment.marker("checkout-api", True))
    assert "Fixed: the gate passes now" in body and "rollback-gate passed" in body


def test_unchanged_body_is_not_rewritten(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    current = {"id": 3, "body": comment.body(canonical(), "checkout-api"), "html_url": "u",
               "user": BOT}  # fmt: skip
    _pages(httpserver, [[current]])
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert outcome.action == "unchanged"


def test_fork_read_only_token_degrades_with_one_line(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    _pages(httpserver, [[]])
    httpserver.expect_request(COMMENTS, method="POST").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403
    )
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="on-failure", key="checkout-api")
    assert outcome.action == "degraded"
    assert "\n" not in outcome.message and "fork" in outcome.message
    assert comment.FORK_PATTERN in outcome.message and TOKEN not in outcome.message


def test_rate_limit_remaining_zero_waits_for_reset(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, sleeps, _ = client
    httpserver.expect_ordered_request(COMMENTS, method="GET").respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(1_000_000 + 4)},
    )
    httpserver.expect_ordered_request(COMMENTS, method="GET").respond_with_json([])
    httpserver.expect_ordered_request(COMMENTS, method="POST").respond_with_json(
        {"message": "You have exceeded a secondary rate limit"}, status=429,
        headers={"Retry-After": "2"},
    )  # fmt: skip
    httpserver.expect_ordered_request(COMMENTS, method="POST").respond_with_json(
        {"id": 1, "html_url": "h"}, status=201
    )
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert outcome.action == "created"
    assert sleeps == [5.0, 2.0]
    httpserver.check_assertions()


def test_rate_limit_beyond_budget_is_an_error_not_a_hang(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, sleeps, _ = client
    httpserver.expect_request(COMMENTS, method="GET").respond_with_json(
        {"message": "secondary rate limit"}, status=403, headers={"Retry-After": "600"}
    )
    with pytest.raises(comment.CommentError, match="rate limit") as exc:
        comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert sleeps == [] and TOKEN not in str(exc.value)


def test_next_link_to_another_host_never_gets_the_token(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    httpserver.expect_request(COMMENTS, method="GET").respond_with_json(
        [], headers={"Link": '<https://evil.example/steal?page=2>; rel="next"'}
    )
    with pytest.raises(comment.CommentError, match="refusing to send the token"):
        list(gh.comments(REPO, 7))


def test_body_is_capped_at_65536_characters() -> None:
    text = comment.body(many(1500), "checkout-api")
    assert len(text) <= 65_536 and text.startswith("<!-- rollback-gate:comment")


def test_workflow_run_main_refuses_a_pr_at_another_commit(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.json"
    report.write_text(json_format.render(canonical()), encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"workflow_run": {"head_sha": "a" * 40}}), encoding="utf-8")
    env = {
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_API_URL": httpserver.url_for("/").rstrip("/"),
        "GITHUB_EVENT_PATH": str(event),
    }
    httpserver.expect_request(f"/repos/{REPO}/pulls/7").respond_with_json(
        {"head": {"sha": "b" * 40}}
    )
    assert comment.main(["--report", str(report), "--pr", "7"], env) == 2
    assert not any(r.method == "POST" for r, _ in httpserver.log)
    # at the tested commit it comments
    httpserver.clear()
    httpserver.expect_request(f"/repos/{REPO}/pulls/7").respond_with_json(
        {"head": {"sha": "a" * 40}}
    )
    _pages(httpserver, [[]])
    posted: list[dict[str, Any]] = []
    httpserver.expect_request(COMMENTS, method="POST").respond_with_handler(_recorder(posted, 201))
    assert comment.main(["--report", str(report), "--pr", "7"], env) == 0
    assert posted and "RG201" in posted[0]["body"]


def _no_user_endpoint(httpserver: HTTPServer) -> None:
    """GITHUB_TOKEN may not call GET /user: GitHub answers 403."""
    httpserver.expect_request("/user").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403
    )


def test_a_marker_in_someone_elses_comment_is_ignored(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    _no_user_endpoint(httpserver)
    planted = {"id": 8, "body": comment.marker("checkout-api", True) + "\nall good",
               "html_url": "u", "user": {"login": "mallory", "type": "User"}}  # fmt: skip
    fake_bot = {"id": 9, "body": comment.marker("checkout-api", True), "html_url": "u",
                "user": {"login": "github-actions[bot]", "type": "User"}}  # fmt: skip
    _pages(httpserver, [[planted, fake_bot]])
    posted: list[dict[str, Any]] = []
    httpserver.expect_request(COMMENTS, method="POST").respond_with_handler(_recorder(posted, 201))
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert outcome.action == "created"
    assert not any(r.method == "PATCH" for r, _ in httpserver.log)


def test_with_a_user_token_only_its_own_comment_is_adopted(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    httpserver.expect_request("/user").respond_with_json({"login": "release-bot", "type": "User"})
    by_actions = {"id": 4, "body": comment.marker("checkout-api", False), "html_url": "u",
                  "user": BOT}  # fmt: skip
    mine = {"id": 5, "body": comment.marker("checkout-api", False), "html_url": "u",
            "user": {"login": "release-bot", "type": "User"}}  # fmt: skip
    _pages(httpserver, [[by_actions, mine]])
    patched: list[dict[str, Any]] = []
    edit = httpserver.expect_request(f"/repos/{REPO}/issues/comments/5", method="PATCH")
    edit.respond_with_handler(_recorder(patched))
    outcome = comment.upsert(gh, REPO, 7, canonical(), mode="always", key="checkout-api")
    assert outcome.action == "updated" and len(patched) == 1


def test_an_app_token_names_its_bot_login(httpserver, client) -> None:  # type: ignore[no-untyped-def]
    gh, _, _ = client
    by_app = {"id": 6, "body": comment.marker("checkout-api", False), "html_url": "u",
              "user": {"login": "deploy-gate[bot]", "type": "Bot"}}  # fmt: skip
    _pages(httpserver, [[by_app]])
    patched: list[dict[str, Any]] = []
    edit = httpserver.expect_request(f"/repos/{REPO}/issues/comments/6", method="PATCH")
    edit.respond_with_handler(_recorder(patched))
    outcome = comment.upsert(
        gh, REPO, 7, canonical(), mode="always", key="checkout-api", author="deploy-gate[bot]"
    )
    assert outcome.action == "updated"
    assert not any(r.path == "/user" for r, _ in httpserver.log)  # not asked when named
