"""xAPI 1.0.3 Learning Record Store client: post statement batches, read statements back.

The client only talks and reports; the sync engine decides. Every POST answer is classified into
an `Outcome` (see `classify`) that the engine switches on, with what it needs to act: the ids the
LRS acknowledged, Retry-After, and the server's own words for a refused statement. Statements are
sent as the frozen bytes the outbox holds, never re-serialised, so what the LRS stores is byte for
byte what the learner's device recorded. Credentials never appear in logs, reprs or errors.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests.auth

from sync.http import parse_retry_after
from sync.request_failure import failure_line, name_unknown, sent_nothing
from sync.server_address import BIDI_CONTROLS, URLSPLIT_DROPS, refuse_control_characters

log = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
ANSWER_MAX_CHARS = 2000
MAX_PAGES = 100_000  # a `more` chain longer than this is a server bug, not data


class Outcome(enum.Enum):
    """What the engine does with a batch after one POST."""

    DELIVERED = "delivered"  # mark every statement of the batch delivered
    RETRY = "retry"  # keep the batch, try it again later (backoff, Retry-After)
    REFUSED = "refused"  # the LRS refuses something in the batch: split it, poison a lone one
    AUTH = "auth"  # stop syncing this profile and ask for credentials
    UNEXPECTED = "unexpected"  # not an answer an LRS gives (404, 3xx, HTML 200): stop, show it


_REFUSED = frozenset({400, 409, 413, 422})
_AUTH = frozenset({401, 403})
_RETRY = frozenset({408, 429})


def classify(status: int | None, *, acknowledged: bool = True) -> Outcome:
    """Classify one POST statements answer; `status` None means no HTTP answer at all.

    `acknowledged` is False when a 200 did not carry the JSON array of ids an LRS returns: a
    captive portal or a misrouted proxy answering 200 with a web page must not make the engine
    believe statements were stored.
    """
    if status is None:
        return Outcome.RETRY
    if status in (200, 204):
        return Outcome.DELIVERED if acknowledged or status == 204 else Outcome.UNEXPECTED
    if status in _REFUSED:
        return Outcome.REFUSED
    if status in _AUTH:
        return Outcome.AUTH
    if status in _RETRY or 500 <= status <= 599:
        return Outcome.RETRY
    return Outcome.UNEXPECTED


@dataclass(frozen=True)
class BasicAuth:
    """HTTP Basic credentials, sent UTF-8 encoded (RFC 7617)."""

    username: str
    password: str = field(repr=False)

    def __post_init__(self) -> None:
        if ":" in self.username:
            raise ValueError("a Basic auth username cannot contain ':'")
        _utf8(self.username, "the LRS user name")
        _utf8(self.password, "the LRS password")


@dataclass(frozen=True)
class BearerAuth:
    """An OAuth 2 bearer token (RFC 6750)."""

    token: str = field(repr=False)

    def __post_init__(self) -> None:
        # Sent as it is in a header, which http.client encodes as Latin-1: a token pasted with
        # a typographic quote (U+201D) raised UnicodeEncodeError out of the sync at each POST.
        for index, char in enumerate(self.token):
            if not "!" <= char <= "~":
                raise ValueError(
                    f"character {index + 1} of the LRS token is no printable ASCII (a space, an"
                    " accent, a typographic quote?): a token is ASCII letters, digits and signs"
                )


def _utf8(text: str, field: str) -> None:
    """ValueError naming `field` when `text` holds what UTF-8 cannot write: a lone surrogate,
    from a terminal's bytes that are no UTF-8 or a \\udcxx escape written in accounts.json,
    raised UnicodeEncodeError out of the sync (in the Basic header, in the outbox's record of
    where a statement went). The secret's character is never said, only where it is."""
    for index, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            raise ValueError(
                f"character {index + 1} of {field} is not UTF-8 text"
                " (typed in a terminal not set to UTF-8?)"
            )


