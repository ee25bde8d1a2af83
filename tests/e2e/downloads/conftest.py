"""Fixtures for the download tests: a real nginx and the fault-injecting server.

- `nginx_factory(root, sndbuf=None) -> Nginx`: nginx serving `root`, stopped at teardown. A
  missing nginx FAILS the test with the apt package to install (never a skip).
- `fault_factory(root, port=0) -> FaultServer`: the fault server on 127.0.0.1.
- `store`: a DownloadStore on a fresh SQLite file created from DOWNLOAD_SCHEMA.
- `session`: the application's HTTP session (sync.http).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from sync.download_state import DownloadStore
from sync.http import make_session
from tests.e2e.downloads.faultserver import FaultServer
from tests.e2e.downloads.nginx import INSTALL_HINT, NGINX, Nginx

pytestmark = pytest.mark.e2e


@pytest.fixture
def nginx_factory(tmp_path: Path) -> Iterator[Callable[..., Nginx]]:
    if not NGINX.exists():
        pytest.fail(f"nginx is required for the download tests: {INSTALL_HINT}")
    started: list[Nginx] = []

    def start(root: Path, sndbuf: int | None = None) -> Nginx:
        server = Nginx(root, tmp_path / f"nginx-{len(started)}", sndbuf=sndbuf)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fault_factory() -> Iterator[Callable[..., FaultServer]]:
    started: list[FaultServer] = []

    def start(
        root: Path, port: int = 0, retry_after: int = 1, rate: float | None = None
    ) -> FaultServer:
        server = FaultServer(root, port, retry_after, rate).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DownloadStore]:
    db = DownloadStore.open(tmp_path / "cartable.sqlite3", create=True)
    yield db
    db.close()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session("test") as http:
        yield http
