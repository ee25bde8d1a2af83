"""What Help's diagnostic report says about getting courses: the catalogs (where, in what state,
the date of the copy shown), the keys trusted to sign courses (whose, from where) and the
downloads (which course, in what state, failed on what). u3's report said none of it: the
support person could not tell a refused key from an unreachable server. Typed rows, no Qt, no
network (the catalogs' offline copies are read from this disk); the dialog only formats them.

Also the one line a refused download or import leaves in the log (`refusal_line`): what was
refused, why (a kind), the course and the key, nothing secret (the log redacts it anyway).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

from player.course.errors import one_line
from player.library.catalogs import CatalogListing, Catalogs
from player.library.trust import TrustStore
from player.logfile import redact
from sync.download_state import DownloadState, FailureKind

REASON_CHARS = 200  # a reason's length in the report and the log: one readable line


@dataclass(frozen=True)
class CatalogFacts:
    location: str
    """The catalog's URL (scheme, host, port and path: no user, password or query) or folder,
    redacted."""
    origin: str
    """"institution" (the branding's) or "user" (added in Settings)."""
    state: str
    """"fresh", "offline copy" (its server did not answer: the copy kept is shown), "none"
    (no catalog from it, `problem` says why), "not fetched yet" (the catalog page was not
    shown since the start) or "folder" (read from the disk, no copy kept)."""
    copied_at: datetime | None
    """When the copy shown (or kept on this disk) was received from its server; None: none."""
    problem: str | None = None
    """Why it is not fresh: the failure's kind and its one line, redacted."""

    def line(self) -> str:
        text = f"{self.location} ({self.origin}): {self.state}"
        if self.copied_at is not None:
            text += f", copy of {stamp(self.copied_at)}"
        if self.problem:
            text += f" ({self.problem})"
        return text


@dataclass(frozen=True)
class KeyFacts:
    key_id: str
    comment: str
    origin: str
    """"branding", "demo" or "user" (added in Settings or with `cartable trust add`)."""
    only_course: str | None = None
    """The one course the key may sign (the demo's key), None: any."""

    def line(self) -> str:
        text = self.key_id + (f" “{self.comment}”" if self.comment else "")
        where = self.origin + (f", only {self.only_course}" if self.only_course else "")
        return f"{text} ({where})"


class ShownDownload(Protocol):
    """A download as the Downloads page holds it (`DownloadItem`) or the records do
    (`CourseDownload`): what the report needs of either."""

    @property
    def course_id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def state(self) -> DownloadState: ...
    @property
    def failure(self) -> FailureKind | None: ...


@dataclass(frozen=True)
class DownloadFacts:
    course_id: str
    version: str
    state: DownloadState
    failure: FailureKind | None = None

    def line(self) -> str:
        text = f"{self.course_id} {self.version}: {self.state.value}"
        return text + (f" ({self.failure.value})" if self.failure is not None else "")


@dataclass(frozen=True)
class SupportFacts:
    catalogs: tuple[CatalogFacts, ...]
    keys: tuple[KeyFacts, ...]
    downloads: tuple[DownloadFacts, ...] | None
    """None: the downloads did not start (the report says so, not "none")."""


def stamp(when: datetime) -> str:
    """A date the way support reads it from anywhere: UTC, to the minute; a damaged date that
    has no UTC time (year 1 with an offset: r5, "Copy report" failed) as it was written."""
    try:
        return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, ValueError):
        return when.isoformat()


def shortened(text: str) -> str:
    line = redact(one_line(text))
    return line if len(line) <= REASON_CHARS else line[: REASON_CHARS - 1] + "…"


def shown_location(location: str, is_folder: bool) -> str:
    """A catalog's address as the report shows it: a URL rebuilt from its scheme, host, port
    and path, no user information or query, where a secret may hide in forms `redact` misses
    (r5: a password holding an @, a token as the user name, ?sig=); a folder redacted."""
    if is_folder:
        return redact(location)
    try:
        parts = urlsplit(location)
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number: redacted as written
        return redact(location)
    if not parts.scheme or not host:
        return redact(location)
    host = f"[{host}]" if ":" in host else host
    return redact(f"{parts.scheme}://{host}{f':{port}' if port is not None else ''}{parts.path}")


