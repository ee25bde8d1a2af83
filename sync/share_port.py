"""The share's port, as its HTTP server (TCP, sync/share_server.py) and its discovery responder
(UDP, sync/share_discovery.py) both use it. Its own module because the server imports the
responder: the responder cannot import the server back."""

from __future__ import annotations

import errno

DEFAULT_PORT = 8475
"""Fixed, so the address a teacher writes on the board stays the same from one day to the next."""


def port_in_use(exc: OSError) -> bool:
    """Binding failed because another socket listens on that port."""
    return exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE))


def wake_host(host: str) -> str:
    """Where this computer reaches a socket bound to `host` (loopback for a wildcard bind), to
    wake its serving loop at a stop rather than at its next poll."""
    return "127.0.0.1" if host in ("", "0.0.0.0") else host