class _HeaderAuth(requests.auth.AuthBase):
    """Sets one Authorization header; requests' own Basic auth only speaks latin-1."""

    def __init__(self, value: str) -> None:
        self._value = value

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self._value
        return request

    def __repr__(self) -> str:
        return "<Authorization hidden>"


def _authorization(auth: BasicAuth | BearerAuth | None) -> requests.auth.AuthBase | None:
    if auth is None:
        return None
    if isinstance(auth, BasicAuth):
        pair = f"{auth.username}:{auth.password}".encode()
        return _HeaderAuth("Basic " + base64.b64encode(pair).decode("ascii"))
    return _HeaderAuth(f"Bearer {auth.token}")


def target_of(endpoint: str, auth: BasicAuth | BearerAuth | None) -> str:
    """Which server and account statements go to, as the outbox records a delivery
    (`delivered_to`): the endpoint and the user name, or a token's fingerprint (its SHA-256,
    cut to 64 bits: it names the token without giving it away). Two accounts of one LRS may
    write to two stores (Learning Locker): a statement one holds is news to the other."""
    if isinstance(auth, BasicAuth):
        return f"{endpoint} basic:{auth.username}"
    if isinstance(auth, BearerAuth):
        digest = hashlib.sha256(b"cartable-target:" + auth.token.encode()).hexdigest()
        return f"{endpoint} token:{digest[:16]}"
    return endpoint


def server_of(target: str) -> str:
    """The server of a `target_of` (scheme, host and port): what the profiles sharing it share,
    a Retry-After, a link that drops long bodies or a server that hangs. The port is always
    written (`https://lrs.test` and `https://lrs.test:443` are one server)."""
    scheme, host, port = _origin(target.split(" ", 1)[0])
    return f"{scheme}://{host}:{port}"


@dataclass(frozen=True)
class PostResult:
    """One POST statements answer, classified.

    `ids` are the statement ids the LRS listed (it may list only those new to it, or none on a
    204: the engine believes a 200 only when it names every id, see sync.engine); `answer` is
    the start of the response body, or the network error when there was no answer: it is what
    a refused statement is kept with and shown to the learner.
    """

    outcome: Outcome
    status: int | None
    ids: tuple[str, ...] = ()
    retry_after: float | None = None
    answer: str = ""
    timed_out: bool = False  # no answer in time (connect or read timeout): the server hangs
    name_unknown: bool = False  # its name was not found: no byte went, for anyone on it
    # No byte went (refused, a TLS handshake that failed...): nothing said of the batch's size.
    sent_nothing: bool = False


@dataclass(frozen=True)
class About:
    """What `GET about` says: the xAPI versions the LRS speaks and its extensions."""

    versions: tuple[str, ...]
    extensions: Mapping[str, Any] = field(default_factory=dict)


class LrsError(Exception):
    """A read (GET) that did not succeed; `outcome` tells whether retrying can help."""

    def __init__(
        self,
        outcome: Outcome,
        status: int | None,
        answer: str,
        url: str,
        retry_after: float | None = None,
        *,
        timed_out: bool = False,
        name_unknown: bool = False,
        sent_nothing: bool = False,
    ) -> None:
        self.outcome = outcome
        self.status = status
        self.answer = answer
        self.url = url
        self.retry_after = retry_after  # seconds, when the server said (429, 503)
        # No answer from the server as a whole (see PostResult): not asked again for others.
        self.timed_out = timed_out
        self.name_unknown = name_unknown
        self.sent_nothing = sent_nothing  # refused, a TLS handshake failed: so for the others
        code = f"HTTP {status}" if status is not None else "no answer"
        super().__init__(f"GET {url}: {code} ({outcome.value}): {answer}")


def _truncate(text: str) -> str:
    text = text.strip()
    return text if len(text) <= ANSWER_MAX_CHARS else text[:ANSWER_MAX_CHARS] + "…"


