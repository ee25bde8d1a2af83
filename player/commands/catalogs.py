"""`cartable catalogs add|list|remove URL_OR_FOLDER`, `cartable catalogs courses` and `cartable
catalogs find` (the computers of this network sharing courses, sync/share_discovery.py): where
courses come from. The institution's catalogs come with the installer and cannot be removed.
`courses` marks a course signed by a key not trusted here as the catalog page does
(`CatalogCourse.untrusted_key`: known for a folder catalog, whose signatures are on the disk);
`add` warns of such keys at once, with the command that trusts one."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from player.commands import TRUST_HINT, CommandError, plural
from player.commands.download import PlayerDownloads, catalog_sources, open_store
from player.context import Context, open_context
from player.library.catalog_keys import untrusted_signers
from player.library.catalogs import CatalogSourceError, CourseState
from player.wording import courses_listed, isolates, listed_name, named, shown_name
from sync.download_io import human_bytes
from sync.share_discovery import DISCOVERY_PORT, SEEK_SECONDS, DiscoveryError, seek


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
    p = sub.add_parser(
        "find",
        help="find the computers of this network sharing courses (cartable share)",
        description="Ask the local network which computers share courses now, and print for "
        "each the `cartable catalogs add` to type. Needs broadcasts to cross the network, which "
        "some Wi-Fi networks block: then type the address the sharing computer shows.",
    )
    p.add_argument(
        "--to",
        metavar="ADDRESS",
        action="append",
        help="ask this address instead of the whole network: a computer's, or a network's "
        f"broadcast address (192.168.1.255); ADDRESS:PORT for another port than {DISCOVERY_PORT}"
        " (repeatable)",
    )
    p.set_defaults(func=_find)


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
            print(f"{shown_name(source.location)}\t{origin}")  # a folder as typed
    finally:
        downloads.close()
    return 0


def _add(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        try:
            source = downloads.catalogs.candidate(args.location)
            listing = downloads.catalogs.try_candidate(source, downloads.session)
            downloads.catalogs.add(source.location)
        except CatalogSourceError as exc:
            raise CommandError(shown_name(str(exc))) from None  # it starts with the location
        context.save_settings()
        # Said before the signatures are read: the catalog is added, whatever they do.
        location = shown_name(source.location)  # a folder's path as typed: ESC, a newline...
        if listing.error:
            print(f"added {location} (not reachable now: {shown_name(listing.error)})", flush=True)
        else:
            # An untitled catalog's title is its location, already said.
            titled = named(listing.title, sys.stdout)
            titled = f"{titled}, " if listing.title != source.location else ""
            count = courses_listed(entry.id for entry in listing.entries)
            print(f"added {location}: {titled}{count}", flush=True)
        try:
            check = untrusted_signers(downloads.catalogs, listing, downloads.session)
        except KeyboardInterrupt:  # the add is done: only the advice is given up
            print(
                "cartable: interrupted: which keys sign its courses was not checked; "
                "downloads will say it",
                file=sys.stderr,
            )
            return 0
    finally:
        downloads.close()
    for key_id, entries in check.untrusted.items():  # their downloads would be refused, unsaid
        unique = list(dict.fromkeys(entry.id for entry in entries))  # a course's versions: once
        ids = ", ".join(unique[:5]) + (", …" if len(unique) > 5 else "")
        print(
            f"cartable: warning: key {key_id}, which is not trusted here, signs "
            f"{courses_listed(e.id for e in entries)} of this catalog ({ids}): their downloads are "
            f"refused; {TRUST_HINT}",
            file=sys.stderr,
        )
    for key_id, entries in check.scoped.items():  # refused too, though no key to add helps
        unique = list(dict.fromkeys(entry.id for entry in entries))  # a course's versions: once
        ids = ", ".join(unique[:5]) + (", …" if len(unique) > 5 else "")
        scope = check.scope[key_id]
        if key_id in context.trust.earlier_ids():  # the demo's before a rebuild, whatever it
            # signs now (the demo, maths): accepted for no course
            which = f"an earlier key of the course {scope}, which this computer no longer accepts"
            advice = ""
        else:
            which = f"which this computer accepts only for the course {scope}"
            advice = "; tell its publisher"
        print(
            f"cartable: warning: key {key_id}, {which}, signs "
            f"{courses_listed(e.id for e in entries)} of this catalog ({ids}): their downloads are "
            f"refused{advice}",
            file=sys.stderr,
        )
    if check.failure is not None:
        print(
            f"cartable: could not check which keys sign its courses: {shown_name(check.failure)}; "
            "downloads will say it",
            file=sys.stderr,
        )
    return 0


def _remove(args: argparse.Namespace) -> int:
    context = open_context()
    downloads = _downloads(context)
    try:
        try:
            source = downloads.catalogs.remove(args.location)
        except CatalogSourceError as exc:
            raise CommandError(shown_name(str(exc))) from None  # it starts with the location
        context.save_settings()
    finally:
        downloads.close()
    print(f"removed {shown_name(source.location)}")
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
            if listing.error:  # it starts with the location
                print(f"cartable: warning: {shown_name(listing.error)}", file=sys.stderr)
            elif listing.result is not None and listing.result.stale:
                print(
                    f"cartable: warning: {shown_name(listing.source.location)}: offline copy of "
                    f"{listing.result.fetched_at:%Y-%m-%d %H:%M}",
                    file=sys.stderr,
                )
            if listing.result is not None and listing.result.cache_error:
                warning = shown_name(listing.result.cache_error)
                print(f"cartable: warning: {warning}", file=sys.stderr)
        downloads.catalogs.read_ahead(listings, downloads.session)
        browse = downloads.catalogs.browse(listings)
    finally:
        downloads.close()
    if not browse.courses:
        print("no course in the catalogs")
    terminal = isolates(sys.stdout)  # the titles are the catalogs', from the network
    for course in browse.courses:
        entry = course.entry
        size = human_bytes(course.to_download)
        if not course.size_known:
            size = f"up to {size}"
        state = STATES[course.state]
        if course.other_signer:  # trusted here or not, no key added here lets it replace
            state = (
                f"not updatable (the installed version is signed by key {course.other_signer}; "
                "ask the institution for its new installer, or remove the course first)"
            )
        elif course.untrusted_key:  # the catalog page's "Not trusted": its download is refused
            state = f"not trusted (key {course.untrusted_key})"
        elif course.scoped_key:  # the demo key: its download is refused, trusting it cannot help
            state = f"refused (key {course.scoped_key} is accepted only for another course)"
        elif course.earlier_key:  # an earlier demo key: accepted for no course
            state = (
                f"refused (key {course.earlier_key} is an earlier key, which this computer no "
                "longer accepts)"
            )
        elif course.state is CourseState.UPDATE:
            state = f"update from {course.installed_version}"
        title = listed_name(entry.title, terminal=terminal)
        language = shown_name(entry.language)  # any string a catalog wrote, as the title
        print(f"{entry.id}\t{entry.version}\t{language}\t{state}\t{size}\t{title}")
    return 0


def _find(args: argparse.Namespace) -> int:
    targets = [_target(text) for text in args.to] if args.to else None
    try:
        found = seek(targets)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None
    for share in found:
        name, courses = named(share.name, sys.stdout), plural(share.courses, "course")
        print(f"{name} ({share.address}), {courses}: cartable catalogs add {share.url}")
    if not found:
        asked = ", ".join(f"{a}:{p}" for a, p in targets) if targets else "this network"
        print(
            f"no computer sharing courses answered ({asked}, {SEEK_SECONDS:g} s). The sharing "
            "computer must be on the same network and sharing now (cartable share, or Share "
            "courses on this network in the player); its firewall, or a Wi-Fi network that "
            "blocks broadcasts, can also hide it: then type the address it shows "
            "(cartable catalogs add ADDRESS)."
        )
    return 0


def _target(text: str) -> tuple[str, int]:
    """`--to ADDRESS[:PORT]` as (address, UDP port); CommandError naming what is wrong."""
    address, colon, port_text = text.strip().partition(":")
    try:
        ipaddress.IPv4Address(address)
    except ValueError:
        raise CommandError(
            f"--to {text}: not a network address (four numbers from 0 to 255, such as "
            f"192.168.1.255, maybe followed by :{DISCOVERY_PORT})"
        ) from None
    if not colon:
        return address, DISCOVERY_PORT
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise CommandError(f"--to {text}: the port after “:” goes from 1 to 65535")
    return address, int(port_text)
