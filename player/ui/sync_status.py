"""What the status bar and the Sync panel show of sync (`SyncStatus`, made by `SyncController`
and looked at again every `POLL_MS`), and the learner's words for what the engine says in English:
a missing account, a raw exception of the HTTP client (`unanswered`, `unanswered_text`), a
server's answer by its kind (`answered`, `answered_text`: the account refused, the server busy
or unavailable, an answer no LRS gives), why a profile stopped (`StopReasonText`). A server's
own answer (English, JSON or a proxy's whole web page) is never the sentence: support reads it
in one line (`sync.server_answer.one_line`) in the tooltips. The words are made when asked, so
they follow the interface's language of the moment.

The comments on constants here are plain `#`: lupdate would take a `#:` one as the note for
translators of the next tr() string, wherever it is.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject

from player.ui.i18n import date_time_text, time_text
from sync.engine import StopReason
from sync.request_failure import is_failure_line
from sync.server_answer import one_line, server_answer

# "refused": nothing waits, but the LRS refused statements (kept as poison): not "up to date",
# those records never reached the institution. "no_account": the profile in use has no account,
# so nothing of it was ever sent nor can be: never "up to date". "unconfirmed": nothing waits,
# but the institution's server never took this profile's account as it is saved (a new
# password may be wrong): it is asked at each sync until it does; "error" when it refused it.
StatusKind = Literal[
    "up_to_date",
    "waiting",
    "refused",
    "offline",
    "metered",
    "syncing",
    "error",
    "no_account",
    "unconfirmed",
]
# A profile the engine had no client for: no account at all, or one without its password.
Missing = Literal["account", "password"] | None

# The engine's words (English, never shown as is) for a profile it has no client for.
ENGINE_NO_ACCOUNT = "no LRS account is set for this profile"
# How often the controller looks whether the records changed (the learner studying, another
# process syncing) to keep the indicator's count true between runs: a counter and a pragma.
POLL_MS = 1000


# What a raw exception of the HTTP client (requests, urllib3) in an engine's error means, by
# its class name: an address nothing can be sent to (the account form refuses one now, but an
# account saved before, or set with `cartable account set`, may hold one), or no answer.
Unanswered = Literal["bad_address", "no_answer"]
_UNANSWERED: dict[str, Unanswered] = {
    **dict.fromkeys(
        (
            "InvalidURL",
            "MissingSchema",
            "InvalidSchema",
            "LocationParseError",
            "LocationValueError",
            "URLRequired",
        ),
        "bad_address",
    ),
    **dict.fromkeys(
        (
            "ConnectionError",
            "ConnectTimeout",
            "ReadTimeout",
            "Timeout",
            "SSLError",
            "ProxyError",
            "ChunkedEncodingError",
            "ContentDecodingError",
            "TooManyRedirects",
            "RetryError",
        ),
        "no_answer",
    ),
}
# A grade read's error starts "GET https://…/statements: no answer (retry): " (sync.lrs.LrsError).
_GRADE_READ = re.compile(r"^GET .*?: no answer \([\w ]+\): ")
# A send's "InvalidURL: Failed to parse: …" (sync.lrs._error_text): an exception not worded by
# sync.request_failure, or a statement's last error kept before it worded them.
_EXCEPTION = re.compile(r"^(\w+): ")


def unanswered(error: str) -> Unanswered | None:
    """Whether an engine's error is a request that got no answer (sync.request_failure's line,
    "could not connect to …") or a raw exception of the HTTP client, and which kind: the learner
    is told it in their words (`unanswered_text`), the line kept for support. None for a
    server's answer ("HTTP 403: …") or any other text."""
    error = _GRADE_READ.sub("", error, count=1)
    if is_failure_line(error):
        return "no_answer"
    match = _EXCEPTION.match(error)
    return _UNANSWERED.get(match.group(1)) if match else None


def unanswered_text(kind: Unanswered, *, records: bool = True) -> str:
    """`unanswered`'s kind in the learner's words, with what to do; `records` False when none
    wait: nothing is "sent again" then (an account's check that got no answer)."""
    if kind == "bad_address":
        return QCoreApplication.translate(
            "SyncStatus",
            "The institution's server address of this profile is not a valid web address: "
            "correct it in the account form of the Sync panel. Your records are kept on this "
            "computer.",
        )
    if not records:
        return QCoreApplication.translate(
            "SyncStatus",
            "The institution's server could not be reached: the network or the server may be "
            "down, or the address may be wrong.",
        )
    return QCoreApplication.translate(
        "SyncStatus",
        "The institution's server could not be reached: the network or the server may be "
        "down. Your records are kept on this computer and will be sent again.",
    )


# What a server's answer behind waiting records means, by its HTTP status (as sync.lrs.classify
# sorts them): the account's user name or password refused (401, 403), the server busy (429),
# unavailable for now (408, 5xx: a proxy's 502 too), or an answer no LRS gives.
Answered = Literal["account_refused", "busy", "unavailable", "unexpected"]


def answered(error: str) -> Answered | None:
    """The kind of a server's answer in an engine's error ("HTTP 429: …", a grade read's "GET
    …: HTTP 502 (retry): …"); None when no server answered (see `unanswered`)."""
    status = server_answer(error).status
    if status is None:
        return None
    if status in (401, 403):
        return "account_refused"
    if status == 429:
        return "busy"
    if status == 408 or 500 <= status <= 599:
        return "unavailable"
    return "unexpected"


