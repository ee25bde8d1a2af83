"""Why a course download or install did not happen: the refusal it raises, and the kind of
failure an exception met on the way stands for (the learner's words are chosen by that kind,
never by the message, which may quote a server)."""

from __future__ import annotations

import re

from player.course.errors import KeyScope, NotSigned, SignatureError
from sync.catalog_parse import CatalogError
from sync.download_state import FailureKind
from sync.interprocess import LockBusy


class DownloadRefused(Exception):
    """A course that will not be downloaded, and why (one line): not signed, not trusted, not
    the manifest the catalog describes, not enough space, not reachable. `retryable`: the
    repository could not be reached (try again when the network is back). `kind`: what failed,
    for the learner's words. `signer`: the key id of a signature refused because no key trusted
    here is it, because it is trusted here for another course only or is an earlier key of
    this one, or because another key signed the installed version (the catalog then marks the
    course, `Catalogs.learn_signer`)."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        kind: FailureKind = FailureKind.OTHER,
        signer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.kind = kind
        self.signer = signer


def failure_of(exc: BaseException) -> FailureKind:
    """What an exception met while downloading or installing says failed."""
    if isinstance(exc, DownloadRefused | CatalogError):
        return exc.kind
    if isinstance(exc, NotSigned):  # no key to add helps: only a signed copy
        return FailureKind.UNSIGNED
    if isinstance(exc, KeyScope):  # adding a key cannot help: it is listed already
        return FailureKind.EARLIER_KEY if exc.earlier else FailureKind.KEY_SCOPE
    if isinstance(exc, SignatureError):
        return FailureKind.TRUST
    if isinstance(exc, LockBusy):  # a TimeoutError, yet no disk failure
        return FailureKind.BUSY
    if isinstance(exc, OSError):
        return FailureKind.of_os_error(exc)
    return FailureKind.OTHER


#: HTTP answers that mean "not now" rather than "no" (the download engine retries them too). The
#: repository reader names them SERVER, like a lasting refusal, and says the status only in its
#: words: read there until it names them NETWORK.
_TRANSIENT_ANSWER = re.compile(r"server answered HTTP (5\d\d|408|429)\b")


def retry_later(exc: CatalogError) -> bool:
    """Whether a repository that failed may work later by itself (try again when the network is
    back): decided by the failure's kind, never by the words of another kind."""
    if exc.kind is FailureKind.NETWORK:
        return True
    return exc.kind is FailureKind.SERVER and bool(_TRANSIENT_ANSWER.search(str(exc)))


def refused(where: str, exc: CatalogError) -> DownloadRefused:
    """The refusal of a course (`where`: its title, id and version) whose repository file could
    not be read: retryable when the repository may work later."""
    return DownloadRefused(f"{where}: {exc}", retryable=retry_later(exc), kind=exc.kind)
