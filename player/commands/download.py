"""`cartable download COURSE_ID [--catalog URL_OR_FOLDER]`, and `PlayerDownloads`: the download
engine wired to this installation, shared by the command and the GUI's downloads controller.

For lab admins preparing many laptops: the same signed, verified, resumable downloads as the
player, with a text progress bar. A killed or interrupted run continues where it stopped when the
same command runs again (the parts and the state are in the device's data folder). For a version
already installed, only the files missing from this computer are fetched (those `cartable courses
check` removed, or deleted by hand): the command repairs it, or says it is installed.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TextIO, TypeVar

import requests

from player import __version__
from player.commands import CommandError, open_records, plural, with_trust_hint
from player.commands.courses import note_kept_files
from player.context import Context, open_context
from player.library.catalogs import (
    CatalogCourse,
    Catalogs,
    CatalogSource,
    CatalogSourceError,
    CourseState,
    normalize_location,
)
from player.library.download_records import InstallOutcome, PreparedDownload, Refetched
from player.library.download_refusals import DownloadRefused
from player.library.downloads import CourseDownloads
from player.settings import Settings
from player.store import Store
from player.wording import isolates, listed_name, named, shown_name
from sync.conditions import Reachability, TimeWindow
from sync.download import Downloader
from sync.download_io import human_bytes
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState, DownloadStore
from sync.http import DEFAULT_POOL_SIZE, make_session
from sync.ratelimit import RateLimiter

log = logging.getLogger(__name__)

T = TypeVar("T")

KB = 1000  # the bandwidth cap is set in kilobytes (1000 bytes) per second


@dataclass
class PlayerDownloads:
    """The application's one downloader, its catalogs and its course installs."""

    context: Context
    session: requests.Session
    store: DownloadStore
    downloader: Downloader
    courses: CourseDownloads
    catalogs: Catalogs

    @classmethod
    def open(
        cls,
        context: Context,
        *,
        reachability: Reachability | None = None,
        is_unmetered: Callable[[], bool] | None = None,
        options: DownloadOptions | None = None,
        cap_local: bool = False,
    ) -> PlayerDownloads:
        """Needs the records database migrated (open the `Store` first: it owns the file).
        `cap_local`: the cap holds sources on this network too (`--cap`, asked for one run)."""
        settings = context.settings
        parallel = max(1, min(8, settings.parallel_downloads))
        options = options or DownloadOptions(parallel=parallel)
        session = make_session(__version__, pool_size=max(DEFAULT_POOL_SIZE, options.parallel + 2))
        store = DownloadStore.open(context.paths.database)
        downloader = Downloader(
            context.paths.blobs,
            store,
            session,
            limiter=RateLimiter(cap_bytes_per_second(settings)),
            options=options,
            reachability=reachability,
            is_unmetered=is_unmetered,
            window=download_window(settings),
            unmetered_only=settings.unmetered_only,
            cap_local=cap_local,
        )
        courses = CourseDownloads(
            context.library, downloader, session, context.paths.data / "downloads"
        )
        catalogs = Catalogs(
            context.library, context.paths.cache, context.branding.catalogs, settings.catalogs
        )
        return cls(context, session, store, downloader, courses, catalogs)

    def apply_settings(self) -> None:
        """Settings changed: the cap, the window and the unmetered switch apply at once."""
        settings = self.context.settings
        self.downloader.limiter.set_rate(cap_bytes_per_second(settings))
        self.downloader.window = download_window(settings)
        self.downloader.unmetered_only = settings.unmetered_only

    def close(self) -> None:
        self.session.close()
        self.store.close()


def cap_bytes_per_second(settings: Settings) -> float:
    return max(0, settings.bandwidth_cap_kbps) * KB


def download_window(settings: Settings) -> TimeWindow | None:
    text = settings.download_window.strip()
    if not text:
        return None
    try:
        return TimeWindow.parse(text)
    except ValueError as exc:
        log.warning("settings: download_window ignored: %s", exc)
        return None


def open_store(context: Context) -> Store:
    """The records store (it migrates the database the download tables live in; a repair at
    open is said: `open_records`)."""
    return open_records(context.paths)