def _error_text(error: requests.RequestException, url: str, session: requests.Session) -> str:
    """A request's failure in one short line (sync.request_failure), or the exception's type and
    text when it is none of those (its text holds the URL, never credentials: they travel in a
    header only)."""
    line = failure_line(error, url, getattr(session, "timeouts", None))
    return _truncate(line or f"{type(error).__name__}: {error}")


def _acknowledged_ids(response: requests.Response) -> tuple[str, ...] | None:
    """The id array of a 200 answer, or None when the body is not one."""
    try:
        body = response.json()
    except (ValueError, RecursionError):  # deeply nested JSON is a broken server, not a crash
        return None
    if isinstance(body, list) and all(isinstance(item, str) for item in body):
        return tuple(body)
    return None


def _json_body(response: requests.Response) -> bool:
    """Whether the answer's body is a JSON object, as an LRS's error is (Ralph's
    {"detail": ...}); a web page or plain text is a web server's or a proxy's."""
    try:
        return isinstance(response.json(), dict)
    except (ValueError, RecursionError):
        return False


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port, the default port written or not (`host:443` is `host`)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # not a port: no origin of ours
        return scheme, "", -1
    return scheme, (parts.hostname or ""), port or _DEFAULT_PORTS.get(scheme)


# What a saved address loses before it is used: what urlsplit drops, and the invisible
# direction marks the Sync panel's form shows it without (player.ui.sync_account).
_SAVED_DROPS = str.maketrans("", "", URLSPLIT_DROPS + BIDI_CONTROLS)


def check_typed_endpoint(endpoint: str) -> str:
    """`check_endpoint` of an address being typed (`cartable account set`, the Sync panel's
    form): any control character is refused there, a tab and a newline too, rather than saved
    in the address."""
    _utf8(endpoint, "the LRS endpoint")
    refuse_control_characters(endpoint, "LRS endpoint")
    return check_endpoint(endpoint)


