"""The one place where HTTP sessions are made, so every request Cartable sends behaves alike.

Timeouts are always set (a stalled satellite link must not hang a sync forever), TLS is always
verified, and nothing is retried here: the download and sync engines own retries, backoff and
the decision of what a failure means. Proxies and CA bundles from the environment are honoured
(institutions behind a proxy), `.netrc` credentials are not (they would leak to any host).
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
import requests.auth
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

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
        return super().request(method, url, *args, **kwargs)

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
    adapter = HTTPAdapter(
        pool_connections=pool_size, pool_maxsize=pool_size, max_retries=no_retry, pool_block=False
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


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
