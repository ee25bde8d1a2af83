"""The one place where HTTP sessions are made, so every request Cartable sends behaves alike.

Timeouts are always set (a stalled satellite link must not hang a sync forever), TLS is always
verified, and nothing is retried here: the download and sync engines own retries, backoff and
the decision of what a failure means. Proxies and CA bundles from the environment are honoured
(institutions behind a proxy), `.netrc` credentials are not (they would leak to any host). Host
names are looked up through sync/lookup.py, within the connect timeout (the system resolver has
none), on the connection only: TLS still checks the certificate against the name (and sends it
as SNI). A request made under sync.lookup's `stop_waiting_when` gives up as soon as its stop is
true, looking the name up, connecting, in the TLS handshake or waiting for the answer
(sync/http_stop.py), and raises RequestStopped. A TLS handshake gets the connect timeout as a
whole (Python's handshake counts it from its start, not per byte received), and one that runs
out of it is a connect timeout, not a read timeout. Once the answer's headers have come, the
read timeout counts between two bytes only: a body trickled a byte at a time, each within it,
takes as long as the server likes. A stop ends that while the request is under way, not the
body of a `stream=True` answer read after the request returned: a download looks at its halt
between two reads, a catalog or repository file read does not.
"""

from __future__ import annotations

import email.utils
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
import requests.auth
import urllib3.connection
import urllib3.connectionpool
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import allowed_gai_family
from urllib3.util.retry import Retry

from sync.http_stop import WATCHDOG, RequestStopped, connect
from sync.lookup import LOOKUPS, AddrInfo, LookupStopped, LookupTimedOut, current_stop

DEFAULT_CONNECT_TIMEOUT_S = 10.0
DEFAULT_READ_TIMEOUT_S = 30.0
DEFAULT_POOL_SIZE = 8  # a few parallel blob downloads plus a sync on the same host


@dataclass(frozen=True)
class Timeouts:
    """Seconds to open a connection, and to wait between two received bytes."""

    connect: float = DEFAULT_CONNECT_TIMEOUT_S
    read: float = DEFAULT_READ_TIMEOUT_S

    def __post_init__(self) -> None:
        if self.connect <= 0 or self.read <= 0:
            raise ValueError(f"timeouts must be positive, got {self.connect}, {self.read}")


class CartableSession(requests.Session):
    """A Session whose requests get the default timeouts unless the caller passes its own."""

    def __init__(self, timeouts: Timeouts) -> None:
        super().__init__()
        self.timeouts = timeouts

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = (self.timeouts.connect, self.timeouts.read)
        stop = current_stop()
        if stop is None:
            return super().request(method, url, *args, **kwargs)
        with WATCHDOG.watching(stop) as watch:
            try:
                response = super().request(method, url, *args, **kwargs)
            except requests.RequestException as error:
                if watch.fired or stop():
                    raise RequestStopped(f"{_text(method)} {_text(url)}: stopped") from error
                raise
        if watch.fired:  # an answer cut short may look whole (no Content-Length): none counts
            response.close()
            raise RequestStopped(f"{_text(method)} {_text(url)}: stopped")
        return response

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        # requests adds ~/.netrc credentials to any request without auth when trust_env is on.
        if request.auth is None and self.auth is None:
            request.auth = _NoAuth()
        return super().prepare_request(request)

    def rebuild_auth(
        self, prepared_request: requests.PreparedRequest, response: requests.Response
    ) -> None:
        """On a redirect, drop credentials for another host; never pick some from ~/.netrc."""
        headers = prepared_request.headers
        if "Authorization" in headers and self.should_strip_auth(
            response.request.url, prepared_request.url
        ):
            del headers["Authorization"]


