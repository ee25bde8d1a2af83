"""The one place where HTTP sessions are made, so every request Cartable sends behaves alike.

Timeouts are always set (a stalled satellite link must not hang a sync forever), TLS is always
verified, and nothing is retried here: the download and sync engines own retries, backoff and
the decision of what a failure means. Proxies and CA bundles from the environment are honoured
(institutions behind a proxy), `.netrc` credentials are not (they would leak to any host). Host
names are looked up through sync/lookup.py, within the connect timeout (the system resolver has
none), on the connection only: TLS still checks the certificate against the name (and sends it
as SNI). A request made under sync.lookup's `stop_waiting_when` gives up as soon as its stop is
true, looking the name up, connecting, in the TLS handshake, waiting for the answer or reading
its body, a `stream=True` one read after the request returned included (sync/http_stop.py), and
raises RequestStopped. A TLS handshake gets the connect timeout as a whole (Python's handshake
counts it from its start, not per byte received), and one that runs out of it is a connect
timeout, not a read timeout. The read timeout counts between two bytes only, so an answer
trickled a byte at a time would take as long as the server likes: an answer gets a deadline from
the request's sending, for its headers and, when read whole (`stream=False`, `small_body`), its
body (`ANSWER_GRACE_READ_TIMEOUTS`), past which it is an AnswerTimeout (a read timeout). A
download reads its body by its own stalled-transfer rule (sync/download_stall.py). A failure
while the connection was being made (the lookup, the connection, the TLS handshake, a proxy's
tunnel) is marked (`sent_nothing`): nothing of the request went, which a reset or a TLS error
cannot tell by its type.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import sys
import time
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
import requests.auth
import urllib3.connection
import urllib3.connectionpool
import urllib3.util
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import allowed_gai_family
from urllib3.util.retry import Retry

from sync.http_stop import WATCHDOG, RequestStopped, Watch, connect
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


#: The answer to a request (its headers, and a body read whole into memory) must come within
#: this many read timeouts of the request's sending, plus a second per ANSWER_FLOOR_BYTES of
#: body received. The read timeout counts between two bytes only, so a server trickling a byte
#: within it held a catalog for ever (2 KB at a byte every 29 s: 16 hours). A fixed multiple
#: alone would refuse a genuine large catalog on a slow link (1 MB at 10 KB/s takes 100 s),
#: hence the credit per byte received: what is refused is an answer slower than the floor on
#: average, once its grace is spent. The floor is the slowest speed limit the settings offer.
ANSWER_GRACE_READ_TIMEOUTS = 3
ANSWER_FLOOR_BYTES = 1000
#: An answer read whole into memory (an LRS's: a page of 100 statements is ~300 KB) larger than
#: this is a broken or hostile server, not a bigger page: a few MB of gzip inflate to gigabytes.
WHOLE_ANSWER_MAX_BYTES = 16 * 1024 * 1024


def answer_grace(read_timeout: float | None) -> float | None:
    """Seconds an answer gets before the credit of its body (None: no read timeout, no limit)."""
    return None if read_timeout is None else ANSWER_GRACE_READ_TIMEOUTS * read_timeout


class AnswerTooLarge(requests.RequestException):
    """An answer read whole over WHOLE_ANSWER_MAX_BYTES (as decoded): retried like a network
    failure, as a server sending it is broken for now. `reason` as AnswerTimeout's."""

    def __init__(self, request: str, reason: str) -> None:
        super().__init__(f"{request}: {reason}")
        self.reason = reason


class AnswerTimeout(requests.ReadTimeout):
    """An answer not whole within its deadline (`ANSWER_GRACE_READ_TIMEOUTS`): retried like a
    timeout. `reason` is the one line without the request (callers name the URL their way)."""

    def __init__(self, request: str, reason: str) -> None:
        super().__init__(f"{request}: {reason}")
        self.reason = reason


class CartableSession(requests.Session):
    """A Session whose requests get the default timeouts unless the caller passes its own, and
    whose answers read whole come within their deadline (`ANSWER_GRACE_READ_TIMEOUTS`)."""

    def __init__(self, timeouts: Timeouts) -> None:
        super().__init__()
        self.timeouts = timeouts

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = (self.timeouts.connect, self.timeouts.read)
        stream = bool(kwargs.get("stream"))
        kwargs["stream"] = True  # a whole body is read here, within its deadline
        grace = answer_grace(_read_timeout(kwargs["timeout"]))
        what = f"{_text(method)} {_text(url)}"
        watch = WATCHDOG.arm(current_stop(), grace)
        try:
            with WATCHDOG.using(watch):
                try:
                    response = super().request(method, url, *args, **kwargs)
                except requests.RequestException as error:
                    if watch.fired or (watch.stop is not None and watch.stop()):
                        raise _cut_short(watch, what, None) from error
                    raise
            if watch.fired:  # an answer cut short may look whole (no Content-Length): none counts
                response.close()
                raise _cut_short(watch, what, None)
            response._cartable_watch = watch  # for `small_body`, `watch_of`
            if not stream:  # as requests reads it, within the deadline and the size cap
                response._content = _whole(response, what)
                response._content_consumed = True
        except BaseException:
            WATCHDOG.disarm(watch)
            raise
        if not stream:
            WATCHDOG.disarm(watch)
            return response
        # The caller reads the body: a small one through `small_body`, a download by its rule.
        watch.deadline = None
        if watch.hand_over():
            WATCHDOG.disarm(watch)
        else:  # an answer dropped unread keeps its connection (no pool has it): forget it
            weakref.finalize(response, WATCHDOG.disarm, watch)
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


