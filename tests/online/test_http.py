"""The HTTP layer against a real local server (pytest-httpserver on 127.0.0.1).

Covers what the issue asks every client to survive: 401, 404, 429 with Retry-After (honoured
and capped), 500, responses slower than the timeout, malformed JSON, an unreachable port —
and that the token never appears in a message.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from rollback_gate import http
from rollback_gate.errors import EnvironmentProblem

TOKEN = "tok-very-secret-value-123"


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    yield _server
    _server.clear()  # handlers and log, so that each test starts clean


def _client(srv: HTTPServer, **kw: object) -> tuple[http.Client, list[float]]:
    waits: list[float] = []
    client = http.Client(
        "Example",
        srv.url_for("/"),
        token=TOKEN,
        headers={"Authorization": TOKEN},
        sleep=waits.append,
        **kw,  # type: ignore[arg-type]
    )
    return client, waits


def test_ok_sends_token_and_user_agent(server: HTTPServer) -> None:
    server.expect_request("/api/x", headers={"Authorization": TOKEN}).respond_with_json({"a": 1})
    client, _ = _client(server)
    resp = client.get("/api/x")
    assert resp.status == 200
    assert resp.json() == {"a": 1}
    assert server.log[0][0].headers["User-Agent"] == http.USER_AGENT


def test_401_names_service_url_status_and_masks_token(server: HTTPServer) -> None:
    server.expect_request("/api/x").respond_with_data(f"bad token {TOKEN}", status=401)
    client, waits = _client(server)
    with pytest.raises(EnvironmentProblem) as exc:
        client.get("/api/x", {"key": TOKEN})
    message = str(exc.value)
    assert "Example" in message and "HTTP 401" in message and "refused the token" in message
    assert server.url_for("/api/x") in message
    assert TOKEN not in message
    assert waits == []  # a refused token is not retried


def test_404_is_returned_when_allowed_and_an_error_otherwise(server: HTTPServer) -> None:
    server.expect_request("/missing").respond_with_data("nope", status=404)
    client, _ = _client(server)
    assert client.get("/missing", allow=(404,)).status == 404
    with pytest.raises(EnvironmentProblem, match="HTTP 404"):
        client.get("/missing")


def test_429_honours_retry_after(server: HTTPServer) -> None:
    server.expect_ordered_request("/r").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "2"}
    )
    server.expect_ordered_request("/r").respond_with_json({"ok": True})
    client, waits = _client(server)
    assert client.get("/r").json() == {"ok": True}
    assert waits == [2.0]


def test_retry_after_is_capped(server: HTTPServer) -> None:
    server.expect_ordered_request("/r").respond_with_data(
        "later", status=429, headers={"Retry-After": "3600"}
    )
    server.expect_ordered_request("/r").respond_with_json({})
    client, waits = _client(server, max_wait_s=5.0)
    client.get("/r")
    assert waits == [5.0]


def test_500_is_retried_with_backoff_then_fails(server: HTTPServer) -> None:
    server.expect_request("/boom").respond_with_data("oops", status=500)
    client, waits = _client(server, retries=2)
    with pytest.raises(EnvironmentProblem) as exc:
        client.get("/boom")
    assert "HTTP 500" in str(exc.value) and "3 attempts" in str(exc.value)
    assert len(server.log) == 3
    assert waits == [0.5, 1.0]


def test_503_then_success(server: HTTPServer) -> None:
    server.expect_ordered_request("/flaky").respond_with_data("", status=503)
    server.expect_ordered_request("/flaky").respond_with_json([1])
    client, waits = _client(server)
    assert client.get("/flaky").json() == [1]
    assert waits == [0.5]


def test_slow_response_past_the_timeout(server: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    server.expect_request("/slow").respond_with_handler(slow)
    client, _ = _client(server, timeout_s=0.2, retries=0)
    started = time.monotonic()
    with pytest.raises(EnvironmentProblem, match=r"no answer within 0\.2 s"):
        client.get("/slow")
    assert time.monotonic() - started < 0.9


def test_malformed_json(server: HTTPServer) -> None:
    server.expect_request("/bad").respond_with_data('{"flags": [', content_type="application/json")
    client, _ = _client(server)
    with pytest.raises(EnvironmentProblem, match="malformed JSON"):
        client.get("/bad").json()


def test_unreachable_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = http.Client("Example", f"http://127.0.0.1:{port}", retries=1, sleep=lambda s: None)
    with pytest.raises(EnvironmentProblem, match=r"cannot be reached \(connection refused\)"):
        client.get("/x", {"token": TOKEN})


def test_token_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RG_TEST_TOKEN", raising=False)
    assert http.token_from_env("X", None, "a.token_env") is None
    with pytest.raises(EnvironmentProblem, match="RG_TEST_TOKEN"):
        http.token_from_env("X", "RG_TEST_TOKEN", "a.token_env")
    monkeypatch.setenv("RG_TEST_TOKEN", "abc")
    assert http.token_from_env("X", "RG_TEST_TOKEN", "a.token_env") == "abc"


def test_tls_verification_is_on_and_urls_are_printed_without_secrets() -> None:
    assert http.session().verify is True
    assert http.public_url("https://u:p@h.example:8443/a?token=x#f") == "https://h.example:8443/a"


def test_self_signed_certificate_is_refused(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    srv = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    srv.start()
    try:
        srv.expect_request("/x").respond_with_json({})
        client = http.Client("Example", srv.url_for("/"), retries=2, sleep=lambda s: None)
        with pytest.raises(EnvironmentProblem, match="TLS handshake or certificate"):
            client.get("/x")
        assert len(srv.log) == 0  # refused before any request was answered, and not retried
    finally:
        srv.stop()
