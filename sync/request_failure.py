"""A request that got no answer, in one short line (`failure_line`): what the outbox keeps as a
statement's last error and what a profile's report says, read by learners and support; a catalog
fetch and a blob download say theirs with the same lines (after their URL).

The text of a requests exception is urllib3's repr of its connection pool wrapping a repr of
the OS error ("HTTPConnectionPool(host=…): Max retries exceeded … [Errno 111] …"); the cause is
found by walking the exception's chain (requests wraps urllib3, which wraps the OSError or the
ssl error), not by reading that text. The lines name the host and port only, never the URL's
path or query, and never credentials (they travel in a header). `is_failure_line` tells one of
these lines from a server's answer, so the GUI can say it in the learner's language.
"""

from __future__ import annotations

import errno
import http.client
import re
import socket
import ssl
from collections.abc import Iterator
from typing import TypeVar
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from sync.http import AnswerTimeout, Timeouts
from sync.http import sent_nothing as marked_sent_nothing
from sync.http_stop import RequestStopped
from sync.lookup import TIMED_OUT, LookupTimedOut

E = TypeVar("E", bound=BaseException)

#: The lines, by cause; `{…}` are filled in (a host, "host:port", seconds, a short reason).
LINES = {
    "connect": "could not connect to {where} ({why})",
    "name": "the server name {host} was not found (no network or a wrong address?)",
    "timeout": "{host} did not answer within {seconds} s",
    "timeout_unknown": "{host} did not answer in time",
    "answer_timeout": "{host} {why}",  # AnswerTimeout's reason: "timed out (no whole answer …)"
    "lookup_timeout": "{why}",  # LookupTimedOut's: "name lookup timed out: no answer for …"
    "tls": "the secure connection to {host} failed: {why}",
    "proxy": "could not go through the network proxy to {host} ({why})",
    "closed": "{host} closed the connection without answering",
    "cut": "{host} cut its answer short",
    "broken": "the connection to {host} broke ({why})",  # mid-answer, read from urllib3 itself
    "redirects": "{host} redirected the request too many times",
    # Not asked this run: its server (`sync.lrs.server_of`) timed out on another profile's.
    "held": "not asked: {host} did not answer another profile's request",
}

# Why a connection could not be made, for the OS errors a learner meets.
_CONNECT_ERRNO = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.ENETUNREACH: "network unreachable",
    errno.EHOSTUNREACH: "no route to host",
    errno.ENETDOWN: "network down",
    errno.EADDRNOTAVAIL: "address not available",
    errno.EACCES: "blocked by this computer",  # a firewall, on Linux
    errno.EPERM: "blocked by this computer",
}

# Certificate problems by OpenSSL's verify code (stable, unlike its message's wording).
_CERTIFICATE = {
    9: "its certificate is not valid yet (is this computer's clock right?)",
    10: "its certificate has expired (or this computer's clock is wrong)",
    18: "its certificate is self-signed, not from an authority this computer trusts",
    19: "its certificate chain ends in a self-signed one this computer does not trust",
    20: "its certificate is not from an authority this computer trusts",
    21: "its certificate is not from an authority this computer trusts",
    62: "its certificate is for another server name",
}


def _chain(error: BaseException) -> Iterator[BaseException]:
    """`error` and every exception behind it: causes, contexts, urllib3's `reason`, and the
    exceptions requests passes as arguments."""
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        try:
            reason = getattr(current, "reason", None)
        except Exception:  # a property that fails: no reason to follow
            reason = None
        inner = [a for a in current.args if isinstance(a, BaseException)]
        if isinstance(reason, BaseException):
            inner.insert(0, reason)
        todo += [e for e in (*inner, current.__cause__, current.__context__) if e is not None]


def _first(chain: list[BaseException], kind: type[E]) -> E | None:
    return next((e for e in chain if isinstance(e, kind)), None)


def _host_port(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url)
        host = parts.hostname or "the server"
    except ValueError:  # "http://[::1/": the request failed on it, its line must not
        return "the server", "the server"
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        port = None
    shown = f"[{host}]" if ":" in host else host
    return host, f"{shown}:{port}" if port else shown


def _why_not_connected(chain: list[BaseException]) -> str:
    wrappers = (requests.RequestException, urllib3.exceptions.HTTPError)
    os_error = next(
        (e for e in chain if isinstance(e, OSError) and not isinstance(e, wrappers)), None
    )
    if isinstance(os_error, ConnectionRefusedError):  # also Windows' WSAECONNREFUSED
        return "connection refused"
    if (
        os_error is not None
        and isinstance(os_error.errno, int)
        and os_error.errno in _CONNECT_ERRNO
    ):
        return _CONNECT_ERRNO[os_error.errno]
    if os_error is not None and isinstance(os_error.strerror, str) and os_error.strerror:
        return os_error.strerror[:1].lower() + os_error.strerror[1:]
    return "connection failed"


def _tls_why(chain: list[BaseException]) -> str:
    verify = _first(chain, ssl.SSLCertVerificationError)
    if verify is not None:
        # Set by the ssl module; one made elsewhere may lack them or hold something else.
        known = _CERTIFICATE.get(getattr(verify, "verify_code", None))
        if known is not None:
            return known
        message = getattr(verify, "verify_message", None)
        message = message.strip() if isinstance(message, str) else ""
        return message or "its certificate was not accepted"
    error = _first(chain, ssl.SSLError)
    reason = getattr(error, "reason", None)
    if reason == "WRONG_VERSION_NUMBER":
        return "it does not answer https on this port (is the address http?)"
    if isinstance(reason, str) and reason:
        return reason.replace("_", " ").lower()
    return "TLS error"