def _whole(response: requests.Response, what: str) -> bytes:
    data = read_capped(response, WHOLE_ANSWER_MAX_BYTES, 10 * 1024)
    if data is None:
        response.close()
        limit = WHOLE_ANSWER_MAX_BYTES // (1024 * 1024)
        raise AnswerTooLarge(what, f"the answer is larger than {limit} MB")
    return data


def read_capped(
    response: requests.Response, limit: int, chunk_size: int = 64 * 1024
) -> bytes | None:
    """A streamed answer's body read whole through `small_body`, or None once it passes
    `limit` bytes (the rest left unread)."""
    parts: list[bytes] = []
    size = 0
    for chunk in small_body(response, chunk_size):
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def small_body(response: requests.Response, chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """The chunks of a streamed answer read whole into memory (a catalog, a manifest, a
    signature) within its deadline (`ANSWER_GRACE_READ_TIMEOUTS`): past it, AnswerTimeout; on a
    stop, RequestStopped (what came may look whole, it does not count). An answer of another
    session than a CartableSession is read as it comes."""
    watch = watch_of(response)
    if watch is None:
        yield from response.iter_content(chunk_size)
        return
    grace = watch.grace
    origin = watch.sent_at if watch.sent_at is not None else time.monotonic()
    received = 0
    what = f"{response.request.method} {response.url}"
    if grace is not None:
        watch.deadline = origin + grace
    try:
        for chunk in response.iter_content(chunk_size):
            if watch.fired:
                break
            received += len(chunk)
            if grace is not None:
                watch.deadline = origin + grace + received / ANSWER_FLOOR_BYTES
            yield chunk
    except requests.RequestException as error:
        if watch.fired:
            raise _cut_short(watch, what, received) from error
        raise
    finally:
        watch.deadline = None
    if watch.fired:
        raise _cut_short(watch, what, received)


def watch_of(response: requests.Response) -> Watch | None:
    """The watch of a streamed answer of a CartableSession (its reader may set its deadline)."""
    watch = getattr(response, "_cartable_watch", None)
    return watch if isinstance(watch, Watch) else None


def _cut_short(watch: Watch, what: str, received: int | None) -> requests.RequestException:
    """Why the watchdog shut an answer's connection: a stop, or its deadline (worded with the
    time the answer was given, not measured: the same answer gets the same words)."""
    if not watch.expired:
        return RequestStopped(f"{what}: stopped")
    given = watch.given or 0.0
    within = f"{given:.0f}" if given >= 10 else f"{given:.1f}"
    if received is None:
        return AnswerTimeout(what, f"timed out (no whole answer within {within} s)")
    return AnswerTimeout(what, f"timed out (only {received} bytes of the answer within {within} s)")


def _read_timeout(timeout: Any) -> float | None:
    """The read timeout of a requests `timeout` (a number, a pair, or urllib3's Timeout)."""
    if isinstance(timeout, tuple):
        timeout = timeout[1]
    elif isinstance(timeout, urllib3.util.Timeout):
        timeout = timeout.read_timeout
    return float(timeout) if isinstance(timeout, int | float) else None


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


#: Set on an exception raised while a connection was being made (`sent_nothing`).
_SENT_NOTHING = "cartable_sent_nothing"


def sent_nothing(error: BaseException) -> bool:
    """Whether `error` was raised while the connection was being made (its name looked up, the
    connection, the TLS handshake, a proxy's tunnel): not a byte of the request went. One
    exception of a chain; sync.request_failure's `sent_nothing` reads a whole chain."""
    return getattr(error, _SENT_NOTHING, False) is True


@contextlib.contextmanager
def _connecting() -> Iterator[None]:
    """Marks what a connection's `connect` raises (`sent_nothing`): a reset in the TLS handshake
    and one in the middle of a request's body reach the caller as the same ProtocolError, but
    only the second says anything of the request (a link that drops long bodies)."""
    try:
        yield
    except Exception as exc:
        setattr(exc, _SENT_NOTHING, True)
        raise


# urllib3's names, kept: they appear in the error texts a learner may send to support.


class HTTPConnection(urllib3.connection.HTTPConnection):
    _new_conn = _new_conn

    def connect(self) -> None:
        """urllib3's, its failure marked (`sent_nothing`)."""
        with _connecting():
            super().connect()

    def request(self, *args: Any, **kwargs: Any) -> None:
        WATCHDOG.add_connection(self)  # a stop may shut it down now (sync/http_stop.py)
        super().request(*args, **kwargs)
        WATCHDOG.sent(self)  # the answer's deadline starts


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
            with _connecting():  # nothing of the request went (`sent_nothing`)
                try:
                    super().connect()
                except TimeoutError as exc:  # the handshake, or an HTTPS proxy's CONNECT
                    through = " through the proxy" if self.proxy is not None else ""
                    raise ConnectTimeoutError(
                        self,
                        f"TLS handshake with {self.host}{through} timed out. "
                        f"(connect timeout={self.timeout})",
                    ) from exc
        finally:  # a stop of this request must never shut it once back in its pool
            WATCHDOG.handshake_over()

    def request(self, *args: Any, **kwargs: Any) -> None:
        WATCHDOG.add_connection(self)
        super().request(*args, **kwargs)
        WATCHDOG.sent(self)


class HTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = HTTPConnection

    def _put_conn(self, conn: Any) -> None:
        if conn is not None:  # it may serve another request next: no stop of this one shuts it
            WATCHDOG.release(conn)
        super()._put_conn(conn)


class HTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = HTTPSConnection

    def _put_conn(self, conn: Any) -> None:
        if conn is not None:
            WATCHDOG.release(conn)
        super()._put_conn(conn)


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
