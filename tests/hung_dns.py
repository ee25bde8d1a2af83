"""A name server that hangs, for tests: nothing real hangs DNS cheaply, so `socket.getaddrinfo`
is patched. The names given block until `release` is set, then resolve to 127.0.0.1 (a real
server there answers the rest of the request); every other name resolves as usual."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sync.lookup import LOOKUPS

#: The name the `hung_dns` fixture hangs on.
HUNG = "hung.test"


class HungDns:
    def __init__(self, *names: str) -> None:
        self.names = set(names)
        self.release = threading.Event()
        self.entered = threading.Event()
        self.calls = 0
        self._lock = threading.Lock()
        self._real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in self.names:
            with self._lock:
                self.calls += 1
            self.entered.set()
            self.release.wait()
            host = "127.0.0.1"
        return self._real(host, port, *args, **kwargs)

    def settle(self, timeout: float = 5.0) -> None:
        """Let the hung lookups answer, and wait until their threads have ended."""
        self.release.set()
        deadline = time.monotonic() + timeout
        while LOOKUPS.running() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not LOOKUPS.running(), "a lookup thread did not end"


@pytest.fixture
def hung_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[HungDns]:
    dns = HungDns(HUNG)
    monkeypatch.setattr(socket, "getaddrinfo", dns)
    try:
        yield dns
    finally:
        dns.settle()  # never leave a thread blocked past the test
