"""`cartable catalogs add|list|remove URL_OR_FOLDER` and `cartable catalogs courses`: where
courses come from. The institution's catalogs come with the installer and cannot be removed.
`courses` marks a course signed by a key not trusted here as the catalog page does
(`CatalogCourse.untrusted_key`: known for a folder catalog, whose signatures are on the disk)."""

from __future__ import annotations

import argparse
import sys

from player.commands import CommandError, plural
from player.commands.download import PlayerDownloads, catalog_sources, open_store
from player.context import Context, open_context
from player.library.catalogs import CatalogSourceError, CourseState
from sync.download_io import human_bytes


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    catalogs = subparsers.add_parser("catalogs", help="where courses are downloaded from")
    sub = catalogs.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="list the catalogs (the institution's and yours)")
    p.set_defaults(func=_list)
    p = sub.add_parser("add", help="add a catalog: an http(s) URL or a folder (USB stick)")
    p.add_argument(
        "location",
        metavar="URL_OR_FOLDER",
        help="the catalog's http(s) address, or a folder holding a catalog.json",
    )
    p.set_defaults(func=_add)
    p = sub.add_parser("remove", help="remove a catalog you added")
    p.add_argument(
        "location",
        metavar="URL_OR_FOLDER",
        help="as `cartable catalogs list` shows it (the institution's are kept)",
    )
    p.set_defaults(func=_remove)
    p = sub.add_parser(
        "courses", help="the courses the catalogs offer, with what is installed and to download"
    )
    p.add_argument("--catalog", metavar="URL_OR_FOLDER", help="this catalog only")
    p.set_defaults(func=_courses)


def _downloads(context: Context) -> PlayerDownloads:
    open_store(context).close()  # migrates the database the downloads live in
    return PlayerDownloads.open(context)


def _list(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        sources = downloads.catalogs.sources()
        if not sources:
            print("no catalog; add one with `cartable catalogs add URL_OR_FOLDER`")
        for source in sources:
            origin = "institution" if source.origin == "institution" else "added"
            print(f"{source.location}\t{origin}")
    finally:
        downloads.close()
    return 0


def _add(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        try:
            source = downloads.catalogs.add(args.location)
        except CatalogSourceError as exc:
            raise CommandError(str(exc)) from None
        context.save_settings()
        [listing] = downloads.catalogs.fetch(downloads.session, [source])
    finally:
        downloads.close()
    if listing.error:
        print(f"added {source.location} (not reachable now: {listing.error})")
    else:
        # An untitled catalog's title is its location, already said.
        named = f"{listing.title}, " if listing.title != source.location else ""
        print(f"added {source.location}: {named}{plural(len(listing.entries), 'course')}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        try:
            source = downloads.catalogs.remove(args.location)
        except CatalogSourceError as exc:
            raise CommandError(str(exc)) from None
        context.save_settings()
    finally:
        downloads.close()
    print(f"removed {source.location}")
    return 0


STATES = {
    CourseState.AVAILABLE: "available",
    CourseState.INSTALLED: "installed",
    CourseState.UPDATE: "update",
}


def _courses(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        sources = catalog_sources(downloads, args.catalog)
        listings = downloads.catalogs.fetch(downloads.session, sources)
        for listing in listings:
            if listing.error:
                print(f"cartable: warning: {listing.error}", file=sys.stderr)
            elif listing.result is not None and listing.result.stale:
                print(
                    f"cartable: warning: {listing.source.location}: offline copy of "
                    f"{listing.result.fetched_at:%Y-%m-%d %H:%M}",
                    file=sys.stderr,
                )
            if listing.result is not None and listing.result.cache_error:
                print(f"cartable: warning: {listing.result.cache_error}", file=sys.stderr)
        downloads.catalogs.read_ahead(listings, downloads.session)
        browse = downloads.catalogs.browse(listings)
    finally:
        downloads.close()
    if not browse.courses:
        print("no course in the catalogs")
    for course in browse.courses:
        entry = course.entry
        size = human_bytes(course.to_download)
        if not course.size_known:
            size = f"up to {size}"
        state = STATES[course.state]
        if course.untrusted_key:  # the catalog page's "Not trusted": its download is refused
            state = f"not trusted (key {course.untrusted_key})"
        elif course.state is CourseState.UPDATE:
            state = f"update from {course.installed_version}"
        print(f"{entry.id}\t{entry.version}\t{entry.language}\t{state}\t{size}\t{entry.title}")
    return 0
