"""Where --online tokens may go: the config at the base decides, not the change under test.

Real git repositories (base commit and head commit) and a real HTTPS server on 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from rollback_gate import http
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.gate import CheckOptions, run_check

TOKEN = "ld-0123456789-secret"
FLAG = {
    "key": "new-checkout",
    "variations": [{"value": True}, {"value": False}],
    "environments": {"production": {"on": False, "offVariation": 1}},
}


@pytest.fixture
def server(
    tls_server: HTTPServer, trust_ca: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HTTPServer]:
    monkeypatch.setenv("LD_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.delenv("ROLLBACK_GATE_ONLINE_HOSTS", raising=False)
    tls_server.expect_request("/api/v2/flags/default/new-checkout").respond_with_json(FLAG)
    yield tls_server
    tls_server.clear()


def _config(url: str, token_env: str = "LD_TOKEN") -> str:
    return (
        "version: 1\nfeature_flags:\n  provider: launchdarkly\n  environment: production\n"
        f'  api: {{url: "{url}", token_env: {token_env}, timeout_s: 2}}\n'
        "  flags:\n    - key: new-checkout\n"
    )


def _run(git_repo: Any, base: str | None, head: str) -> tuple[Any, str | None]:
    sha = None
    if base is not None:
        sha = git_repo.commit("base", {"deploy-readiness.yml": base})
    else:
        git_repo.commit("start", {"README": "x\n"})
    git_repo.commit("head", {"deploy-readiness.yml": head})
    report = run_check(CheckOptions(repo=git_repo.root, base=sha or "HEAD~1", online=True))
    return report, sha


def _tokens_seen(server: HTTPServer) -> list[str]:
    return [req.headers.get("Authorization", "") for req, _ in server.log]


def test_endpoint_named_at_base_gets_the_token(server: HTTPServer, git_repo: Any) -> None:
    url = server.url_for("")
    report, _ = _run(git_repo, _config(url), _config(url))
    assert _tokens_seen(server) == [TOKEN]
    assert not [f for f in report.findings if f.rule == "RG903"]


def test_token_env_changed_in_the_change_is_not_sent(server: HTTPServer, git_repo: Any) -> None:
    url = server.url_for("")
    report, _ = _run(git_repo, _config(url), _config(url, "GITHUB_TOKEN"))
    assert _tokens_seen(server) == []  # not called at all
    assert any("not called with GITHUB_TOKEN" in n for n in report.notes)
    weakened = [f.message for f in report.findings if f.rule == "RG903"]
    assert weakened == [
        "policy weakened relative to the base: feature_flags.api.token_env changed from "
        "LD_TOKEN to GITHUB_TOKEN"
    ]


def test_new_endpoint_is_not_called_with_a_token(server: HTTPServer, git_repo: Any) -> None:
    base = _config("https://flags.example.com")
    report, _ = _run(git_repo, base, _config(server.url_for("")))
    assert _tokens_seen(server) == []
    assert any("new in the change under test" in n for n in report.notes)
    assert [f.rule for f in report.findings if f.rule == "RG903"] == ["RG903"]


def test_first_adoption_sends_no_token_unless_the_operator_lists_the_host(
    server: HTTPServer, git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, _ = _run(git_repo, None, _config(server.url_for("")))
    assert _tokens_seen(server) == []
    assert any(
        "first adoption" in n or "no deploy-readiness.yml at the base" in n for n in report.notes
    )
    monkeypatch.setenv("ROLLBACK_GATE_ONLINE_HOSTS", "flags.example.com, 127.0.0.1")
    run_check(CheckOptions(repo=git_repo.root, base="HEAD~1", online=True))
    assert _tokens_seen(server) == [TOKEN]


def test_plain_http_never_carries_a_token(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    try:
        monkeypatch.setenv("LD_TOKEN", TOKEN)
        monkeypatch.setenv("ROLLBACK_GATE_ONLINE_HOSTS", "127.0.0.1")
        srv.expect_request("/api/v2/flags/default/new-checkout").respond_with_json(FLAG)
        url = srv.url_for("")
        report, _ = _run(git_repo, _config(url), _config(url))
        assert len(srv.log) == 0
        assert any("only over https://" in n for n in report.notes)
    finally:
        srv.stop()


def test_gate_variables_are_a_config_error(git_repo: Any) -> None:
    git_repo.commit(
        "c", {"deploy-readiness.yml": _config("https://x.example", "ROLLBACK_GATE_DRILL_KEY")}
    )
    done = subprocess.run(
        [sys.executable, "-m", "rollback_gate", "check", "--repo", str(git_repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "deploy-readiness.yml:5:" in done.stderr
    assert "variable of rollback-gate itself" in done.stderr


def test_a_request_with_a_token_does_not_follow_redirects(
    tls_server: HTTPServer, trust_ca: None
) -> None:
    tls_server.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "http://127.0.0.1:9/steal"}
    )
    client = http.Client(
        "Example", tls_server.url_for("/"), token=TOKEN, headers={"X-Key": TOKEN}, retries=0
    )
    try:
        with pytest.raises(EnvironmentProblem, match="does not follow redirects") as exc:
            client.get("/a")
        assert TOKEN not in str(exc.value)
        assert len(tls_server.log) == 1
    finally:
        tls_server.clear()
