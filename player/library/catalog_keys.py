"""Who signs what a catalog offers, judged against the keys trusted here, before any download.

A version signed by a key this device does not trust, by a key trusted for another course only
(the demo key), by an earlier key (the demo's before a rebuild), or by another publisher than
the installed version's can only be refused at its download. The Catalog page says so of each
course it knows the signer of (`judge_signer`, from `Catalogs.describe`), and adding a catalog
says which keys sign its courses that no key trusted here may sign them with
(`untrusted_signers`): a folder's every signature, a server's first few within a time budget,
since that check is only advice and must not hold the add. The signatures themselves are read
and remembered by `player.library.catalogs.Catalogs` (`read_signer`, `signers`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import requests

from player.course.signing import MAX_SIGNATURE_BYTES, signer_of
from player.library.library import Library
from sync.catalog import read_repository_file
from sync.catalog_parse import CatalogEntry, CatalogError
from sync.download_state import FailureKind
from sync.lookup import stop_waiting_when

if TYPE_CHECKING:
    from player.library.catalogs import CatalogListing, Catalogs

ADD_SIGNATURES_READ = 5
"""A server's catalog being added: how many of its courses' signatures are read for who signed
them (`untrusted_signers`); a catalog's courses usually share one publisher's key."""
ADD_SIGNATURE_TIMEOUT = (5.0, 5.0)
"""Seconds to connect, and for the whole answer of one of those signatures (no grace, unlike
a download's): the catalog is added already, the check is only advice and must not hold the
command (the sessions' 10 s + 30 s, up to 90 s for a trickle, held it 5 times)."""
ADD_SIGNATURES_BUDGET = 15.0
"""Seconds for all of those signatures together: past them the check stops, said."""
STOPPED = "stopped"
"""`SignerCheck.failure` of a check given up because no one waits for it any more."""


@dataclass(frozen=True)
class SignerCheck:
    """What `untrusted_signers` found: the keys not trusted here with the courses each
    signs, and why it stopped short (None: it read what it meant to), for the add to say."""

    untrusted: dict[str, list[CatalogEntry]]
    failure: str | None = None
    scoped: dict[str, list[CatalogEntry]] = field(default_factory=dict)
    """The keys trusted here for another course only, or earlier keys, whatever they sign
    (`TrustStore.scoped_elsewhere`), with the courses each signs: refused as well, though no
    key to add would help (`scope` names why)."""
    scope: dict[str, str] = field(default_factory=dict)
    """Each key of `scoped`: the one course it is accepted for (for an earlier key, the course
    it was the key of: accepted for none, `TrustStore.earlier_ids` tells which)."""


@dataclass(frozen=True)
class KeyVerdict:
    """Why a course version not installed here can only be refused for its signer, as
    `CatalogCourse`'s fields of the same names say it (all None: nothing known against it)."""

    untrusted_key: str | None = None
    scoped_key: str | None = None
    earlier_key: str | None = None
    other_signer: str | None = None


def judge_signer(library: Library, course_id: str, signer: str) -> KeyVerdict:
    """What `signer`, the key a version of `course_id` not installed here is signed with, means
    for its download."""
    untrusted = other = scoped = earlier = None
    if library.trust.trusts(signer, course_id):
        other = library.other_signer(course_id, signer)
    elif signer in library.trust.earlier_ids():
        earlier = signer  # an earlier key, whatever it signs: refused as EARLIER_KEY
    elif signer in library.trust.scoped_elsewhere(course_id):
        scoped = signer  # trusted for another course only: refused as KEY_SCOPE
    else:  # a key to add would let it install, unless another key signed the
        # installed version: adding it would not let it replace that (review u2)
        untrusted = signer
        other = library.other_signer(course_id, signer)
    return KeyVerdict(untrusted, scoped, earlier, other)


def untrusted_signers(
    catalogs: Catalogs,
    listing: CatalogListing,
    session: requests.Session,
    stop: Callable[[], bool] = lambda: False,
) -> SignerCheck:
    """The keys signing courses of a catalog being added that no key trusted here may sign
    them with, each with those courses: their downloads can only be refused, and nothing
    said so at the add. Every signature of a folder (on this disk); of a server, the first
    `ADD_SIGNATURES_READ` (one request each, on a link that may be paid), each within
    `ADD_SIGNATURE_TIMEOUT` and all within `ADD_SIGNATURES_BUDGET`, stopping at the first
    that the network or the server fails (the next would likely wait as long). `stop`: true
    once no one waits for the answer (Settings closed, the player quitting): it gives up at
    once, its failure "stopped", and a server's request held by a hung server with it.
    What it reads is remembered in `catalogs.signers`."""
    check = SignerCheck({})
    if listing.result is None or listing.result.stale:
        return check
    source = listing.result.catalog.source
    if listing.source.is_folder:
        for entry in listing.entries:
            if stop():
                return replace(check, failure=STOPPED)
            catalogs.read_signer(entry, source, session)
            _note_untrusted(catalogs, entry, source, check)
        return check
    budget_end = time.monotonic() + ADD_SIGNATURES_BUDGET
    for entry in listing.entries[:ADD_SIGNATURES_READ]:
        failure = _read_signer_within(catalogs, entry, source, session, budget_end, stop)
        if failure is not None:
            return replace(check, failure=failure)
        _note_untrusted(catalogs, entry, source, check)
    return check


def _read_signer_within(
    catalogs: Catalogs,
    entry: CatalogEntry,
    source: str,
    session: requests.Session,
    budget_end: float,
    stop: Callable[[], bool] = lambda: False,
) -> str | None:
    """`Catalogs.read_signer` of a server's course by `budget_end` and `ADD_SIGNATURE_TIMEOUT`:
    why the network or the server failed it (one line), None when read, missing or unsigned."""
    key = (source, entry.manifest_sha256)
    catalogs.signers.pop(key, None)
    connect, whole = ADD_SIGNATURE_TIMEOUT
    deadline = min(time.monotonic() + whole, budget_end)

    def late() -> bool:
        return time.monotonic() >= deadline

    try:
        with stop_waiting_when(lambda: late() or stop()):
            data = read_repository_file(
                source, entry.signature, session, MAX_SIGNATURE_BYTES, (connect, whole)
            )
    except CatalogError as exc:
        if exc.kind is FailureKind.MISSING:  # unsigned: said apart, at its download
            return None
        if stop():
            return STOPPED
        if not late():
            return str(exc)
        if deadline < budget_end:
            return f"no answer within {whole:.0f} s (the signature of {entry.id})"
        return (
            f"the server took more than {ADD_SIGNATURES_BUDGET:.0f} s "
            f"(at the signature of {entry.id})"
        )
    signer = signer_of(data)
    if signer is not None:
        catalogs.signers[key] = signer
    return None


def _note_untrusted(
    catalogs: Catalogs, entry: CatalogEntry, source: str, check: SignerCheck
) -> None:
    signer = catalogs.signers.get((source, entry.manifest_sha256))
    library = catalogs.library
    if signer is None or library.trust.trusts(signer, entry.id):
        return
    # A listed key first (the catalog page's "Not installable", not a key to add): an
    # earlier demo key signing les-mooc says so, the demo installed or not. Then a key not
    # listed, unless the course is installed under another key: adding it would not update
    # that course (u2), so it is no key to add either.
    scope = library.trust.scoped_elsewhere(entry.id).get(signer)
    if scope is not None:
        check.scoped.setdefault(signer, []).append(entry)
        check.scope[signer] = scope
    elif library.other_signer(entry.id, signer) is None:
        check.untrusted.setdefault(signer, []).append(entry)
