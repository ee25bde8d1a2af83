"""What the catalog page says: the details of the current course (its state, why it cannot be
downloaded, the action's name), the notice over the table (catalogs unavailable, stale, not
saved), the empty page's message, and how a catalog is named.

Written, and translated, in `CatalogView`: the words keep that translation context
(`QCoreApplication.translate("CatalogView", ...)`); the page only lays them out.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from player.library.catalogs import Browse, CatalogCourse, CatalogListing, CourseState
from player.ui.catalog_model import CatalogModel
from player.ui.i18n import date_time_text, fill
from player.ui.language_names import language_name
from player.wording import isolated
from sync.download_state import FailureKind
from sync.repository import is_http


def short_location(location: str) -> str:
    """A catalog's address as the user typed it: `192.168.1.12:8475` (the path too, when the
    catalog is not at the server's root), or the folder."""
    if "://" not in location:
        return location
    parts = urlsplit(location)
    path = parts.path.rstrip("/")
    return parts.netloc + path


def listing_names(listings: Sequence[CatalogListing]) -> list[str]:
    """Each catalog's title, followed by its address when another catalog has the same title
    (the same share added twice, two teachers' laptops both named LAB-PC): told apart."""
    titles = [listing.title.casefold() for listing in listings]
    return [
        f"{listing.title} ({short_location(listing.source.location)})"
        if titles.count(title) > 1
        else listing.title
        for listing, title in zip(listings, titles, strict=True)
    ]


@dataclass(frozen=True)
class CourseWords:
    """The details panel's text for one course."""

    title: str  # rich text: the title escaped into our bold, and its version
    meta: str  # publisher · language · catalog
    state: str  # what it is here, or why it cannot be downloaded
    refusal: str  # why the action is disabled, when the learner could not guess it; or ""
    action: str  # the action's name, with its mnemonic


def course_words(
    course: CatalogCourse, model: CatalogModel, unsigned_allowed: bool, product: str
) -> CourseWords:
    """What the details panel says of `course`: `model` knows what is downloading and what a
    folder catalog lists unsigned; `unsigned_allowed` and `product` are the branding's."""
    entry = course.entry
    version = QCoreApplication.translate("CatalogView", "version %1").replace("%1", entry.version)
    title = html.escape(isolated(entry.title), quote=False)
    version = html.escape(version, quote=False)
    parts = [entry.publisher, language_name(entry.language), course.catalog]
    size = model.size_text(course)
    refusal = ""
    if course.id in model.downloading:
        state = QCoreApplication.translate("CatalogView", "Downloading: see Downloads.")
    elif course.state is CourseState.INSTALLED:
        state = QCoreApplication.translate("CatalogView", "Installed (version %1).").replace(
            "%1", course.installed_version or entry.version
        )
    elif course.other_signer and course.untrusted_key:  # its "add the key" would not help
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "This version is signed with another key than the installed version, so %1 "
                "will not replace it, and adding a key in Settings would not change that. Ask "
                "your institution for its new installer; or remove the course first (everyone's "
                "learning records and progress in it are kept), then install it from here.",
            ),
            isolated(product),
        )
    elif course.other_signer:  # a key trusted here: another publisher's (review r16 #3)
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "The installed version is signed by its publisher; this version is signed by "
                "a different publisher, so %1 will not replace it. To install it, remove the "
                "course first.",
            ),
            isolated(product),
        )
    elif course.untrusted_key:
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "This version is signed by a publisher %1 does not trust (key %2), so it "
                "cannot be installed. If your institution gave you its key file, add it in "
                "Settings (Trusted keys).",
            ),
            isolated(product),
            course.untrusted_key,
        )
    elif course.scoped_key:  # the demo key: listed already, adding it could not help
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "This version is signed with a key %1 accepts only for another course, so it "
                "cannot be installed. Tell its publisher.",
            ),
            isolated(product),
        )
    elif course.earlier_key:  # the demo signed before a rebuild: no key to add could help
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "This version is signed with an earlier key of the demo course, which %1 no longer "
                "accepts, so it cannot be installed.",
            ),
            isolated(product),
        )
    elif model.kept_signed(course):
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "The installed version of “%1” is signed by its publisher; this copy is not "
                "signed, so %2 will not replace it.",
            ),
            isolated(course.signed_installed or entry.title),
            isolated(product),
        )
    elif model.is_unsigned(course) and not unsigned_allowed:  # before UPDATE, as state_text
        state = refusal = fill(
            QCoreApplication.translate(
                "CatalogView",
                "Not signed: %1 accepts only signed courses. "
                "Ask your institution for a signed copy.",
            ),
            isolated(product),
        )
    elif model.is_unsigned(course):
        state = QCoreApplication.translate(
            "CatalogView",
            "This course is not signed: nobody can check who made it or that it was not "
            "changed. Installed, it is marked “Unverified”. To copy: %1.",
        ).replace("%1", size)
    elif course.state is CourseState.UPDATE:
        state = (
            QCoreApplication.translate(
                "CatalogView",
                "Version %1 is installed. The update downloads only the changed files: %2.",
            )
            .replace("%1", course.installed_version or "")
            .replace("%2", size)
        )
    else:
        state = QCoreApplication.translate("CatalogView", "To download: %1.").replace("%1", size)
    if model.is_unsigned(course) and unsigned_allowed and not refusal:
        action = QCoreApplication.translate("CatalogView", "&Install as unverified…")
    elif course.state is CourseState.UPDATE:
        action = QCoreApplication.translate("CatalogView", "&Update")
    else:
        action = QCoreApplication.translate("CatalogView", "&Download")
    return CourseWords(
        title=f"<b>{title}</b> — {version}",
        meta=" · ".join(isolated(p) for p in parts if p),
        state=state,
        refusal=refusal,
        action=action,
    )