# --- the command ---------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "download",
        help="download and install courses from the catalogs (resumes an interrupted run)",
        description=(
            "Download courses from the configured catalogs (the institution's and those added "
            "with `cartable catalogs add`), or from --catalog. Only the files not already on "
            "this computer are fetched; an interrupted run continues where it stopped. For a "
            "version already installed, the files missing from this computer are fetched again "
            "(those `cartable courses check` removed)."
        ),
    )
    p.add_argument(
        "courses",
        nargs="*",
        metavar="COURSE_ID",
        help="the courses to download, as `cartable catalogs courses` lists them",
    )
    p.add_argument("--catalog", metavar="URL_OR_FOLDER", help="use this catalog only")
    p.add_argument(
        "--cap",
        type=int,
        metavar="KB_PER_S",
        help="bandwidth cap for this run, in kilobytes per second, also from a computer of the "
        "local network (0: none; default: settings, which cap the internet only)",
    )
    p.add_argument("--list", action="store_true", help="list unfinished downloads")
    p.add_argument(
        "--cancel", action="store_true", help="cancel the downloads of these courses (and --all)"
    )
    p.add_argument("--all", action="store_true", help="with --cancel: every recorded download")
    p.set_defaults(func=_download)


def _download(args: argparse.Namespace) -> int:
    if args.cap is not None and args.cap < 0:
        raise CommandError("--cap must be 0 (no cap) or more kilobytes per second")
    if not args.courses and not args.list and not (args.cancel and args.all):
        raise CommandError("name a course to download (see `cartable catalogs courses`)")
    context = open_context()
    if args.cap is not None:
        context.settings.bandwidth_cap_kbps = args.cap  # this run only: never saved
    store = open_store(context)
    store.close()
    # A cap typed for this run holds every network source; the settings' cap only the internet.
    downloads = PlayerDownloads.open(context, cap_local=args.cap is not None)
    try:
        if args.list:
            return _list(downloads)
        if args.cancel:
            return _cancel(downloads, args.courses, args.all)
        downloads.courses.finish_completed()
        for course_id in args.courses:
            code = _one(downloads, course_id, args.catalog)
            if code:
                return code
        return 0
    finally:
        downloads.close()


def _list(downloads: PlayerDownloads) -> int:
    items = downloads.courses.downloads()
    if not items:
        print("no download in progress")
    terminal = isolates(sys.stdout)  # the titles are the catalogs', from the network
    for item in items:
        reason = f"\t{shown_name(item.reason)}" if item.reason else ""  # may quote a server
        title = listed_name(item.title, terminal=terminal)
        print(f"{item.course_id}\t{item.version}\t{item.state}\t{title}{reason}")
    return 0


def _cancel(downloads: PlayerDownloads, course_ids: list[str], everything: bool) -> int:
    items = downloads.courses.downloads()
    chosen = [i for i in items if everything or i.course_id in course_ids]
    unknown = [c for c in course_ids if not any(i.course_id == c for i in items)]
    if unknown:
        raise CommandError(f"no download of {', '.join(map(shown_name, unknown))}")  # as typed
    for item in chosen:
        downloads.courses.discard(item.id)
        print(f"cancelled {item.course_id} {item.version}: nothing of it is kept")
    note_kept_files(downloads.courses.library)
    return 0


def catalog_sources(downloads: PlayerDownloads, catalog: str | None) -> list[CatalogSource]:
    if catalog:
        try:
            return [CatalogSource(normalize_location(catalog), "user")]
        except CatalogSourceError as exc:  # it starts with the location as typed
            raise CommandError(shown_name(str(exc))) from None
    sources = downloads.catalogs.sources()
    if not sources:
        raise CommandError(
            "no catalog is configured: add one with `cartable catalogs add URL_OR_FOLDER` "
            "or pass --catalog"
        )
    return sources


def find_course(downloads: PlayerDownloads, course_id: str, catalog: str | None) -> CatalogCourse:
    """The course in the catalogs (fetched now, or their offline copies); warnings to stderr.
    Every line is escaped (`shown_name`), as `catalogs courses` says them: the id is as typed, a
    folder catalog's location is its path as typed, and a reason may quote a server."""
    sources = catalog_sources(downloads, catalog)
    listings = downloads.catalogs.fetch(downloads.session, sources)
    for listing in listings:
        if listing.error:  # it starts with the location
            print(f"cartable: warning: {shown_name(listing.error)}", file=sys.stderr)
        elif listing.result is not None and listing.result.stale:
            location = shown_name(listing.source.location)
            reason = shown_name(str(listing.result.stale_reason))
            print(
                f"cartable: warning: {location}: using the copy from "
                f"{listing.result.fetched_at:%Y-%m-%d %H:%M} ({reason})",
                file=sys.stderr,
            )
        if listing.result is not None and listing.result.cache_error:
            warning = shown_name(listing.result.cache_error)
            print(f"cartable: warning: {warning}", file=sys.stderr)
    found = downloads.catalogs.browse(listings).find(course_id)
    if found is None:
        where = ", ".join(shown_name(s.location) for s in sources)
        raise CommandError(f"{shown_name(course_id)}: not in the catalogs ({where})")
    return found