def _seconds(value: float) -> str:
    return f"{value:g}"


def failure_line(error: BaseException, url: str, timeouts: Timeouts | None = None) -> str | None:
    """One line saying why the request to `url` got no answer; None when the cause is none of
    those worded here (the caller keeps the exception's type and text). `timeouts` are those
    the request was given (the session's), to say how long the server had."""
    if isinstance(error, RequestStopped):  # a quit or a pause, not the server: said as it is
        return None
    chain = list(_chain(error))
    host, where = _host_port(url)
    lookup = _first(chain, LookupTimedOut)
    if lookup is not None:
        return LINES["lookup_timeout"].format(why=str(lookup))
    if _first(chain, urllib3.exceptions.NameResolutionError) or _first(chain, socket.gaierror):
        return LINES["name"].format(host=host)
    if isinstance(error, AnswerTimeout):
        return LINES["answer_timeout"].format(host=host, why=error.reason)
    if isinstance(error, requests.Timeout):
        connect = isinstance(error, requests.ConnectTimeout)
        limit = None if timeouts is None else (timeouts.connect if connect else timeouts.read)
        if limit is None:
            return LINES["timeout_unknown"].format(host=host)
        return LINES["timeout"].format(host=host, seconds=_seconds(limit))
    if isinstance(error, requests.exceptions.SSLError) or _first(chain, ssl.SSLError):
        return LINES["tls"].format(host=host, why=_tls_why(chain))
    if isinstance(error, requests.TooManyRedirects):
        return LINES["redirects"].format(host=host)
    if isinstance(error, requests.exceptions.ProxyError):
        return LINES["proxy"].format(host=host, why=_why_not_connected(chain))
    if _first(chain, urllib3.exceptions.NewConnectionError):
        return LINES["connect"].format(where=where, why=_why_not_connected(chain))
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return LINES["cut"].format(host=host)
    if isinstance(error, requests.ConnectionError) and _first(
        chain, urllib3.exceptions.ProtocolError
    ):
        return LINES["closed"].format(host=host)
    if _first(chain, urllib3.exceptions.ProtocolError):  # a body read raw (a download's blob)
        if _first(chain, http.client.IncompleteRead):
            return LINES["cut"].format(host=host)
        return LINES["broken"].format(host=host, why=_why_not_connected(chain))
    return None


def name_unknown(error: BaseException) -> bool:
    """The server's name was not found (no DNS, a wrong address): true for every profile on that
    server this run, as a timeout is, so the others are not sent to look it up again."""
    chain = list(_chain(error))
    return bool(
        _first(chain, urllib3.exceptions.NameResolutionError) or _first(chain, socket.gaierror)
    )


def sent_nothing(error: BaseException) -> bool:
    """Not a byte of the request went (its name not found, the connection refused or timed
    out, the TLS handshake reset or failed): it says nothing of the request's size, and is
    true for every profile on that server this run, as a timeout is. A reset or a TLS error
    after the connection was made may have cut the request's body: not this."""
    return any(isinstance(e, _BEFORE_REQUEST) or marked_sent_nothing(e) for e in _chain(error))


# Raised only while a connection is being made, whatever the session (sync.http marks the rest).
_BEFORE_REQUEST = (
    urllib3.exceptions.NameResolutionError,
    urllib3.exceptions.NewConnectionError,
    urllib3.exceptions.ConnectTimeoutError,
    socket.gaierror,
    LookupTimedOut,
)


def held_line(server: str, line: str, *, timed_out: bool) -> str:
    """What another profile on `server` is told this run, not asked after a request got no
    answer with `line`: a name not found is its own too; a timeout was another's request."""
    return LINES["held"].format(host=server) if timed_out else line


def unworded_line(error: BaseException) -> str:
    """A failure `failure_line` does not word: its type and the first line of its text."""
    text = str(error).splitlines()[0][:200] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _pattern(line: str) -> re.Pattern[str]:
    """`line` as a regex: a host is one word (so "HTTP 502: x did not answer…", a server's
    answer, is not taken for one of these lines), a reason anything."""
    pieces = re.split(r"\{(\w+)\}", line)  # text, name, text, name, …, text
    regex = "".join(
        re.escape(piece) if n % 2 == 0 else (r"\S+" if piece in ("host", "where") else ".+")
        for n, piece in enumerate(pieces)
    )
    return re.compile(f"^{regex}$")


_SPECIAL = {
    "answer_timeout": r"^\S+ timed out \(.+\)$",
    "lookup_timeout": "^" + re.escape(TIMED_OUT) + ": .+$",
}
_PATTERNS = [
    re.compile(_SPECIAL[kind]) if kind in _SPECIAL else _pattern(line)
    for kind, line in LINES.items()
]


def is_failure_line(text: str) -> bool:
    """Whether `text` is one of `failure_line`'s lines (a request that got no answer), not a
    server's answer."""
    return any(p.match(text) for p in _PATTERNS)