def check_endpoint(endpoint: str) -> str:
    """The endpoint as the client uses it (a base ending in "/"); ValueError saying what is
    wrong with it otherwise. A saved address's tabs, CRs and LFs are dropped, as urlsplit drops
    them: an account saved before they were refused where typed worked (urljoin dropped them),
    and b78197d failed its every sync (review r6 #6). Its bidirectional controls too: the Sync
    panel showed such an address without them, and the sync refused it (review r15 #3). Any
    other control character (an ESC) is refused."""
    _utf8(endpoint, "the LRS endpoint")
    endpoint = endpoint.translate(_SAVED_DROPS)
    refuse_control_characters(endpoint, "LRS endpoint")
    try:
        parts = urlsplit(endpoint)
    except ValueError as exc:  # an unclosed "[", a bracketed host that is no IPv6 address
        raise ValueError(f"LRS endpoint is not a valid URL ({exc}): {endpoint!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"LRS endpoint must be an http(s) URL, got {endpoint!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("LRS endpoint must not carry credentials; give them as auth")
    if parts.query or parts.fragment:
        raise ValueError(f"LRS endpoint must not have a query or fragment: {endpoint!r}")
    # The endpoint is a base: resources are resolved under it, so it ends with a slash.
    return endpoint if endpoint.endswith("/") else endpoint + "/"


class LrsClient:
    """Talks xAPI 1.0.3 to one LRS endpoint (the base, e.g. https://lrs.example.org/xAPI/)."""

    def __init__(
        self,
        endpoint: str,
        auth: BasicAuth | BearerAuth | None,
        session: requests.Session,
    ) -> None:
        self.endpoint = check_endpoint(endpoint)
        parts = urlsplit(self.endpoint)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.statements_url = urljoin(self.endpoint, "statements")
        self.target = target_of(self.endpoint, auth)
        self._auth = _authorization(auth)
        self._session = session

    def __repr__(self) -> str:
        return f"LrsClient({self.endpoint!r})"

    def _headers(self, **extra: str) -> dict[str, str]:
        return {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json", **extra}

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult:
        """POST one batch: a JSON array of the statements' exact bytes, in the given order."""
        if not bodies:
            raise ValueError("a batch holds at least one statement")
        for index, body in enumerate(bodies):
            stripped = body.strip()
            if not (stripped.startswith(b"{") and stripped.endswith(b"}")):
                raise ValueError(f"statement {index} of the batch is not a JSON object")
        return self._post(b"[" + b",".join(bodies) + b"]", len(bodies))

    def check_account(self) -> PostResult:
        """Whether the LRS takes this account: an empty batch POSTed (2 bytes), which needs the
        very credentials and permission a send needs (Ralph checks them, `statements/write`,
        before it reads the body), and stores nothing. Taken (DELIVERED): a 200 or 204, or a
        400/422 whose body is JSON, an LRS's refusal of the empty body itself (Ralph: 400
        {"detail": "The list of statements cannot be empty"}): the request got past the
        credentials. A 400 with a web page or plain text is no LRS's (nginx's "The plain HTTP
        request was sent to HTTPS port", a proxy's), nor is a 409 or 413 to 2 bytes: nothing
        says the credentials were read, UNEXPECTED (review r5 #1: a wrong password confirmed).
        AUTH, RETRY, UNEXPECTED as for a batch. Not `GET statements?limit=1`: a write-only
        account (what sync.results advises) gets 401 there from Ralph's scope check, a 403
        elsewhere, which no answer tells from a wrong password; nor `GET about`, which needs no
        credentials."""
        result, response = self._exchange(b"[]", 0)
        if result.ids:  # ids for an empty batch: the answer to another request (a cache's)
            answer = f"the LRS acknowledged statements it was not sent: {result.answer}"
            return replace(result, outcome=Outcome.UNEXPECTED, answer=_truncate(answer))
        if result.outcome is not Outcome.REFUSED:
            return result
        if result.status in (400, 422) and response is not None and _json_body(response):
            return replace(result, outcome=Outcome.DELIVERED)
        answer = f"HTTP {result.status}, not an LRS's answer to an empty batch: {result.answer}"
        return replace(result, outcome=Outcome.UNEXPECTED, answer=_truncate(answer))

    def _post(self, payload: bytes, count: int) -> PostResult:
        return self._exchange(payload, count)[0]

    def _exchange(self, payload: bytes, count: int) -> tuple[PostResult, requests.Response | None]:
        """POST `payload` to statements: its result, and the response (None: no answer)."""
        try:
            response = self._session.post(
                self.statements_url,
                data=payload,
                headers=self._headers(**{"Content-Type": "application/json"}),
                auth=self._auth,
                allow_redirects=False,  # a redirected POST may turn into a GET and lose the batch
            )
        except requests.RequestException as error:
            log.info(
                "POST %s: %d statements, no answer: %s",
                self.statements_url,
                count,
                type(error).__name__,
            )
            failed = PostResult(
                Outcome.RETRY,
                None,
                answer=_error_text(error, self.statements_url, self._session),
                timed_out=isinstance(error, requests.Timeout),
                name_unknown=name_unknown(error),
                sent_nothing=sent_nothing(error),
            )
            return failed, None
        ids: tuple[str, ...] | None = ()
        if response.status_code == 200:
            ids = _acknowledged_ids(response)
        outcome = classify(response.status_code, acknowledged=ids is not None)
        answer = _truncate(response.text)
        if outcome is Outcome.UNEXPECTED and 300 <= response.status_code < 400:
            answer = _truncate(f"redirected to {response.headers.get('Location', '?')} {answer}")
        log.info(
            "POST %s: %d statements, HTTP %d, %s",
            self.statements_url,
            count,
            response.status_code,
            outcome.value,
        )
        result = PostResult(
            outcome=outcome,
            status=response.status_code,
            ids=ids or (),
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            answer=answer,
        )
        return result, response

    def get_statements(
        self,
        agent: Mapping[str, Any],
        verb: str | None = None,
        since: str | None = None,
        *,
        activity: str | None = None,
        registration: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        ascending: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Statements about `agent` (an xAPI Agent), page after page following `more`.

        `since`/`until` are ISO 8601 timestamps compared with `stored` by the spec (Ralph's fs
        backend compares `timestamp`). Raises LrsError when a page cannot be read.
        """
        params: dict[str, str] = {"agent": json.dumps(dict(agent), separators=(",", ":"))}
        optional = {
            "verb": verb,
            "since": since,
            "until": until,
            "activity": activity,
            "registration": registration,
        }
        params.update({key: value for key, value in optional.items() if value is not None})
        if limit is not None:
            if limit < 0:
                raise ValueError(f"limit must be >= 0, got {limit}")
            params["limit"] = str(limit)
        if ascending:
            params["ascending"] = "true"
        url: str | None = self.statements_url
        query: dict[str, str] | None = params
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = self._get_json(url, query)
            statements = page.get("statements") if isinstance(page, dict) else None
            if not isinstance(statements, list):
                raise LrsError(Outcome.UNEXPECTED, 200, "no `statements` array", url)
            yield from statements
            more = page.get("more")
            if not more:
                return
            if not isinstance(more, str) or more in seen:
                raise LrsError(Outcome.UNEXPECTED, 200, f"bad or looping `more`: {more!r}", url)
            seen.add(more)
            # `more` is a path (and query) without scheme, host or port: xAPI Data 2.5. One
            # naming another origin (a proxy writing its inner address, http behind https) is
            # not followed: the learner's credentials go to this LRS's origin only.
            url, query = urljoin(self.origin, more), None
            if _origin(url) != _origin(self.origin):
                raise LrsError(
                    Outcome.UNEXPECTED, 200, f"`more` points to another server: {more!r}", url
                )
        raise LrsError(Outcome.UNEXPECTED, 200, f"more than {MAX_PAGES} pages", self.endpoint)

    def about(self) -> About | None:
        """`GET about`, or None when the LRS has none (404/405, as Ralph)."""
        url = urljoin(self.endpoint, "about")
        try:
            body = self._get_json(url, None)
        except LrsError as error:
            if error.status in (404, 405):
                return None
            raise
        if not isinstance(body, dict) or not isinstance(body.get("version"), list):
            raise LrsError(Outcome.UNEXPECTED, 200, "no `version` array in about", url)
        extensions = body.get("extensions")
        return About(
            versions=tuple(str(v) for v in body["version"]),
            extensions=extensions if isinstance(extensions, dict) else {},
        )

    def _get_json(self, url: str, params: Mapping[str, str] | None) -> Any:
        try:
            response = self._session.get(
                url, params=params, headers=self._headers(), auth=self._auth, allow_redirects=False
            )
        except requests.RequestException as error:
            raise LrsError(
                Outcome.RETRY,
                None,
                _error_text(error, url, self._session),
                url,
                timed_out=isinstance(error, requests.Timeout),
                name_unknown=name_unknown(error),
                sent_nothing=sent_nothing(error),
            ) from error
        if response.status_code != 200:
            outcome = classify(response.status_code)
            # Only a 200 carries statements; a query the LRS refuses will not improve by itself.
            if outcome in (Outcome.DELIVERED, Outcome.REFUSED):
                outcome = Outcome.UNEXPECTED
            raise LrsError(
                outcome,
                response.status_code,
                _truncate(response.text),
                url,
                parse_retry_after(response.headers.get("Retry-After")),
            )
        try:
            return response.json()
        except (ValueError, RecursionError) as error:  # RecursionError: deeply nested arrays
            raise LrsError(
                Outcome.UNEXPECTED, 200, f"not JSON: {_truncate(response.text)}", url
            ) from error