class _NoAuth(requests.auth.AuthBase):
    """Marks a request as deliberately unauthenticated."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


def user_agent(version: str) -> str:
    return f"Cartable/{version}"


def make_session(
    version: str,
    *,
    timeouts: Timeouts | None = None,
    pool_size: int = DEFAULT_POOL_SIZE,
) -> CartableSession:
    """A Session for everything Cartable sends; `version` is the application's version."""
    if not version or any(c.isspace() for c in version):
        raise ValueError(f"version must be a non-empty token, got {version!r}")
    if pool_size < 1:
        raise ValueError(f"pool_size must be at least 1, got {pool_size}")
    session = CartableSession(timeouts or Timeouts())
    session.headers["User-Agent"] = user_agent(version)
    session.verify = True
    # urllib3 retries nothing, not even a connection error: the engines decide what to resend.
    # read=False re-raises a read timeout as requests.ReadTimeout, not as a ConnectionError.
    no_retry = Retry(total=0, read=False)
    adapter = _BoundedLookupAdapter(
        pool_connections=pool_size, pool_maxsize=pool_size, max_retries=no_retry, pool_block=False
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def _new_conn(connection: urllib3.connection.HTTPConnection) -> socket.socket:
    """urllib3's `_new_conn`, with the name looked up within the connect timeout: a lookup that
    hangs is a connect timeout, one stopped by a pause a failed connection (sync/lookup.py)."""
    timeout = connection.timeout
    seconds = float(timeout) if isinstance(timeout, int | float) else None
    host = connection._dns_host.strip("[]")  # urllib3's own name for the address to connect to
    try:
        addresses = LOOKUPS.resolve(host, connection.port, allowed_gai_family(), seconds)
    except socket.gaierror as exc:
        raise NameResolutionError(connection.host, connection, exc) from exc
    except LookupTimedOut as exc:
        raise ConnectTimeoutError(connection, str(exc)) from exc
    except LookupStopped as exc:
        raise NewConnectionError(connection, str(exc)) from exc
    try:
        sock = _connect(addresses, connection)
    except TimeoutError as exc:
        raise ConnectTimeoutError(
            connection,
            f"Connection to {connection.host} timed out. (connect timeout={timeout})",
        ) from exc
    except OSError as exc:
        raise NewConnectionError(
            connection, f"Failed to establish a new connection: {exc}"
        ) from exc
    sys.audit("http.client.connect", connection, connection.host, connection.port)
    return sock


def _connect(
    addresses: Sequence[AddrInfo], connection: urllib3.connection.HTTPConnection
) -> socket.socket:
    """Connect to the first of `addresses` that answers, as urllib3's create_connection does."""
    error: OSError | None = None
    for family, kind, proto, _, address in addresses:
        sock = None
        try:
            sock = socket.socket(family, kind, proto)
            for option in connection.socket_options or ():
                sock.setsockopt(*option)
            if isinstance(connection.timeout, int | float) or connection.timeout is None:
                sock.settimeout(connection.timeout)
            if connection.source_address:
                sock.bind(connection.source_address)
            stop = current_stop()
            if stop is None:
                sock.connect(address)
            else:
                timeout = connection.timeout
                connect(sock, address, timeout if isinstance(timeout, int | float) else None, stop)
            return sock
        except OSError as exc:
            error = exc
            if sock is not None:
                sock.close()
    raise error or OSError("getaddrinfo returned no address")


# urllib3's names, kept: they appear in the error texts a learner may send to support.


class HTTPConnection(urllib3.connection.HTTPConnection):
    _new_conn = _new_conn

    def request(self, *args: Any, **kwargs: Any) -> None:
        WATCHDOG.add_connection(self)  # a stop may shut it down now (sync/http_stop.py)
        super().request(*args, **kwargs)


class HTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = _new_conn(self)
        WATCHDOG.add_socket(sock)  # a stop cuts the TLS handshake short too (sync/http_stop.py)
        return sock

    def connect(self) -> None:
        """urllib3's, with a TLS handshake that ran out of time (the socket's connect timeout
        bounds the whole handshake, however the server trickles it) worded as the connect
        timeout it is: urllib3 calls it a read timeout, with the connect timeout's value."""
        try:
            super().connect()
        except TimeoutError as exc:  # the handshake, or an HTTPS proxy's CONNECT
            through = " through the proxy" if self.proxy is not None else ""
            raise ConnectTimeoutError(
                self,
                f"TLS handshake with {self.host}{through} timed out. "
                f"(connect timeout={self.timeout})",
            ) from exc

    def request(self, *args: Any, **kwargs: Any) -> None:
        WATCHDOG.add_connection(self)
        super().request(*args, **kwargs)


class HTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = HTTPConnection


class HTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = HTTPSConnection


_POOLS = {"http": HTTPConnectionPool, "https": HTTPSConnectionPool}


class _BoundedLookupAdapter(HTTPAdapter):
    """An adapter whose connections (direct, or to an HTTP proxy) look names up within the
    connect timeout. A SOCKS proxy keeps urllib3's own connections."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


#: A Retry-After longer than this is not a delay or a date but garbage (or a hostile server).
RETRY_AFTER_MAX_CHARS = 64
#: More digits than this (over 300 years) cannot be meant; float() overflows past 308.
RETRY_AFTER_MAX_DIGITS = 10


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or HTTP-date); None if absent.

    A date in the past gives 0; a malformed value gives None, so the engine's own backoff applies.
    A header is the server's word, not ours: one that overflows a float or a date (a lying or
    broken server) is malformed too, never an exception that would end a sync run.
    """
    if value is None or len(value) > RETRY_AFTER_MAX_CHARS:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(int(text)) if len(text) <= RETRY_AFTER_MAX_DIGITS else None
    try:
        when = email.utils.parsedate_to_datetime(text)
        if when.tzinfo is None:  # RFC 9110 dates are GMT; "-0000" parses as naive
            when = when.replace(tzinfo=UTC)
        now = now or datetime.now(UTC)
        return max(0.0, (when - now).total_seconds())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