def _one(downloads: PlayerDownloads, course_id: str, catalog: str | None) -> int:
    courses = downloads.courses
    recorded = [d for d in courses.downloads() if d.course_id == course_id and d.kind == "install"]
    try:
        found = find_course(downloads, course_id, catalog)
    except CommandError:
        if not recorded:
            raise
        found = None  # offline without a catalog copy: the recorded download has its manifest
    if found is not None and found.state is CourseState.INSTALLED:
        for stale in recorded:
            courses.discard(stale.id)
        if found.installed_version == found.version:
            return _fetch_missing(courses, found)
        print(f"{course_id} {found.installed_version} is already installed")  # a newer one
        return 0
    resume = next((d for d in recorded if found is None or d.version == found.version), None)
    for stale in recorded:
        if stale is not resume:
            courses.discard(stale.id)  # an older version's download: superseded
    progress = TextProgress(sys.stdout)
    work: Callable[[threading.Event], InstallOutcome]
    if resume is not None:
        title = resume.title
        print(f"{named(title, sys.stdout)} {resume.version}: resuming the download")
        progress.baseline = resume.baseline
        work = partial(_resume, courses, resume.id, progress)
    else:
        assert found is not None
        try:
            prepared = courses.prepare(found.entry, found.source)
        except DownloadRefused as exc:
            raise CommandError(with_trust_hint(shown_name(str(exc)))) from None
        title = found.entry.title
        size = human_bytes(prepared.to_download)
        update = f", updating from {prepared.previous_version}" if prepared.previous_version else ""
        print(f"{named(title, sys.stdout)} {found.version}: {size} to download{update}")
        progress.baseline = prepared.meta["baseline"]
        work = partial(_start, courses, prepared, progress)
    # The install's clean-up runs on the download thread: its figures are read there.
    outcome, collection = _run_interruptibly(
        lambda cancel: courses.library.collection_by(lambda: work(cancel))
    )
    progress.end()
    code = _report(outcome, title)
    note_kept_files(courses.library, collection)  # an update's old version goes, with a clean-up
    return code


def _fetch_missing(courses: CourseDownloads, found: CatalogCourse) -> int:
    """The installed version is the catalog's: fetch from it the files missing from this disk
    (one stat each, no re-hash: those `courses check` removed), as the player's repair from a
    catalog does; none missing, nothing is asked of the network."""
    progress = TextProgress(sys.stdout)
    refetched = _run_interruptibly(partial(_refetch, courses, found, progress))
    progress.end()
    result = refetched.result
    name = f"{found.id} {found.version}"
    if not refetched.files:
        print(f"{name} is already installed")
        return 0
    if result.state is DownloadState.COMPLETED:
        fetched = human_bytes(result.fetched_bytes)
        print(f"repaired {name}: {plural(refetched.files, 'file')} fetched ({fetched})")
        return 0
    if result.state in (DownloadState.PAUSED, DownloadState.QUEUED):
        print(f"{name}: paused; run the same command again to continue", file=sys.stderr)
        return 130
    failure = shown_name(str(result.error or result.state))
    raise CommandError(f"{name}: could not fetch its missing files: {failure}")


def _refetch(
    courses: CourseDownloads,
    found: CatalogCourse,
    progress: TextProgress,
    cancel: threading.Event,
) -> Refetched:
    return courses.fetch_missing(found.id, [found.source], cancel=cancel, progress=progress)


def _resume(
    courses: CourseDownloads, download_id: str, progress: TextProgress, cancel: threading.Event
) -> InstallOutcome:
    return courses.resume(download_id, cancel=cancel, progress=progress)


def _start(
    courses: CourseDownloads,
    prepared: PreparedDownload,
    progress: TextProgress,
    cancel: threading.Event,
) -> InstallOutcome:
    return courses.run(prepared, cancel=cancel, progress=progress)


