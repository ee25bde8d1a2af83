"""What the status bar and the Sync panel show of sync (`SyncStatus`, made by `SyncController`
and looked at again every `POLL_MS`), and the learner's words for what the engine says in English:
a missing account, a raw exception of the HTTP client (`unanswered`, `unanswered_text`), why a
profile stopped (`StopReasonText`). The words are made when asked, so they follow the
interface's language of the moment.

lupdate joins the `#:` comments above `unanswered_text` into its note for translators in the
catalogs: moving one of them to another module changes the catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject

from sync.engine import StopReason
from sync.request_failure import is_failure_line

# "refused": nothing waits, but the LRS refused statements (kept as poison): not "up to date",
# those records never reached the institution. "no_account": the profile in use has no account,
# so nothing of it was ever sent nor can be: never "up to date".
StatusKind = Literal[
    "up_to_date", "waiting", "refused", "offline", "metered", "syncing", "error", "no_account"
]
#: A profile the engine had no client for: no account at all, or one without its password.
Missing = Literal["account", "password"] | None

#: The engine's words (English, never shown as is) for a profile it has no client for.
ENGINE_NO_ACCOUNT = "no LRS account is set for this profile"
#: How often the controller looks whether the records changed (the learner studying, another
#: process syncing) to keep the indicator's count true between runs: a counter and a pragma.
POLL_MS = 1000


#: What a raw exception of the HTTP client (requests, urllib3) in an engine's error means, by
#: its class name: an address nothing can be sent to (the account form refuses one now, but an
#: account saved before, or set with `cartable account set`, may hold one), or no answer.
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


def unanswered_text(kind: Unanswered) -> str:
    """`unanswered`'s kind in the learner's words, with what to do."""
    if kind == "bad_address":
        return QCoreApplication.translate(
            "SyncStatus",
            "The institution's server address of this profile is not a valid web address: "
            "correct it in the account form of the Sync panel. Your records are kept on this "
            "device.",
        )
    return QCoreApplication.translate(
        "SyncStatus",
        "The institution's server could not be reached: the network or the server may be "
        "down. Your records are kept on this device and will be sent again.",
    )


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
    #: (profile name, the error) when its grades could not be read last time: the profile's
    #: the status is about, never another's (none when the status is about no profile).
    grade_errors: tuple[tuple[str, str], ...] = ()
    #: Whose records this is about: the profile in use (None: no profile is open, every
    #: profile's; the status bar then shows nothing).
    profile_id: str | None = None

    def detail_text(self) -> str:
        """`detail` for the learner, in the interface's language of the moment: the engine's
        words about a missing account (English, jargon) and why a profile stopped become a
        sentence of the interface; any other answer of a server stays as it is (support reads
        it). See `server_answer_text` for the answer behind a stop."""
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
            return unanswered_text(kind)
        return self.detail

    def raw_detail(self) -> str:
        """The engine's own text behind a `detail_text` that words a raw exception (English,
        for support: the panel's tooltip and copy); "" otherwise."""
        return self.detail if self.stop is None and unanswered(self.detail) else ""

    def server_answer_text(self) -> str:
        """The server's own answer behind a stop worded by `detail_text` (English, for
        support), as a line of the interface; "" when `detail_text` is that answer already."""
        if self.stop is None or not self.detail:
            return ""
        return QCoreApplication.translate("SyncStatus", "Server's answer: %1").replace(
            "%1", self.detail
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
                "records are kept on this device; please tell your institution."
            )
        if stop == "refused_unconfirmed":
            return self.tr(
                "The institution's server refused the %n records waiting. They are kept on this "
                "device and will be sent again; if this goes on, tell your institution.",
                "",
                waiting,
            )
        return self.tr(  # "unexpected_answer"
            "The institution's server address did not answer like a server of learning records: "
            "the address may be wrong, or a Wi-Fi network may want you to log in first in a "
            "web browser. Your records are kept on this device."
        )