@dataclass(frozen=True)
class Notice:
    """The line over the table: each catalog that could not be fetched, refreshed or saved."""

    text: str  # a line each, in the learner's language; "" when all is well
    details: str  # the sync layer's English lines (and files not written): the tooltip


def notice(browse: Browse | None, busy: bool, product: str) -> Notice:
    """What the page says over the table while the catalogs are fetched and once `browse` is
    there. `product`: the branding's name."""
    lines = []
    details = []
    if busy:
        lines.append(QCoreApplication.translate("CatalogView", "Fetching the catalogs…"))
    if browse is not None:
        names = listing_names(browse.listings)
        for listing, name in zip(browse.listings, names, strict=True):
            location = listing.source.location
            if listing.error:
                why = failure_text(listing.error_kind, location, product)
                lines.append(
                    fill(
                        QCoreApplication.translate("CatalogView", "%1 is unavailable: %2"),
                        isolated(name),
                        why,
                    )
                )
                details.append(listing.error)
            elif listing.result is not None and listing.result.stale:
                # Why in the line, not only the tooltip: whether it is this computer's
                # network or the server is what the learner acts on, with or without a mouse.
                why = failure_text(listing.result.stale_kind, location, product)
                when = date_time_text(listing.result.fetched_at)
                lines.append(
                    fill(
                        QCoreApplication.translate(
                            "CatalogView", "%1 could not be refreshed: %2 Showing the copy of %3."
                        ),
                        isolated(name),
                        why,
                        when,
                    )
                )
                if listing.result.stale_reason:
                    details.append(listing.result.stale_reason)
            elif listing.result is not None and listing.result.cache_error:
                # The catalog is current and usable: only its offline copy is not.
                lines.append(
                    QCoreApplication.translate(
                        "CatalogView",
                        "%1: this catalog could not be saved on this computer; without a "
                        "network it will be missing or out of date.",
                    ).replace("%1", isolated(name))
                )
                details.append(listing.result.cache_error)
    return Notice("\n".join(lines), "\n".join(details))


def failure_text(kind: FailureKind | None, location: str, product: str) -> str:
    """Why a catalog could not be fetched (none listed, or its offline copy shown), in the
    learner's language, by what failed (the sentences of the Downloads page where they mean
    the same, in its context)."""
    if kind is FailureKind.NETWORK:
        return QCoreApplication.translate("DownloadRow", "the server could not be reached.")
    if kind is FailureKind.SERVER:
        return fill(
            QCoreApplication.translate(
                "DownloadRow", "the server answered in a way %1 cannot use."
            ),
            isolated(product),
        )
    if kind is FailureKind.OTHER and is_http(location):
        # not JSON, not its format
        return QCoreApplication.translate("CatalogView", "the server's answer is not a catalog.")
    if kind is FailureKind.OTHER:
        return QCoreApplication.translate(
            "CatalogView", "this folder holds no catalog that can be read."
        )
    # a location refused, a fault of ours
    return QCoreApplication.translate("CatalogView", "this catalog cannot be used.")


def empty_text(browse: Browse | None, busy: bool, offered: int, shown: int) -> str | None:
    """The empty page's message, by why no course is shown: `offered` courses in all, `shown`
    once filtered. None when courses are shown (the page is hidden: its words left as they
    were)."""
    if browse is None or (busy and not offered):
        return QCoreApplication.translate("CatalogView", "Fetching the catalogs…") if busy else ""
    if not browse.listings:
        return QCoreApplication.translate(
            "CatalogView",
            "No catalog yet. Add the address of a catalog, or a folder holding one "
            "(a USB stick), in Settings.",
        )
    if not offered:
        return QCoreApplication.translate("CatalogView", "The catalogs offer no course.")
    if not shown:
        return QCoreApplication.translate("CatalogView", "No course matches this search.")
    return None