def catalog_facts(
    catalogs: Catalogs, listings: Sequence[CatalogListing] | None = None
) -> tuple[CatalogFacts, ...]:
    """Every configured catalog: as the last fetch of this run found it (`listings`, the
    catalog page's), else the copy kept on this disk and its date."""
    rows = []
    for source in catalogs.sources():
        location, origin = shown_location(source.location, source.is_folder), source.origin
        listing = next((x for x in listings or () if x.source == source), None)
        if source.is_folder:
            problem = listing.error if listing is not None else None
            state = "folder" if problem is None else "none"
            kind = listing.error_kind if listing is not None else None
            rows.append(CatalogFacts(location, origin, state, None, _problem(kind, problem)))
        elif listing is None:
            copied = catalogs.offline_copy_time(source)
            rows.append(CatalogFacts(location, origin, "not fetched yet", copied))
        elif listing.result is None:  # no usable copy: a damaged one keeps a date, not shown
            problem = _problem(listing.error_kind, listing.error)
            rows.append(CatalogFacts(location, origin, "none", None, problem))
        elif listing.result.stale:
            result = listing.result
            problem = _problem(result.stale_kind, result.stale_reason)
            rows.append(CatalogFacts(location, origin, "offline copy", result.fetched_at, problem))
        else:
            result = listing.result
            problem = shortened(result.cache_error) if result.cache_error else None
            rows.append(CatalogFacts(location, origin, "fresh", result.fetched_at, problem))
    return tuple(rows)


def _problem(kind: FailureKind | None, reason: str | None) -> str | None:
    if reason is None:
        return None
    return f"{kind.value if kind is not None else 'error'}: {shortened(reason)}"


def key_facts(trust: TrustStore) -> tuple[KeyFacts, ...]:
    return tuple(
        KeyFacts(k.key_id, redact(one_line(k.key.comment)), k.origin, k.only_course)
        for k in trust.trusted()
    )


def download_facts(downloads: Iterable[ShownDownload]) -> tuple[DownloadFacts, ...]:
    return tuple(DownloadFacts(d.course_id, d.version, d.state, d.failure) for d in downloads)


def support_facts(
    catalogs: Catalogs,
    trust: TrustStore,
    listings: Sequence[CatalogListing] | None = None,
    downloads: Iterable[ShownDownload] | None = None,
) -> SupportFacts:
    """The report's catalogs, keys and downloads; `downloads` None: they did not start."""
    return SupportFacts(
        catalog_facts(catalogs, listings),
        key_facts(trust),
        None if downloads is None else download_facts(downloads),
    )


_KEY_IN_REASON = re.compile(r"\bkey ([0-9a-f]{16})\b")


def key_named(error: BaseException) -> str | None:
    """The key id a refusal names: the signer a download was refused for, the key of a copy
    refused over the installed one (`OtherSigner.key`), or the one a signature error names."""
    for attribute in ("signer", "key"):
        value = getattr(error, attribute, None)
        if isinstance(value, str) and value:
            return value
    found = _KEY_IN_REASON.search(str(error))
    return found.group(1) if found else None


def refusal_line(what: str, course: str, kind: str, error: BaseException) -> str:
    """`download refused: trust; course cours-essai@1.1.0; key 0123456789abcdef: <why>`, for
    the log (a WARNING): the kind, the course and the key support asks about, then the reason
    the learner's details show, cut to one line."""
    key = one_line(key_named(error) or "none")
    # a file's name may hold a newline: it would write a fake line in the log and the report
    course = redact(one_line(course))
    return f"{what} refused: {one_line(kind)}; course {course}; key {key}: {shortened(str(error))}"