def _run_interruptibly(work: Callable[[threading.Event], T]) -> T:
    """Run on a thread so that Ctrl+C pauses cleanly (the parts are kept for the next run)."""
    cancel = threading.Event()
    finished = threading.Event()
    box: list[T | BaseException] = []

    def target() -> None:
        try:
            box.append(work(cancel))
        except BaseException as exc:
            box.append(exc)
        finally:
            finished.set()

    threading.Thread(target=target, name="download", daemon=True).start()
    # Event.wait, not Thread.join: an interrupted join may report a live thread as finished.
    try:
        while not finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        cancel.set()
        while not finished.wait(0.2):
            pass
    outcome = box[0]
    if isinstance(outcome, BaseException):
        raise CommandError(f"download failed: {shown_name(str(outcome))}") from outcome
    return outcome


def _report(outcome: InstallOutcome, title: str) -> int:
    if outcome.state is DownloadState.COMPLETED and outcome.installed is not None:
        item = outcome.installed
        fetched = outcome.result.fetched_bytes if outcome.result else 0
        shown = named(title, sys.stdout)
        print(f"installed {item.id} {item.version}: {shown} ({human_bytes(fetched)} fetched)")
        return 0
    if outcome.state in (DownloadState.PAUSED, DownloadState.QUEUED):
        shown = named(title, sys.stderr)
        print(f"{shown}: paused; run the same command again to continue", file=sys.stderr)
        return 130
    if outcome.error:  # it may name a folder catalog's path or quote a server
        raise CommandError(shown_name(outcome.error))
    raise CommandError(f"{named(title, sys.stderr)}: download {outcome.state}")


class TextProgress:
    """A progress bar on a terminal; on a pipe or a log file, a line every half second."""

    WIDTH = 24

    def __init__(self, out: TextIO, interval: float | None = None) -> None:
        self.out = out
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.1 if self.tty else 0.5)
        self.baseline = 0
        self._last = 0.0
        self._state: DownloadState | None = None
        self._lock = threading.Lock()
        self._drawn = False

    def __call__(self, progress: DownloadProgress) -> None:
        with self._lock:
            now = time.monotonic()
            changed = progress.state is not self._state
            if not changed and now - self._last < self.interval:
                return
            self._last = now
            if changed and progress.state is not DownloadState.RUNNING:
                self._line(describe_state(progress))
            self._state = progress.state
            if progress.state is DownloadState.RUNNING:
                self._bar(progress)

    def _bar(self, p: DownloadProgress) -> None:
        total = max(0, p.total_bytes - self.baseline)
        done = min(total, max(0, p.done_bytes - self.baseline))
        fraction = 1.0 if total == 0 else done / total
        speed = f"{human_bytes(int(p.bytes_per_second))}/s"
        left = p.seconds_left
        eta = f", {format_duration(left)} left" if left is not None else ""
        if self.tty:
            filled = int(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            text = (
                f"\r[{bar}] {fraction * 100:5.1f}%  {human_bytes(done)} of {human_bytes(total)}"
                f"  {speed}{eta}   "
            )
            self.out.write(text)
            self._drawn = True
        else:
            of = plural(total, "byte")
            self.out.write(f"progress {done} of {of} ({fraction * 100:.1f}%), {speed}{eta}\n")
        self.out.flush()

    def _line(self, text: str) -> None:
        if self._drawn:
            self.out.write("\n")
            self._drawn = False
        self.out.write(text + "\n")
        self.out.flush()

    def end(self) -> None:
        with self._lock:
            if self._drawn:
                self.out.write("\n")
                self.out.flush()
                self._drawn = False


def describe_state(p: DownloadProgress) -> str:
    reason = f": {shown_name(p.reason)}" if p.reason else ""
    texts = {
        DownloadState.QUEUED: "queued",
        DownloadState.PAUSED: "paused",
        DownloadState.WAITING_FOR_NETWORK: "waiting for the network (it retries by itself)",
        DownloadState.WAITING_FOR_WINDOW: "waiting for the download hours",
        DownloadState.WAITING_FOR_UNMETERED: "waiting for an unmetered connection",
        DownloadState.COMPLETED: "downloaded; installing",
        DownloadState.FAILED: "failed",
    }
    return texts.get(p.state, str(p.state)) + reason


def format_duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
