"""A real HTTPS server on 127.0.0.1 whose certificate a throwaway CA (trustme) signs.

Tokens travel only over https, so the services are tested over TLS; requests trusts the
CA through ``REQUESTS_CA_BUNDLE`` (set per test by :func:`trust_ca`).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="session")
def ca_bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[trustme.CA, Path]]:
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    yield ca, path


@pytest.fixture(scope="module")
def tls_server(ca_bundle: tuple[trustme.CA, Path]) -> Iterator[HTTPServer]:
    ca, _ = ca_bundle
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    srv = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def trust_ca(ca_bundle: tuple[trustme.CA, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_bundle[1]))