def clock_text(moment: float) -> str:
    """A time to come: "14:05" today, with its date another day (a retry after midnight), as
    the interface's language writes them (`date_time_text`); one no clock can show (a damaged
    status file's), as written."""
    try:
        day = datetime.fromtimestamp(moment).date()
    except (OverflowError, ValueError, OSError):
        return date_time_text(moment)
    today = datetime.fromtimestamp(time.time()).date()
    return time_text(moment) if day == today else date_time_text(moment)


def answered_text(error: str, next_attempt_at: float | None) -> str:
    """A server's answer (see `answered`) in the learner's words, with when the records go
    again (`next_attempt_at`, when still to come); "" for no server's answer."""
    kind = answered(error)
    if kind is None:
        return ""
    if kind == "account_refused":
        return QCoreApplication.translate(
            "SyncStatus",
            "The institution's server refused the user name or password of this profile: "
            "correct them in the account form of the Sync panel. Your records are kept on this "
            "computer.",
        )
    if kind == "busy":
        text = QCoreApplication.translate(
            "SyncStatus",
            "The institution's server is busy. Your records are kept on this computer.",
        )
    elif kind == "unavailable":
        text = QCoreApplication.translate(
            "SyncStatus",
            "The institution's server is unavailable for now. Your records are kept on this "
            "computer.",
        )
    else:
        text = QCoreApplication.translate(
            "SyncStatus",
            "The institution's server gave an unexpected answer (HTTP %1). Your records are "
            "kept on this computer.",
        ).replace("%1", str(server_answer(error).status))
    if next_attempt_at is not None and next_attempt_at > time.time():
        text += " " + QCoreApplication.translate("SyncStatus", "Next try at %1.").replace(
            "%1", clock_text(next_attempt_at)
        )
    return text


@dataclass(frozen=True)
class SyncStatus:
    """What the indicator shows."""

    kind: StatusKind
    waiting: int  # statements queued: the profile's the status is about (all when None)
    refused: int  # statements quarantined: the same profile's (all when None)
    last_success: float | None
    detail: str = ""  # the error behind "error" / "waiting", as the engine or server said it
    missing: Missing = None  # what `detail` means when it is the engine's "no LRS account"
    stop: StopReason | None = None  # why the profile `detail` is about stopped (engine's code)
    stopped_waiting: int = 0  # that profile's records waiting (for "refused_unconfirmed")
    # (profile name, the error) when its grades could not be read last time: the profile's
    # the status is about, never another's (none when the status is about no profile).
    grade_errors: tuple[tuple[str, str], ...] = ()
    # Whose records this is about: the profile in use (None: no profile is open, every
    # profile's; the status bar then shows nothing).
    profile_id: str | None = None
    # When the records `detail` is about are due again (epoch seconds; a server's Retry-After
    # included), None when not known.
    next_attempt_at: float | None = None

    @property
    def account_refused(self) -> bool:
        """The institution's server refused this profile's user name or password (401/403)."""
        return self.stop is None and answered(self.detail) == "account_refused"

    def detail_text(self) -> str:
        """`detail` for the learner, in the interface's language of the moment: the engine's
        words about a missing account (English, jargon), a server's answer and why a profile
        stopped become a sentence of the interface, never the answer itself (a 502 put a whole
        HTML page on screen): `raw_detail` and `server_answer_text` give that, for support."""
        if self.stop is not None:
            return StopReasonText().text(self.stop, self.stopped_waiting)
        if self.missing == "account":
            return QCoreApplication.translate(
                "SyncStatus", "No account to send your learning records to is set for this profile."
            )
        if self.missing == "password":
            return QCoreApplication.translate(
                "SyncStatus", "The password of this profile's account is missing: type it again."
            )
        if kind := unanswered(self.detail):
            return unanswered_text(kind, records=bool(self.waiting))
        if answered(self.detail):
            return answered_text(self.detail, self.next_attempt_at)
        return self.detail

    def raw_detail(self) -> str:
        """The engine's own text behind a `detail_text` that words a raw exception or a server's
        answer (English, for support: the panel's tooltip), a page as its title, in one line;
        "" otherwise."""
        if self.stop is not None:
            return ""
        if unanswered(self.detail):
            return self.detail
        return one_line(self.detail) if answered(self.detail) else ""

    def server_answer_text(self) -> str:
        """The server's own answer behind a stop worded by `detail_text` (English, for
        support), as a line of the interface; "" when `detail_text` is that answer already."""
        if self.stop is None or not self.detail:
            return ""
        return QCoreApplication.translate("SyncStatus", "Server's answer: %1").replace(
            "%1", one_line(self.detail)
        )


class StopReasonText(QObject):
    """Why a profile stopped (`sync.engine.StopReason`), in the learner's words: what happened,
    that nothing is lost, what to do. A QObject for its `tr`: lupdate gives a `%n` its plural
    forms only there, not in QCoreApplication.translate (context "StopReasonText")."""

    def text(self, stop: StopReason, waiting: int) -> str:
        """`waiting`: the stopped profile's records waiting."""
        if stop == "lrs_refuses_all":
            return self.tr(
                "The institution's server refuses everything sent to it, even records it accepted "
                "before: its settings or a network proxy are at fault, not your work. Your "
                "records are kept on this computer; please tell your institution."
            )
        if stop == "refused_unconfirmed":
            return self.tr(
                "The institution's server refused the %Ln records waiting. They are kept on this "
                "computer and will be sent again; if this goes on, tell your institution.",
                "",
                waiting,
            )
        return self.tr(  # "unexpected_answer"
            "The institution's server address did not answer like a server of learning records: "
            "the address may be wrong, or a Wi-Fi network may want you to log in first in a "
            "web browser. Your records are kept on this computer."
        )
